package org.ogi.submission.service;

import org.ogi.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.ogi.format.RegionCodes;
import org.ogi.format.ReportStatus;
import org.ogi.submission.domain.Agency;
import org.ogi.submission.domain.Report;
import org.ogi.submission.domain.ReportVersion;
import org.ogi.support.security.Caller;

/** Reads of reports, each bounded by what the caller may see: its own agency, or its supervised subtree. */
@ApplicationScoped
public class ReportQueries {

    private final EntityManager em;

    public ReportQueries(EntityManager em) {
        this.em = em;
    }

    public Optional<ReportView> latest(int year, String agencyCode, Caller caller) {
        return visible(year, agencyCode, caller).map(r -> view(r, r.currentVersion).orElseThrow());
    }

    public Optional<ReportView> version(int year, String agencyCode, int version, Caller caller) {
        return visible(year, agencyCode, caller).flatMap(r -> view(r, version));
    }

    public Optional<List<ReportView>> versions(int year, String agencyCode, Caller caller) {
        return visible(year, agencyCode, caller).map(r -> {
            String name = agencyName(agencyCode);
            return ReportVersion.allOf(r.id).stream().map(v -> ReportCodec.view(r, v, name)).toList();
        });
    }

    public record Page(long total, int page, int size, List<ReportSummary> items) {
    }

    public Page list(Integer year, String region, ReportStatus status, int page, int size, Caller caller) {
        String scope = region == null ? caller.homeRegion() : region;
        if (!caller.isAdmin() && !caller.supervises(scope)) {
            throw ProblemException.forbidden("行政区划 " + scope + " 不在您的监管范围内");
        }
        String where = " from Report r, Agency a where a.code = r.agencyCode and r.regionCode like :prefix"
                + (year == null ? "" : " and r.year = :year") + (status == null ? "" : " and r.status = :status");
        var count = em.createQuery("select count(r)" + where, Long.class);
        var rows = em.createQuery("select r, a.name" + where + " order by r.year desc, r.regionCode, r.agencyCode", Object[].class);
        for (var q : List.of(count, rows)) {
            q.setParameter("prefix", RegionCodes.subtreePrefix(scope) + "%");
            if (year != null) {
                q.setParameter("year", year);
            }
            if (status != null) {
                q.setParameter("status", status);
            }
        }
        List<ReportSummary> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(o -> summary((Report) o[0], (String) o[1])).toList();
        return new Page(count.getSingleResult(), page, size, items);
    }

    private static ReportSummary summary(Report r, String name) {
        return new ReportSummary(r.agencyCode, name, r.regionCode, r.year, r.currentVersion, r.status, r.firstReceivedAt,
                r.deadline, r.onTime, r.reviewedBy);
    }

    /** Not found and not permitted differ: a supervisor outside the subtree gets 403, not a hint of existence via 404. */
    private Optional<Report> visible(int year, String agencyCode, Caller caller) {
        Optional<Report> report = Report.of(agencyCode, year);
        String region = report.map(r -> r.regionCode)
                .or(() -> Agency.<Agency>findByIdOptional(agencyCode).map(a -> a.regionCode))
                .orElse(null);
        boolean own = agencyCode.equals(caller.agencyCode().orElse(null));
        if (!caller.isAdmin() && !own && (region == null || !caller.supervises(region))) {
            throw ProblemException.forbidden("无权查看机构 " + agencyCode + " 的年度报告");
        }
        return report;
    }

    private Optional<ReportView> view(Report r, int version) {
        return ReportVersion.of(r.id, version).map(v -> ReportCodec.view(r, v, agencyName(r.agencyCode)));
    }

    private static String agencyName(String code) {
        return Agency.<Agency>findByIdOptional(code).map(a -> a.name).orElse(null);
    }
}
