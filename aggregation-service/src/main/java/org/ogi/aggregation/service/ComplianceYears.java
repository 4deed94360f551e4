package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.ogi.aggregation.StatisticsConfig;

/**
 * Makes sure every year the API answers for has had its compliance rows counted in full once: at start (an existing
 * database upgraded to compliance_leaf), and when a year closes on 1 January (every agency becomes expected for it).
 * After that the consumers keep the rows exact, so a counted year is remembered here and never counted again.
 */
@ApplicationScoped
public class ComplianceYears {

    private static final Logger LOG = Logger.getLogger(ComplianceYears.class);

    private final AgroalDataSource dataSource;
    private final StatisticsConfig config;
    private final Set<Integer> counted = ConcurrentHashMap.newKeySet();

    public ComplianceYears(AgroalDataSource dataSource, StatisticsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        ensure(config.firstYear(), config.lastClosedYear());
    }

    @Scheduled(every = "1h", delayed = "1h")
    void hourly() {
        ensure(config.firstYear(), config.lastClosedYear());
    }

    /** Counts, once, each year of the span not yet counted. Cheap when all are: a set lookup per year. */
    public void ensure(int from, int to) {
        for (int year = from; year <= to; year++) {
            if (!counted.contains(year)) {
                int y = year;
                boolean now = QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return ComplianceLedger.countYearOnce(c, y);
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not count compliance for " + y + ": " + e.getMessage(), e);
                    }
                });
                if (now) {
                    LOG.infof("Counted the compliance of %d in full", y);
                }
                counted.add(year);
            }
        }
    }
}
