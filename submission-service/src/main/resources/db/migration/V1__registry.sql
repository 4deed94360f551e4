-- Region and agency registry. Region rows come from V2__regions.sql (national division table) and later migrations.
create table region (
  code             char(6)      primary key,
  name             varchar(100) not null,
  level            varchar(16)  not null check (level in ('NATION', 'PROVINCE', 'PREFECTURE', 'COUNTY')),
  parent_code      char(6)      references region(code),
  valid_from       date,
  valid_to         date,
  development_zone boolean      not null default false,
  check (valid_from is null or valid_to is null or valid_from <= valid_to)
);
create index region_parent on region(parent_code);

create table agency (
  code            char(18)      primary key,
  name            varchar(200)  not null,
  region_code     char(6)       not null references region(code),
  kind            varchar(16)   not null check (kind in ('DEPARTMENT', 'GOVERNMENT', 'TOWNSHIP')),
  contact_email   varchar(320),
  webhook_url     varchar(2000),
  supervisor_code char(18),
  valid_from      date,
  valid_to        date,
  updated_at      timestamptz   not null,
  check (valid_from is null or valid_to is null or valid_from <= valid_to)
);
create index agency_region on agency(region_code);
