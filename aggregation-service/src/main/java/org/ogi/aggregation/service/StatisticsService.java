package org.ogi.aggregation.service;

import org.ogi.support.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ogi.aggregation.StatisticsConfig;
import org.ogi.aggregation.domain.CellKeys;
import org.ogi.aggregation.domain.CellSums;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.Indicators;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.aggregation.service.StatisticsQueries.Total;
import org.ogi.aggregation.service.Views.ChildrenView;
import org.ogi.aggregation.service.Views.PathStep;
import org.ogi.aggregation.service.Views.RegionView;
import org.ogi.aggregation.service.Views.TrendPoint;
import org.ogi.aggregation.service.Views.TrendView;
import org.ogi.format.RegionCodes;
import org.ogi.format.RegionNames;

/**
 * Assembles the statistics views: sums from region_total, compliance from compliance_total, indicators from both.
 * Decides what is an unknown region (404) and which years exist; a known region in a year without data answers zeros.
 */
@ApplicationScoped
public class StatisticsService {

    /** Cells a trend shows when none are asked for: requests, their outcome, review cases, and the legacy figure. */
    static final List<String> DEFAULT_TREND_CELLS = List.of("requests.new.total", "requests.totalHandled.total",
            "reviewAndLitigation.adminReview.total", "applicationsReceived");

    /** Region views kept: the nation, provinces and busy prefectures of a few years (about 20 KB each). */
    static final int CACHED = 512;

    private final StatisticsQueries queries;
    private final StatisticsConfig config;
    private final ObjectMapper json;
    private final Map<String, Built> recent = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Built> eldest) {
            return size() > CACHED;
        }
    });
    /** Regions known to have data: an agency or report once seen stays seen (agencies are never deleted). */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public StatisticsService(StatisticsQueries queries, StatisticsConfig config, ObjectMapper json) {
        this.queries = queries;
        this.config = config;
        this.json = json;
    }

    /**
     * A region's year as the JSON answer. Dashboards ask for the same few regions again and again while their rows
     * change only when a batch touches them, so the view and its JSON are kept (for {@link #CACHED} regions and years)
     * with the row versions they were built from and the as-of time they carry; they are built again when a row
     * changed, and written again when only the as-of time moved (it is read fresh on every call).
     */
    public byte[] regionJson(int year, String code) {
        requireYear(year);
        requireRegion(code);
        String key = year + "/" + code;
        Built held = recent.get(key);
        Built now;
        if (held == null) {
            now = build(code, year);
        } else {
            StatisticsQueries.Stamp stamp = queries.stamp(code, year);
            if (!stamp.rows().equals(held.rows())) {
                now = build(code, year);
            } else if (Objects.equals(stamp.asOf(), held.view().asOf())) {
                return held.json();
            } else {
                RegionView v = held.view();
                now = new Built(held.rows(), new RegionView(v.region(), v.name(), v.level(), v.year(), stamp.asOf(),
                        v.compliance(), v.indicators(), v.reports(), v.cells()), json);
            }
        }
        recent.put(key, now);
        return now.json();
    }

    private Built build(String code, int year) {
        StatisticsQueries.RegionYear r = queries.regionYear(code, year);
        return new Built(r.rows(), view(code, year, r.asOf(), r.total(), r.compliance()), json);
    }

    /** A view and its JSON, written with the application's own mapper (as the REST layer writes every other view). */
    private record Built(String rows, RegionView view, byte[] json) {
        Built(String rows, RegionView view, ObjectMapper mapper) {
            this(rows, view, write(mapper, view));
        }

        private static byte[] write(ObjectMapper mapper, RegionView view) {
            try {
                return mapper.writeValueAsBytes(view);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not write the view of " + view.region(), e);
            }
        }
    }

    public ChildrenView children(int year, String code) {
        requireYear(year);
        requireRegion(code);
        Instant asOf = queries.asOf();
        Map<String, Total> childTotals = queries.childTotals(code, year);
        Map<String, Compliance> childCompliance = queries.childCompliance(code, year);
        Compliance own = queries.compliance(code, year, year).getOrDefault(year, Compliance.NONE);
        for (Compliance child : childCompliance.values()) {
            own = own.minus(child);
        }
        Set<String> children = new TreeSet<>(childCompliance.keySet());
        children.addAll(childTotals.keySet());
        Total total = queries.total(code, year);
        CellSums ownCells = new CellSums();
        ownCells.addAll(total.cells());
        long ownReports = total.reports();
        List<RegionView> rows = new ArrayList<>();
        for (String child : children) {
            Total t = childTotals.getOrDefault(child, new Total(0, new CellSums()));
            ownCells.subtract(t.cells().asMap());
            ownReports -= t.reports();
            rows.add(view(child, year, asOf, t, childCompliance.getOrDefault(child, Compliance.NONE)));
        }
        RegionView ownView = view(code, year, asOf, new Total(ownReports, ownCells), own);
        return new ChildrenView(code, year, asOf, path(code), ownView, rows);
    }

    public TrendView trend(String code, Integer from, Integer to, List<String> cells) {
        int first = from == null ? config.firstYear() : from;
        int last = to == null ? config.lastClosedYear() : to;
        if (first < config.firstYear() || last > config.lastClosedYear()) {
            throw ProblemException.badRequest("年度范围须在" + config.firstYear() + "年至" + config.lastClosedYear()
                    + "年之间");
        }
        if (first > last) {
            throw ProblemException.badRequest("起始年度" + first + "晚于结束年度" + last);
        }
        List<String> keys = cells == null || cells.isEmpty() ? DEFAULT_TREND_CELLS : cells;
        List<String> unknown = keys.stream().filter(k -> !CellKeys.isKnown(k)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("未知的单元格：" + String.join("、", unknown));
        }
        requireRegion(code);
        Map<Integer, Compliance> compliance = queries.compliance(code, first, last);
        Map<Integer, Total> totals = queries.totals(code, first, last);
        List<TrendPoint> points = new ArrayList<>();
        for (int year = first; year <= last; year++) {
            Total t = totals.getOrDefault(year, new Total(0, new CellSums()));
            Compliance c = compliance.getOrDefault(year, Compliance.NONE);
            Map<String, BigDecimal> picked = new LinkedHashMap<>();
            for (String key : keys) {
                picked.put(key, CellSums.normalize(t.cells().get(key)));
            }
            points.add(new TrendPoint(year, c, Indicators.of(year, t.cells(), c), picked));
        }
        return new TrendView(code, RegionCodes.level(code).name(), first, last, keys, queries.asOf(), points);
    }

    /** The nation, then each ancestor, then the region itself. */
    static List<PathStep> path(String code) {
        List<String> chain = new ArrayList<>(RegionChain.selfAndAncestors(code));
        Collections.reverse(chain);
        return chain.stream().map(c -> new PathStep(c, RegionNames.of(c).orElse(null), RegionCodes.level(c).name()))
                .toList();
    }

    public Instant asOf() {
        return queries.asOf();
    }

    /** 404 unless the code is well-formed and is the nation or a region at or above an agency or report seen. */
    public void requireRegion(String code) {
        if (!RegionCodes.isWellFormed(code)) {
            throw ProblemException.notFound("地区代码“" + code + "”不是六位数字的行政区划代码");
        }
        if (!seen.contains(code) && !queries.seen(code)) {
            throw ProblemException.notFound("没有地区“" + code + "”的统计：该地区及其下级没有登记任何机关或年报");
        }
        seen.add(code);
    }

    public void requireYear(int year) {
        if (year < config.firstYear() || year > config.lastClosedYear()) {
            throw ProblemException.notFound("没有" + year + "年度的统计：可查询的年度为" + config.firstYear() + "年至"
                    + config.lastClosedYear() + "年");
        }
    }

    private static RegionView view(String code, int year, Instant asOf, Total total, Compliance compliance) {
        return new RegionView(code, RegionNames.of(code).orElse(null), RegionCodes.level(code).name(), year, asOf,
                compliance, Indicators.of(year, total.cells(), compliance), total.reports(),
                total.cells().view(CellKeys.forYear(year)));
    }
}
