package org.ogi.aggregation.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable map of exact cell sums. Counts and amounts are both {@link BigDecimal} so the fee amounts add up to the
 * cent, and a subtraction followed by the same addition gives back exactly the same value.
 */
public final class CellSums {

    private final Map<String, BigDecimal> sums = new LinkedHashMap<>();

    public void add(Map<String, BigDecimal> cells) {
        cells.forEach((key, value) -> {
            if (value != null) {
                sums.merge(key, value, BigDecimal::add);
            }
        });
    }

    public void subtract(Map<String, BigDecimal> cells) {
        cells.forEach((key, value) -> {
            if (value != null) {
                sums.merge(key, value.negate(), BigDecimal::add);
            }
        });
    }

    public void addAll(CellSums other) {
        add(other.sums);
    }

    public Map<String, BigDecimal> asMap() {
        return sums;
    }

    public BigDecimal get(String key) {
        return sums.getOrDefault(key, BigDecimal.ZERO);
    }

    /**
     * The values of {@code columns} in that order (missing ones are zero), followed by any other key present with a
     * non-zero value; every value in plain form without trailing zeros (13.00 → 13, 12.50 → 12.5).
     */
    public Map<String, BigDecimal> view(List<String> columns) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String key : columns) {
            out.put(key, normalize(get(key)));
        }
        sums.forEach((key, value) -> {
            if (!out.containsKey(key) && value.signum() != 0) {
                out.put(key, normalize(value));
            }
        });
        return out;
    }

    /** Plain and minimal: 13.00 → 13, 1E+2 → 100, 12.50 → 12.5. */
    public static BigDecimal normalize(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
