package org.ogi.support.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Makes dead-lettering idempotent per source record. The caller opens a transaction of its own, claims the letters
 * here (a row per source topic, partition and offset in the service's table {@code dead_letter}), sends only the
 * letters claimed for the first time, waits for the broker's acknowledgement, then commits. A poll redelivered after
 * that commit (the process died before the offsets were committed, a rebalance, a replay) finds its records claimed
 * and sends nothing again; a send that fails rolls the claim back, so the letter is sent on the next attempt and is
 * never lost. Claiming in the transaction that applies the good events instead would either hold their rows locked
 * while the broker answers, or, sending after that commit, lose the letter to a crash in between. One window is left:
 * a crash after the broker's acknowledgement and before the commit sends the letter a second time, with the same
 * origin headers ({@link DeadLetterSender#ORIGINAL_TOPIC}, partition, offset), by which a reader can tell. A digest
 * of key and value tells a record from another one at the same coordinates (the topic was deleted and created anew):
 * that one is sent. A concurrent claim of the same record (a zombie consumer after a rebalance) waits for this
 * transaction and then finds the record claimed.
 */
public final class DeadLetterLedger {

    private static final String CLAIM = "insert into dead_letter (topic, part, record_offset, digest) "
            + "select * from unnest(?::text[], ?::int[], ?::bigint[], ?::text[]) "
            + "on conflict (topic, part, record_offset) do update set digest = excluded.digest, "
            + "dead_lettered_at = now() where dead_letter.digest <> excluded.digest "
            + "returning topic, part, record_offset";

    private DeadLetterLedger() {
    }

    /** Claims the letters' records on {@code c} (inside the caller's transaction); returns those not claimed before. */
    public static List<DeadLetterSender.Letter> claim(Connection c, List<DeadLetterSender.Letter> letters)
            throws SQLException {
        Map<String, DeadLetterSender.Letter> byCoordinates = new LinkedHashMap<>();
        letters.forEach(l -> byCoordinates.putIfAbsent(coordinates(l.record()), l));
        if (byCoordinates.isEmpty()) {
            return List.of();
        }
        List<ConsumerRecord<String, byte[]>> records = byCoordinates.values().stream()
                .map(DeadLetterSender.Letter::record).toList();
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setArray(1, c.createArrayOf("text", records.stream().map(ConsumerRecord::topic).toArray()));
            ps.setArray(2, c.createArrayOf("integer", records.stream().map(ConsumerRecord::partition).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", records.stream().map(ConsumerRecord::offset).toArray()));
            ps.setArray(4, c.createArrayOf("text", records.stream().map(DeadLetterLedger::digest).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3));
                }
            }
        }
        List<DeadLetterSender.Letter> fresh = new ArrayList<>(claimed.size());
        byCoordinates.forEach((at, letter) -> {
            if (claimed.contains(at)) {
                fresh.add(letter);
            }
        });
        return fresh;
    }

    /** Records already dead-lettered among {@code topics}, as {@code topic/partition/offset -> digest}. */
    public static Map<String, String> claimed(Connection c, List<String> topics) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select topic, part, record_offset, digest from dead_letter where topic = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", topics.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3), rs.getString(4));
                }
            }
        }
        return out;
    }

    public static String coordinates(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "/" + r.offset();
    }

    /** SHA-256 of the key and the value (each length-prefixed, -1 for null), in hex. */
    public static String digest(ConsumerRecord<String, byte[]> r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8));
            update(sha, r.value());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            sha.update(bytes);
        }
    }
}
