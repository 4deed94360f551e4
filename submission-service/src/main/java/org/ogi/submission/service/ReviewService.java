package org.ogi.submission.service;

import org.ogi.support.problem.ProblemException;
import org.ogi.support.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportStatus;
import org.ogi.submission.domain.Agency;
import org.ogi.submission.domain.Report;
import org.ogi.submission.domain.ReportReview;
import org.ogi.submission.domain.ReportVersion;
import org.ogi.submission.messaging.OutboxWriter;
import org.ogi.support.security.Caller;

/** Review by the supervision office: ACCEPT locks the report, RETURN reopens it for amendment. Each decision is an event. */
@ApplicationScoped
public class ReviewService {

    public enum Decision { ACCEPT, RETURN }

    private final EntityManager em;
    private final OutboxWriter outbox;

    public ReviewService(EntityManager em, OutboxWriter outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @Transactional
    public ReportView review(int year, String agencyCode, Decision decision, String comment, Caller caller) {
        Report report = Report.findForUpdate(agencyCode, year)
                .orElseThrow(() -> ProblemException.notFound("机构 " + agencyCode + " 尚未报送" + year + "年度报告"));
        if (!caller.isAdmin() && !caller.supervises(report.regionCode)) {
            throw ProblemException.forbidden("该报告（行政区划 " + report.regionCode + "）不在您的监管范围内");
        }
        String trimmed = comment == null || comment.isBlank() ? null : comment.strip();
        switch (decision) {
            case ACCEPT -> {
                if (report.status != ReportStatus.SUBMITTED) {
                    throw ProblemException.conflict("只有待审核的报告可以审核通过，该报告当前状态为" + label(report.status));
                }
                report.status = ReportStatus.ACCEPTED;
            }
            case RETURN -> {
                if (trimmed == null) {
                    throw ProblemException.unprocessable("退回报告时必须填写退回意见", java.util.List.of(
                            Problem.Item.field("comment", "退回意见不能为空")));
                }
                if (report.status != ReportStatus.SUBMITTED && report.status != ReportStatus.ACCEPTED) {
                    throw ProblemException.conflict("该报告当前状态为" + label(report.status) + "，不能退回");
                }
                report.status = ReportStatus.RETURNED;
            }
        }
        Instant now = Instant.now();
        report.revision++;
        report.reviewedBy = caller.name();
        report.reviewedAt = now;
        report.reviewComment = trimmed;
        ReportReview r = new ReportReview();
        r.reportId = report.id;
        r.version = report.currentVersion;
        r.decision = decision.name();
        r.comment = trimmed;
        r.reviewer = caller.name();
        r.decidedAt = now;
        r.persist();
        ReportVersion v = ReportVersion.of(report.id, report.currentVersion).orElseThrow();
        outbox.report(ReportEvent.REVIEWED, ReportCodec.state(report, v), now);
        String name = Agency.<Agency>findByIdOptional(agencyCode).map(a -> a.name).orElse(null);
        return ReportCodec.view(report, v, name);
    }

    static String label(ReportStatus s) {
        return switch (s) {
            case SUBMITTED -> "待审核";
            case ACCEPTED -> "已审核通过";
            case RETURNED -> "已退回";
            case WITHDRAWN -> "已撤回";
        };
    }
}
