package org.ogi.submission.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ogi.format.Finding;
import org.ogi.format.Severity;
import org.ogi.format.narrative.NarrativeSignature;
import org.ogi.format.narrative.QualityChecks;

/**
 * 内容雷同 at national scale: a new version's narrative is compared only with the reports that share an LSH band
 * with it (index lookup by band key among the current versions of the same year), plus the same agency's previous
 * year, and verified by the estimated Jaccard similarity. The query's two halves exclude each other (other agencies,
 * this agency), so they are appended without the sort a {@code union} would spend on the signatures. Runs inside the
 * filing transaction, so the warning is stored with the version and carried by its event; {@link FilingStore} writes
 * the signature and its bands.
 */
@ApplicationScoped
public class NearDuplicates {

    /**
     * Entries read per band key, newest first. Formulaic texts crowd some bands with thousands of reports; a copy
     * shares nearly all 16 bands with its source, so it still meets its source or another copy of the same text.
     */
    static final int PER_BAND = 32;

    /** Candidates verified per filing, those sharing the most bands first. */
    static final int MAX_CANDIDATES = 64;

    /** Matches reported per filing, the most similar first: the office needs the sources, not every copy. */
    static final int MAX_REPORTED = 5;

    private final DataSource dataSource;
    private final QualityConfig config;

    public NearDuplicates(DataSource dataSource, QualityConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A report found similar. */
    record Match(String agencyCode, String agencyName, int year, double similarity) {
    }

    List<Finding> findings(String agencyCode, int year, int[] signature) {
        if (signature == null) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        long[] keys = NarrativeSignature.bandKeys(signature);
        String sql = """
                with hits as (
                  select h.report_id, h.version from unnest(?::bigint[]) k(band_key)
                   cross join lateral (select b.report_id, b.version from narrative_band b
                                        where b.year = ? and b.band_key = k.band_key
                                        order by b.report_id desc limit ?) h
                   group by h.report_id, h.version order by count(*) desc limit ?
                )
                select s.agency_code, a.name, s.year, s.signature
                  from hits h
                  join narrative_signature s on s.report_id = h.report_id and s.version = h.version
                  join report r on r.id = s.report_id and r.current_version = s.version and r.status <> 'WITHDRAWN'
                  join agency a on a.code = s.agency_code
                 where s.agency_code <> ?
                union all
                select s.agency_code, a.name, s.year, s.signature
                  from narrative_signature s
                  join report r on r.id = s.report_id and r.current_version = s.version and r.status <> 'WITHDRAWN'
                  join agency a on a.code = s.agency_code
                 where s.agency_code = ? and s.year = ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", Arrays.stream(keys).boxed().toArray(Long[]::new)));
            ps.setInt(2, year);
            ps.setInt(3, PER_BAND);
            ps.setInt(4, MAX_CANDIDATES);
            ps.setString(5, agencyCode);
            ps.setString(6, agencyCode);
            ps.setInt(7, year - 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double similarity = NarrativeSignature.similarity(signature, NarrativeSignature.fromBytes(rs.getBytes(4)));
                    if (similarity >= config.similarityThreshold()) {
                        matches.add(new Match(rs.getString(1).trim(), rs.getString(2), rs.getInt(3), similarity));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the near-duplicate lookup failed", e);
        }
        matches.sort(Comparator.comparingDouble(Match::similarity).reversed());
        return matches.stream().limit(MAX_REPORTED).map(m -> new Finding(QualityChecks.NEAR_DUPLICATE, Severity.WARNING, null,
                "叙述文字与" + m.agencyName() + "（" + m.agencyCode() + "）" + m.year() + "年度报告高度相似，相似度"
                        + String.format(Locale.ROOT, "%.2f", m.similarity()) + "（阈值"
                        + String.format(Locale.ROOT, "%.2f", config.similarityThreshold()) + "）")).toList();
    }
}
