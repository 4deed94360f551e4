-- Notification service: what it knows from the topics (agencies, report states), and what it sent.

-- Every event applied (or found stale), so a redelivered event is recognised without re-reading state.
create table processed_event (
    event_id     uuid primary key,
    topic        text        not null,
    event_key    text,
    outcome      text        not null, -- APPLIED or STALE
    processed_at timestamptz not null default now()
);

-- Whole agency states from ogi.agencies; occurred_at orders them, so a replayed older state changes nothing.
create table agency (
    code            text primary key,
    name            text        not null,
    region_code     text        not null,
    kind            text        not null,
    contact_email   text,
    webhook_url     text,
    supervisor_code text,
    valid_from      date,
    valid_to        date,
    occurred_at     timestamptz not null,
    updated_at      timestamptz not null default now()
);
create index agency_region on agency (region_code text_pattern_ops);
create index agency_supervisor on agency (supervisor_code);

-- The current state of each report from ogi.reports; only a newer revision replaces it.
create table report (
    agency_code    text        not null,
    year           int         not null,
    region_code    text        not null,
    revision       bigint      not null,
    version        int         not null,
    status         text        not null,
    received_at    timestamptz,
    review_comment text,
    reviewed_by    text,
    reviewed_at    timestamptz,
    occurred_at    timestamptz not null,
    updated_at     timestamptz not null default now(),
    primary key (agency_code, year)
);

-- One row per message and channel. The unique key is claimed (INSERT ... ON CONFLICT DO NOTHING) before sending, so
-- concurrent runs, instances and restarts never send a stage twice. REMINDER rows name the obliged agency, DIGEST
-- rows the supervising office; due_date keeps a department's and a government's digests (different deadlines) apart.
create table delivery (
    id              bigserial primary key,
    kind            text        not null,
    agency_code     text        not null,
    year            int         not null,
    due_date        date        not null,
    stage           text        not null,
    channel         text        not null,
    recipient       text,
    cc              text,
    subject         text        not null,
    body            text        not null,
    days_late       int         not null,
    status          text        not null,
    attempts        int         not null default 0,
    run_at          timestamptz not null, -- the plan instant of the run that claimed it
    claimed_at      timestamptz not null, -- real clock, for the lease of a PENDING row
    next_attempt_at timestamptz,          -- plan clock, like run_at
    last_attempt_at timestamptz,
    sent_at         timestamptz,
    last_error      text,
    constraint delivery_once unique (kind, agency_code, year, due_date, stage, channel)
);
create index delivery_retry on delivery (year, status, next_attempt_at) where status in ('PENDING', 'FAILED');
create index delivery_agency on delivery (agency_code, year);

-- The agencies a digest listed, for "escalated" in the late-filer list and the agency's delivery log.
create table digest_item (
    delivery_id bigint not null references delivery (id) on delete cascade,
    agency_code text   not null,
    year        int    not null,
    days_late   int    not null,
    primary key (delivery_id, agency_code)
);
create index digest_item_agency on digest_item (agency_code, year);
