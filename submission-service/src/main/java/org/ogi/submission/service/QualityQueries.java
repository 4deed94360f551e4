package org.ogi.submission.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.ogi.format.RegionCodes;
import org.ogi.support.problem.ProblemException;
import org.ogi.support.security.Caller;

/** Every finding stored with the current version of the reports of a subtree, so an office can act on them. */
@ApplicationScoped
public class QualityQueries {

    private final EntityManager em;

    public QualityQueries(EntityManager em) {
        this.em = em;
    }

    public record QualityFinding(String agencyCode, String agencyName, String regionCode, int year, int version,
                                 String rule, String severity, String cell, String message) {
    }

    public record Page(long total, int page, int size, List<QualityFinding> items) {
    }

    public Page list(Integer year, String region, String kind, int page, int size, Caller caller) {
        String scope = region == null ? caller.homeRegion() : region;
        if (!caller.isAdmin() && !caller.supervises(scope)) {
            throw ProblemException.forbidden("行政区划 " + scope + " 不在您的监管范围内");
        }
        String from = """
                 from report r
                 join report_version v on v.report_id = r.id and v.version = r.current_version
                 join agency a on a.code = r.agency_code
                 cross join lateral jsonb_array_elements(cast(v.findings as jsonb)) f
                where r.status <> 'WITHDRAWN' and r.region_code like :prefix
                """ + (year == null ? "" : " and r.year = :year") + (kind == null ? "" : " and f->>'rule' = :kind");
        var count = em.createNativeQuery("select count(*)" + from);
        var rows = em.createNativeQuery("select r.agency_code, a.name, r.region_code, r.year, r.current_version,"
                + " f->>'rule', f->>'severity', f->>'cell', f->>'message'" + from
                + " order by r.year desc, r.region_code, r.agency_code, f->>'rule'");
        for (var q : List.of(count, rows)) {
            q.setParameter("prefix", RegionCodes.subtreePrefix(scope) + "%");
            if (year != null) {
                q.setParameter("year", year);
            }
            if (kind != null) {
                q.setParameter("kind", kind);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> result = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<QualityFinding> items = result.stream().map(o -> new QualityFinding(((String) o[0]).trim(), (String) o[1],
                ((String) o[2]).trim(), ((Number) o[3]).intValue(), ((Number) o[4]).intValue(), (String) o[5],
                (String) o[6], (String) o[7], (String) o[8])).toList();
        return new Page(((Number) count.getSingleResult()).longValue(), page, size, items);
    }
}
