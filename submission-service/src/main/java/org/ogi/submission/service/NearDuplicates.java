package org.ogi.submission.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
 * year, and verified by the estimated Jaccard similarity. Runs inside the filing transaction, so the warning is
 * stored with the version and carried by its event.
 */
@ApplicationScoped
public class NearDuplicates {

    /**
     * Candidates verified per filing, those sharing the most bands first: a copy shares nearly all of them, so the
     * bound keeps a filing's cost flat even where a whole province files from one template.
     */
    static final int MAX_CANDIDATES = 200;

    private final EntityManager em;
    private final QualityConfig config;

    public NearDuplicates(EntityManager em, QualityConfig config) {
        this.em = em;
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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with hits as (
                  select b.report_id, b.version from narrative_band b
                   where b.year = :year and b.band_key in (:keys)
                   group by b.report_id, b.version order by count(*) desc limit :candidates
                )
                select s.agency_code, a.name, s.year, s.signature
                  from hits h
                  join narrative_signature s on s.report_id = h.report_id and s.version = h.version
                  join report r on r.id = s.report_id and r.current_version = s.version and r.status <> 'WITHDRAWN'
                  join agency a on a.code = s.agency_code
                 where s.agency_code <> :code
                union
                select s.agency_code, a.name, s.year, s.signature
                  from narrative_signature s
                  join report r on r.id = s.report_id and r.current_version = s.version and r.status <> 'WITHDRAWN'
                  join agency a on a.code = s.agency_code
                 where s.agency_code = :code and s.year = :previous
                """)
                .setParameter("year", year).setParameter("keys", Arrays.stream(keys).boxed().toList())
                .setParameter("code", agencyCode).setParameter("previous", year - 1)
                .setParameter("candidates", MAX_CANDIDATES)
                .getResultList();
        for (Object[] row : rows) {
            double similarity = NarrativeSignature.similarity(signature, NarrativeSignature.fromBytes((byte[]) row[3]));
            if (similarity >= config.similarityThreshold()) {
                matches.add(new Match(((String) row[0]).trim(), (String) row[1], ((Number) row[2]).intValue(), similarity));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::similarity).reversed());
        return matches.stream().map(m -> new Finding(QualityChecks.NEAR_DUPLICATE, Severity.WARNING, null,
                "叙述文字与" + m.agencyName() + "（" + m.agencyCode() + "）" + m.year() + "年度报告高度相似，相似度"
                        + String.format(Locale.ROOT, "%.2f", m.similarity()) + "（阈值"
                        + String.format(Locale.ROOT, "%.2f", config.similarityThreshold()) + "）")).toList();
    }

    void store(long reportId, int version, String agencyCode, int year, int[] signature) {
        if (signature == null) {
            return;
        }
        // the signature and its bands in one statement: a filing must not pay a round trip per band
        em.createNativeQuery("with s as (insert into narrative_signature (report_id, version, agency_code, year, signature) "
                        + "values (:r, :v, :a, :y, :s) returning report_id, version, year) "
                        + "insert into narrative_band (year, band_key, report_id, version) "
                        + "select s.year, k, s.report_id, s.version from s, unnest(cast(:keys as bigint[])) as k")
                .setParameter("r", reportId).setParameter("v", version).setParameter("a", agencyCode)
                .setParameter("y", year).setParameter("s", NarrativeSignature.toBytes(signature))
                .setParameter("keys", Arrays.stream(NarrativeSignature.bandKeys(signature)).boxed().toArray(Long[]::new))
                .executeUpdate();
    }
}
