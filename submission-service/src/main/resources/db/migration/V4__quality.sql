-- Near-duplicate index (内容雷同): one MinHash signature per report version and its LSH band keys. A new version is
-- looked up by band key among the current versions of the same year, and the previous year's of the same agency.
create table narrative_signature (
  report_id   bigint   not null references report(id),
  version     int      not null,
  agency_code char(18) not null,
  year        int      not null,
  signature   bytea    not null,   -- 128 big-endian int32 MinHash values over 5-character shingles
  primary key (report_id, version)
);
create index narrative_signature_agency_year on narrative_signature(agency_code, year);

create table narrative_band (
  year      int     not null,
  band_key  bigint  not null,
  report_id bigint  not null,
  version   int     not null,
  foreign key (report_id, version) references narrative_signature(report_id, version)
);
create index narrative_band_lookup on narrative_band(year, band_key);
