package org.ogi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ogi.format.Deadlines;
import org.ogi.format.Events;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportParser;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.stack.demo.DemoAgency;

/**
 * The physical limit: the rows a filing writes — report, report_version (canonical body, hash, findings) and the
 * outbox event — inserted straight into PostgreSQL over JDBC, into a scratch database built by submission-service's
 * own Flyway migration files. (a) one transaction per report at the ingest's concurrency, (b) 500 reports a
 * transaction. Nothing else: no HTTP, no parsing, no rules, no locks, so the service's rate is read against it.
 */
final class RawJdbc {

    static final String DATABASE = "bench_raw";

    /** One report's rows, prepared before the clock starts. */
    record Rows(String agencyCode, String regionCode, int year, LocalDate deadline, String body, String hash,
                String payload) {
    }

    private final String jdbcUrl;

    RawJdbc(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Applies submission-service's migrations to the scratch database and registers the agencies (not timed). */
    void prepare(Path migrations, List<DemoAgency> agencies) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<Path> files;
            try (Stream<Path> list = Files.list(migrations)) {
                files = list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
            }
            for (Path file : files) {
                s.execute(Files.readString(file));
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into agency (code, name, region_code, kind,"
                    + " contact_email, updated_at) values (?, ?, ?, ?, ?, now())")) {
                int n = 0;
                for (DemoAgency a : agencies) {
                    insert.setString(1, a.code());
                    insert.setString(2, a.name());
                    insert.setString(3, a.regionCode());
                    insert.setString(4, a.kind().name());
                    insert.setString(5, a.contactEmail());
                    insert.addBatch();
                    if (++n % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    /** The rows of each filing, built the way the service builds them (canonical JSON, SHA-256, event JSON). */
    static List<Rows> rows(List<DemoAgency> agencies, String[] bodies, int year) {
        List<Rows> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < agencies.size(); i++) {
            if (bodies[i] == null) {
                continue;
            }
            DemoAgency a = agencies.get(i);
            ParsedReport parsed;
            try {
                parsed = ReportParser.parse(Events.mapper().readTree(bodies[i]), year).report().orElseThrow();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            LocalDate deadline = Deadlines.deadline(year, a.kind(), java.time.MonthDay.of(1, 31));
            ReportState state = new ReportState(a.code(), a.regionCode(), year, 1, 1, ReportStatus.SUBMITTED,
                    parsed.format().id(), now, deadline, false, parsed.cells(), List.of(), null, null, null);
            String canonical = parsed.canonicalJson();
            rows.add(new Rows(a.code(), a.regionCode(), year, deadline, canonical, sha256(canonical),
                    Events.toJson(ReportEvent.of(ReportEvent.FILED, state, now))));
        }
        return rows;
    }

    /** (a): one transaction per report, {@code clients} connections in parallel. */
    Load.Result perReport(List<Rows> rows, int clients) throws Exception {
        truncate();
        ThreadLocal<Connection> connection = new ThreadLocal<>();
        return Load.run("raw JDBC, 1 per tx", rows.size(), clients, () -> {
            Connection c = connect();
            c.setAutoCommit(false);
            connection.set(c);
            return c;
        }, i -> {
            Connection c = connection.get();
            insert(c, List.of(rows.get(i)));
            c.commit();
        });
    }

    /** (b): {@code batch} reports per transaction, {@code clients} connections in parallel; the rate is reports/s. */
    Load.Result batched(List<Rows> rows, int clients, int batch) throws Exception {
        truncate();
        ThreadLocal<Connection> connection = new ThreadLocal<>();
        int batches = (rows.size() + batch - 1) / batch;
        Load.Result result = Load.run("raw JDBC, " + batch + " per tx", batches, clients, () -> {
            Connection c = connect();
            c.setAutoCommit(false);
            connection.set(c);
            return c;
        }, i -> {
            Connection c = connection.get();
            insert(c, rows.subList(i * batch, Math.min(rows.size(), (i + 1) * batch)));
            c.commit();
        });
        return new Load.Result(rows.size(), result.failed(), result.seconds(), (rows.size() - result.failed() * batch)
                / result.seconds(), result.p50Millis(), result.p99Millis(), result.errors());
    }

    private static void insert(Connection c, List<Rows> rows) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement report = c.prepareStatement("insert into report (agency_code, year, region_code, status,"
                + " current_version, revision, first_received_at, on_time, deadline) values (?, ?, ?, 'SUBMITTED', 1, 1,"
                + " ?, false, ?)", new String[] {"id"})) {
            for (Rows r : rows) {
                report.setString(1, r.agencyCode());
                report.setInt(2, r.year());
                report.setString(3, r.regionCode());
                report.setTimestamp(4, now);
                report.setObject(5, r.deadline());
                report.addBatch();
            }
            report.executeBatch();
            try (ResultSet keys = report.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        try (PreparedStatement version = c.prepareStatement("insert into report_version (report_id, version, format,"
                + " body, body_hash, findings, received_at, filed_by) values (?, 1, '2021', ?, ?, '[]', ?, 'bench')");
             PreparedStatement outbox = c.prepareStatement("insert into outbox_event (topic, event_key, event_type,"
                     + " payload, created_at) values (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                Rows r = rows.get(i);
                version.setLong(1, ids.get(i));
                version.setString(2, r.body());
                version.setString(3, r.hash());
                version.setTimestamp(4, now);
                version.addBatch();
                outbox.setString(1, Topics.REPORTS);
                outbox.setString(2, Topics.reportKey(r.agencyCode(), r.year()));
                outbox.setString(3, ReportEvent.FILED);
                outbox.setString(4, r.payload());
                outbox.setTimestamp(5, now);
                outbox.addBatch();
            }
            version.executeBatch();
            outbox.executeBatch();
        }
    }

    private void truncate() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("truncate report, report_version, report_review, outbox_event cascade");
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
