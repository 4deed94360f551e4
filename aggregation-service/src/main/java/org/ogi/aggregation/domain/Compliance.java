package org.ogi.aggregation.domain;

/**
 * Who had to file for a year and what they did, for a region subtree.
 *
 * @param expected agencies obliged to file: those that exist on 31 December of the year (an agency retired during
 *                 the year does not file for it, its successor created during the year does), so a hand-over counts
 *                 once, never twice and never not at all
 * @param filed    reports whose current state is not withdrawn (including any from an agency that was not obliged)
 * @param onTime   filed reports received by their deadline
 * @param late     filed reports received after it
 * @param missing  obliged agencies without a filed report; never negative, so filed-and-expected never exceeds expected
 * @param accepted filed reports accepted by the supervising office
 * @param returned filed reports returned for amendment
 */
public record Compliance(long expected, long filed, long onTime, long late, long missing, long accepted,
                         long returned) {

    public static final Compliance NONE = new Compliance(0, 0, 0, 0, 0, 0, 0);

    public Compliance plus(Compliance o) {
        return new Compliance(expected + o.expected, filed + o.filed, onTime + o.onTime, late + o.late,
                missing + o.missing, accepted + o.accepted, returned + o.returned);
    }

    public Compliance minus(Compliance o) {
        return new Compliance(expected - o.expected, filed - o.filed, onTime - o.onTime, late - o.late,
                missing - o.missing, accepted - o.accepted, returned - o.returned);
    }

    /** Obliged agencies that did file. */
    public long filedAsExpected() {
        return expected - missing;
    }
}
