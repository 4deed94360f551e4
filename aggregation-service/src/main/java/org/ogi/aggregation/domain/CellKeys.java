package org.ogi.aggregation.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ogi.format.CellDef;
import org.ogi.format.ReportFormat;

/**
 * The cell keys statistics are kept for: the union of the 2021, 2019 and legacy formats. A year's natural columns are
 * those of the format required for it, so a year without data still answers with every column at zero.
 */
public final class CellKeys {

    private static final List<String> ALL = union();
    private static final Set<String> KNOWN = Collections.unmodifiableSet(new LinkedHashSet<>(ALL));

    private CellKeys() {
    }

    /** Every known key: 2021 order first, then the 2019-only and legacy keys. */
    public static List<String> all() {
        return ALL;
    }

    public static boolean isKnown(String key) {
        return KNOWN.contains(key);
    }

    /** The keys of the format a report of {@code year} must use, in format order. */
    public static List<String> forYear(int year) {
        return ReportFormat.requiredFor(year).cells().stream().map(CellDef::key).toList();
    }

    private static List<String> union() {
        Set<String> keys = new LinkedHashSet<>();
        for (ReportFormat f : List.of(ReportFormat.F2021, ReportFormat.F2019, ReportFormat.LEGACY)) {
            f.cells().forEach(c -> keys.add(c.key()));
        }
        return List.copyOf(new ArrayList<>(keys));
    }
}
