package org.ogi.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.postgresql.PGConnection;

/**
 * The pool's connections to the real PostgreSQL carry the socket timeout of application.properties: pgjdbc's own
 * network timeout (the socket's SO_TIMEOUT, 0 = wait forever without the property), read from the live connection.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class DatabaseTimeoutsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPooledConnectionGivesUpOnASilentServerAfterFiveMinutes() throws Exception {
        // several at once, so more than the one connection the pool may already hold is created and checked
        Connection[] held = new Connection[3];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = dataSource.getConnection();
                assertEquals(300_000, held[i].getNetworkTimeout(), "the socket timeout pgjdbc set on connection " + i);
                assertTrue(held[i].unwrap(PGConnection.class).getBackendPID() > 0, "a real server backend");
                try (Statement s = held[i].createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the connection still works with the timeout set");
                }
            }
        } finally {
            for (Connection c : held) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aRequestWaitsAtMostFiveSecondsForAPoolConnection() {
        assertEquals(Duration.ofSeconds(5), dataSource.getConfiguration().connectionPoolConfiguration().acquisitionTimeout());
    }
}
