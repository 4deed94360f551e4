package org.ogi.submission.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.Topics;

/**
 * Appends events to the outbox inside the caller's transaction, so a change and its event commit or roll back together.
 * Rows go in with one batched statement: a bulk import of thousands of agencies costs one round trip per batch.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final ObjectMapper JSON = Events.mapper();

    private final DataSource dataSource;
    private final Event<OutboxWritten> written;

    public OutboxWriter(DataSource dataSource, Event<OutboxWritten> written) {
        this.dataSource = dataSource;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void agencies(List<AgencyState> states, Instant now) {
        List<Row> rows = states.stream()
                .map(a -> new Row(Topics.AGENCIES, a.code(), AgencyEvent.UPSERTED, json(AgencyEvent.upserted(a, now))))
                .toList();
        insert(rows, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void report(String type, ReportState state, Instant now) {
        String payload = json(ReportEvent.of(type, state, now));
        insert(List.of(new Row(Topics.REPORTS, Topics.reportKey(state.agencyCode(), state.year()), type, payload)), now);
    }

    private void insert(List<Row> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        // the transaction's own connection (Agroal gives Hibernate and this class the same one): the rows commit with
        // the change whatever Hibernate still has to flush
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(
                "insert into outbox_event (topic, event_key, event_type, payload, created_at) values (?, ?, ?, ?, ?)")) {
            Timestamp created = Timestamp.from(now);
            int pending = 0;
            for (Row row : rows) {
                ps.setString(1, row.topic());
                ps.setString(2, row.key());
                ps.setString(3, row.type());
                ps.setString(4, row.payload());
                ps.setTimestamp(5, created);
                ps.addBatch();
                if (++pending == 500) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + rows.size() + " outbox events failed", e);
        }
        written.fire(new OutboxWritten(rows.size()));
    }

    private static String json(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event not serialisable", e);
        }
    }

    private record Row(String topic, String key, String type, String payload) {
    }
}
