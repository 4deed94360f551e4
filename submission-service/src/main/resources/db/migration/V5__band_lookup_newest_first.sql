-- The near-duplicate lookup reads at most a fixed number of entries per band key, newest first, so a filing's cost stays
-- flat when formulaic texts crowd a band with thousands of reports (seen at national size: up to 4,000 hits a filing).
-- The index serves that read alone (index-only scan).
drop index narrative_band_lookup;
create index narrative_band_lookup on narrative_band(year, band_key, report_id desc) include (version);
