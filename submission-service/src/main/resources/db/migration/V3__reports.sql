-- One row per (agency, year): the report's current state. Every filed version is kept in report_version.
create table report (
  id              bigserial     primary key,
  agency_code     char(18)      not null references agency(code),
  year            int           not null,
  region_code     char(6)       not null,
  status          varchar(16)   not null check (status in ('SUBMITTED', 'ACCEPTED', 'RETURNED', 'WITHDRAWN')),
  current_version int           not null,
  revision        bigint        not null,
  first_received_at timestamptz not null,
  on_time         boolean       not null,
  deadline        date          not null,
  reviewed_by     varchar(200),
  reviewed_at     timestamptz,
  review_comment  text,
  unique (agency_code, year)
);
create index report_year_region on report(year, region_code);

create table report_version (
  id          bigserial    primary key,
  report_id   bigint       not null references report(id),
  version     int          not null,
  format      varchar(8)   not null,
  body        text         not null,   -- canonical nested JSON of the report
  body_hash   char(64)     not null,   -- sha-256 of body: unchanged re-sends keep the version
  findings    text         not null,   -- JSON array of warnings stored with this version
  received_at timestamptz  not null,
  filed_by    varchar(200) not null,
  unique (report_id, version)
);

create table report_review (
  id          bigserial    primary key,
  report_id   bigint       not null references report(id),
  version     int          not null,
  decision    varchar(8)   not null check (decision in ('ACCEPT', 'RETURN')),
  comment     text,
  reviewer    varchar(200) not null,
  decided_at  timestamptz  not null
);

-- Transactional outbox: written in the same transaction as the change it announces, published in id order by the relay.
create table outbox_event (
  id          bigserial    primary key,
  topic       varchar(100) not null,
  event_key   varchar(100) not null,
  event_type  varchar(50)  not null,
  payload     text         not null,
  created_at  timestamptz  not null,
  sent_at     timestamptz
);
create index outbox_unsent on outbox_event(id) where sent_at is null;
