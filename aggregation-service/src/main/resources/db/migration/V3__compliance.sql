-- Compliance counts per leaf region code (the region of an agency or report, not its ancestors) and year, kept exact
-- by the consumers: every batch recounts the (leaf, year) rows it touched from report_state and agency, so a read
-- of any subtree adds up at most a few thousand small rows instead of counting every agency of the country.
create table compliance_leaf (
  region_code text collate "C" not null,
  year        int              not null,
  expected    int              not null,
  filed       int              not null,
  on_time     int              not null,
  late        int              not null,
  missing     int              not null,
  accepted    int              not null,
  returned    int              not null,
  primary key (year, region_code)
);

-- The years whose compliance_leaf rows have been counted in full once (at first start, and when a year closes);
-- from then on the consumers keep them exact.
create table compliance_year (
  year       int         primary key,
  counted_at timestamptz not null
);

-- The same counts per region subtree (the leaf itself and every ancestor up to 000000) and year, moved by the
-- difference each recount made to its leaf rows, so that any region's figures are one row, as in region_total.
create table compliance_total (like compliance_leaf including all);
