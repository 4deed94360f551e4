-- Run once by the postgres image on an empty data directory: one database per service (each owns its schema and runs
-- its own Flyway migrations at start).
CREATE DATABASE submission;
CREATE DATABASE aggregation;
CREATE DATABASE notification;
