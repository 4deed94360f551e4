package org.ogi.format;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three shapes a report can have. Which one a report must use follows from its year: the national
 * table format started with the 2019 reports and was revised for 2021; earlier reports were free text.
 */
public enum ReportFormat {
    F2019("2019", "2019版"),
    F2021("2021", "2021版"),
    LEGACY("legacy", "旧版（2019年以前的自由文本）");

    /** First report year collected: the 2008 Regulation's first reporting year. */
    public static final int FIRST_YEAR = 2008;

    private static final List<String> TABULAR_TEXTS = List.of("overview", "problemsAndImprovements", "otherMatters");
    private static final List<String> LEGACY_TEXTS = List.of("text");

    private final String id;
    private final String label;

    ReportFormat(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The value of the JSON {@code format} field: "2019", "2021" or "legacy". */
    public String id() {
        return id;
    }

    /** Chinese name for messages, e.g. 「2019版」. */
    public String label() {
        return label;
    }

    public static Optional<ReportFormat> byId(String id) {
        for (ReportFormat f : values()) {
            if (f.id.equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a report of {@code year} must use; years before 2008 are not collected. */
    public static ReportFormat requiredFor(int year) {
        if (year < FIRST_YEAR) {
            throw new IllegalArgumentException("no report format for year " + year + " (first is " + FIRST_YEAR + ")");
        }
        if (year <= 2018) {
            return LEGACY;
        }
        return year <= 2020 ? F2019 : F2021;
    }

    /** True for the national table formats, where R1–R4 and R6 apply and no cell may be null. */
    public boolean tabular() {
        return this != LEGACY;
    }

    /** The flat cells in format order (2021: 200, 2019: 198, legacy: 5). */
    public List<CellDef> cells() {
        return switch (this) {
            case F2019 -> CellCatalog.F2019;
            case F2021 -> CellCatalog.F2021;
            case LEGACY -> CellCatalog.LEGACY;
        };
    }

    public Optional<CellDef> cell(String key) {
        return Optional.ofNullable(Index.BY_KEY.get(this).get(key));
    }

    /** The narrative fields: overview, problemsAndImprovements, otherMatters; legacy: text. */
    public List<String> textFields() {
        return this == LEGACY ? LEGACY_TEXTS : TABULAR_TEXTS;
    }

    /** Lazily built key index, outside the enum so that it can refer to the constants. */
    private static final class Index {
        static final Map<ReportFormat, Map<String, CellDef>> BY_KEY = Map.of(
                F2019, CellCatalog.index(F2019.cells()),
                F2021, CellCatalog.index(F2021.cells()),
                LEGACY, CellCatalog.index(LEGACY.cells()));
    }
}
