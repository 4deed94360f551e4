package org.ogi.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void storesAndReadsRowsInADatabaseItCreated() throws SQLException {
        try (PostgresServer server = PostgresServer.start(null, 0, false)) {
            server.ensureDatabase("roundtrip");
            server.ensureDatabase("roundtrip"); // idempotent
            try (Connection connection = connect(server, "roundtrip"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE region (code char(6) PRIMARY KEY, name text NOT NULL)");
                sql.execute("INSERT INTO region VALUES ('350128', '平潭县')");
                try (ResultSet rows = sql.executeQuery("SELECT name FROM region WHERE code = '350128'")) {
                    assertTrue(rows.next());
                    assertEquals("平潭县", rows.getString(1));
                }
                assertEquals("off", show(sql, "fsync"), "test servers trade durability for speed");
            }
            assertEquals("jdbc:postgresql://localhost:" + server.port() + "/roundtrip", server.jdbcUrl("roundtrip"));
        }
    }

    @Test
    void durableServerKeepsItsDataAcrossRestarts(@TempDir Path dir) throws SQLException {
        Path dataDir = dir.resolve("pg");
        int port;
        try (PostgresServer first = PostgresServer.start(dataDir, 0, true)) {
            port = first.port();
            first.ensureDatabase("kept");
            try (Connection connection = connect(first, "kept"); Statement sql = connection.createStatement()) {
                assertEquals("on", show(sql, "fsync"));
                assertEquals("on", show(sql, "synchronous_commit"));
                assertEquals("on", show(sql, "full_page_writes"));
                sql.execute("CREATE TABLE note (text text)");
                sql.execute("INSERT INTO note VALUES ('still here')");
            }
        }
        assertTrue(Files.exists(dataDir.resolve("PG_VERSION")), "a kept data directory survives close()");
        try (PostgresServer second = PostgresServer.start(dataDir, port, true);
             Connection connection = connect(second, "kept"); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT text FROM note")) {
            assertTrue(rows.next());
            assertEquals("still here", rows.getString(1));
        }
    }

    @Test
    void stopsAPostgresLeftRunningByAProcessThatWasKilled(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("pg");
        int port = Cli.freePort();
        Process orphanMaker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PostgresServer.class.getName(),
                "--data-dir", dataDir.toString(), "--port", Integer.toString(port), "--databases", "left")
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(orphanMaker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("READY")) {
                // PostgreSQL's own log lines
            }
            assertTrue(line != null, "the child process printed its READY line");
            orphanMaker.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // kill -9: pg_ctl's server lives on
        }
        assertTrue(Files.exists(dataDir.resolve("postmaster.pid")), "the killed process left PostgreSQL running");

        try (PostgresServer server = PostgresServer.start(dataDir, port, true);
             Connection connection = connect(server, "left"); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT pg_postmaster_start_time() > now() - interval '1 minute'")) {
            assertTrue(rows.next());
            assertTrue(rows.getBoolean(1), "a fresh postmaster serves the kept data");
        }
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "stopped cleanly at the end");
    }

    private static Connection connect(PostgresServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
    }

    private static String show(Statement sql, String setting) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
