package org.ogi.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kafka broker logs every partition change at INFO, which buries a service's own test output. Levels are set
 * through java.util.logging because both JBoss LogManager (Quarkus, surefire) and the JDK honour it; the loggers are
 * kept referenced because java.util.logging holds them weakly and would forget the level.
 */
final class QuietLogs {

    private static final List<String> LOUD = List.of("kafka", "org.apache.kafka", "state.change.logger");
    private static final List<Logger> KEPT = new ArrayList<>();

    private QuietLogs() {
    }

    static synchronized void apply() {
        if (!KEPT.isEmpty()) {
            return;
        }
        for (String name : LOUD) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            KEPT.add(logger);
        }
    }
}
