-- Statistics kept by the aggregation service, fed only by ogi.agencies and ogi.reports.
-- Region codes use the "C" collation so that a subtree is a plain index range (e.g. '4302' <= code < '4302~').
-- Cells are numeric[] indexed by cell_key.idx: about seven times cheaper to write and ten times cheaper to add up than
-- a jsonb map of 200 keys (measured), and exact like any numeric.

-- The position of every cell key in the cells arrays. Appended to (never reordered) by the service at startup when the
-- report format gains a cell, so stored arrays keep their meaning forever.
create table cell_key (
  idx int  primary key check (idx >= 1),
  key text not null unique
);

-- The registry as last seen on ogi.agencies: whole state per agency, the newest occurredAt wins.
create table agency (
  code        varchar(18)      primary key,
  name        text             not null,
  region_code text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  kind        varchar(16),
  valid_from  date,
  valid_to    date,
  event_id    uuid             not null,
  occurred_at timestamptz      not null
);
create index agency_region on agency (region_code);
create index agency_occurred on agency (occurred_at);

-- The current state of every report (key agencyCode:year), applied only when its revision is newer.
-- Its cells (null where the report states nothing) are what it contributes to region_total while not withdrawn.
create table report_state (
  agency_code varchar(18)      not null,
  year        int              not null,
  revision    bigint           not null,
  version     int              not null,
  status      varchar(16)      not null,
  format      varchar(8)       not null,
  region_code text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  received_at timestamptz,
  deadline    date,
  on_time     boolean          not null,
  cells       numeric[]        not null,
  event_id    uuid             not null,
  occurred_at timestamptz      not null,
  applied_at  timestamptz      not null default now(),
  primary key (agency_code, year)
);
create index report_state_year_region on report_state (year, region_code);
create index report_state_occurred on report_state (occurred_at);

-- Per region subtree (county, prefecture, province, nation) and year: the exact sum of every cell of the
-- contributing reports, and how many reports contribute. Maintained by deltas in the consumer's transaction.
create table region_total (
  region_code text collate "C" not null,
  year        int              not null,
  reports     int              not null,
  cells       numeric[]        not null,
  updated_at  timestamptz      not null,
  primary key (region_code, year)
);
create index region_total_year on region_total (year, region_code);

-- Adds two cell arrays position by position (a missing or null element counts as zero; the shorter one is padded),
-- so a batch's delta is one upsert per (region, year) row.
create function cell_sum(a numeric[], b numeric[]) returns numeric[]
language sql immutable parallel safe as $$
  select coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) order by n), '{}')
  from unnest(a, b) with ordinality as u(x, y, n)
$$;

-- Scratch tables of the rebuild (POST /api/v1/statistics/rebuild): the topics replayed from offset zero.
-- Unlogged: they are recomputed on every rebuild and never the source of truth.
create unlogged table rebuild_agency (like agency including defaults);
alter table rebuild_agency add primary key (code);
create unlogged table rebuild_report_state (like report_state including defaults);
alter table rebuild_report_state add primary key (agency_code, year);
