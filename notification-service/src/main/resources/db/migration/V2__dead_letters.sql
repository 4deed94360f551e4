-- Source records this service has dead-lettered, so a redelivered poll does not dead-letter them again
-- (messaging.DeadLetters, service-support DeadLetterLedger). digest: SHA-256 of key and value, in hex.
create table dead_letter (
    topic text not null, part int not null, record_offset bigint not null, digest text not null,
    dead_lettered_at timestamptz not null default now(),
    primary key (topic, part, record_offset)
);
