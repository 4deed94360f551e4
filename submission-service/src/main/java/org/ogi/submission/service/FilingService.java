package org.ogi.submission.service;

import org.ogi.support.problem.ProblemException;
import org.ogi.support.security.Caller;
import org.ogi.support.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ogi.format.Deadlines;
import org.ogi.format.Finding;
import org.ogi.format.ParseResult;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportParser;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportRules;
import org.ogi.format.ReportStatus;
import org.ogi.submission.domain.Agency;
import org.ogi.submission.domain.Report;
import org.ogi.submission.domain.ReportVersion;
import org.ogi.submission.messaging.OutboxWriter;
import org.ogi.format.narrative.NarrativeSignature;
import org.ogi.format.narrative.QualityChecks;

/**
 * Filing and amending: checks R1–R5 and the refusing quality checks (errors, nothing stored), R6–R8, wrong year or
 * document type, missing legacy sections and near-duplicate text (warnings stored with the version), keeps every version, and writes the report's new whole state to the outbox in the same transaction.
 */
@ApplicationScoped
public class FilingService {

    static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Deadlines.ZONE);

    private final EntityManager em;
    private final OutboxWriter outbox;
    private final FilingConfig config;
    private final NearDuplicates nearDuplicates;

    public FilingService(EntityManager em, OutboxWriter outbox, FilingConfig config, NearDuplicates nearDuplicates) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.nearDuplicates = nearDuplicates;
    }

    /** The outcome of a PUT: `created` for the first version, `changed` false for an unchanged re-send. */
    public record Filing(boolean created, boolean changed, ReportView report) {
    }

    /** A dry run, for the agency itself, a supervisor of its region or admin: the warnings quote last year's report. */
    public ValidationResult validate(int year, String agencyCode, JsonNode body, Caller caller) {
        Agency agency = agencyFor(year, agencyCode);
        if (!caller.maySee(agencyCode, agency.regionCode)) {
            throw ProblemException.forbidden("无权对机构 " + agencyCode + " 的年度报告做校验：只限本机构、其上级主管部门和管理员");
        }
        ParsedReport parsed;
        try {
            parsed = parse(year, body);
        } catch (ProblemException e) {
            List<Finding> errors = e.errors() == null ? List.of() : e.errors().stream()
                    .map(i -> new Finding(i.rule(), org.ogi.format.Severity.ERROR, i.cell(), i.message())).toList();
            return new ValidationResult(false, errors, List.of());
        }
        List<Finding> warnings = new ArrayList<>(warnings(agency, year, parsed));
        warnings.addAll(nearDuplicates.findings(agencyCode, year, NarrativeSignature.of(NarrativeSignature.comparable(parsed))));
        return new ValidationResult(true, List.of(), warnings);
    }

    @Transactional
    public Filing file(int year, String agencyCode, JsonNode body, Instant receivedAt, String filedBy) {
        Agency agency = agencyFor(year, agencyCode);
        ParsedReport parsed = parse(year, body);
        String canonical = parsed.canonicalJson();
        String hash = ReportCodec.sha256(canonical);

        lock(agencyCode, year);
        Optional<Report> existing = Report.of(agencyCode, year);
        if (existing.isPresent()) {
            Report report = existing.get();
            ReportVersion latest = ReportVersion.of(report.id, report.currentVersion).orElseThrow();
            if (latest.bodyHash.equals(hash) && report.status != ReportStatus.WITHDRAWN) {
                return new Filing(false, false, ReportCodec.view(report, latest, agency.name));
            }
            if (report.status == ReportStatus.ACCEPTED) {
                throw ProblemException.conflict("该报告已于" + BEIJING.format(report.reviewedAt) + "（北京时间）由" + report.reviewedBy
                        + "审核通过并锁定，不能再修改；如需更正，请联系审核机关退回后重新报送");
            }
        }
        List<Finding> warnings = new ArrayList<>(warnings(agency, year, parsed));
        int[] signature = NarrativeSignature.of(NarrativeSignature.comparable(parsed));
        warnings.addAll(nearDuplicates.findings(agencyCode, year, signature));
        Report report = existing.orElseGet(() -> newReport(agency, year, receivedAt));
        report.currentVersion = existing.isPresent() ? report.currentVersion + 1 : 1;
        report.revision = existing.isPresent() ? report.revision + 1 : 1;
        report.status = ReportStatus.SUBMITTED;
        report.reviewedAt = null;
        report.reviewedBy = null;
        report.reviewComment = null;
        if (existing.isEmpty()) {
            report.persist();
        }
        ReportVersion v = new ReportVersion();
        v.reportId = report.id;
        v.version = report.currentVersion;
        v.format = parsed.format().id();
        v.body = canonical;
        v.bodyHash = hash;
        v.findings = ReportCodec.findingsJson(warnings);
        v.receivedAt = receivedAt;
        v.filedBy = filedBy;
        v.persist();
        em.flush();
        nearDuplicates.store(report.id, v.version, agencyCode, year, signature);
        outbox.report(existing.isPresent() ? ReportEvent.AMENDED : ReportEvent.FILED, ReportCodec.state(report, v, parsed), Instant.now());
        return new Filing(existing.isEmpty(), true, ReportCodec.view(report, v, agency.name));
    }

    /** The filer takes its report back (e.g. filed under the wrong code); it stays in history but counts nowhere. */
    @Transactional
    public ReportView withdraw(int year, String agencyCode, String by) {
        lock(agencyCode, year);
        Report report = Report.of(agencyCode, year)
                .orElseThrow(() -> ProblemException.notFound("机构 " + agencyCode + " 尚未报送" + year + "年度报告"));
        if (report.status == ReportStatus.ACCEPTED) {
            throw ProblemException.conflict("该报告已审核通过并锁定，不能撤回；如需更正，请联系审核机关退回");
        }
        if (report.status == ReportStatus.WITHDRAWN) {
            throw ProblemException.conflict("该报告已撤回");
        }
        report.status = ReportStatus.WITHDRAWN;
        report.revision++;
        ReportVersion v = ReportVersion.of(report.id, report.currentVersion).orElseThrow();
        outbox.report(ReportEvent.WITHDRAWN, ReportCodec.state(report, v), Instant.now());
        String name = Agency.<Agency>findByIdOptional(agencyCode).map(a -> a.name).orElse(null);
        return ReportCodec.view(report, v, name);
    }

    private Report newReport(Agency agency, int year, Instant receivedAt) {
        Report r = new Report();
        r.agencyCode = agency.code;
        r.year = year;
        r.regionCode = agency.regionCode;
        r.firstReceivedAt = receivedAt;
        r.deadline = Deadlines.deadline(year, agency.kind, config.townshipDeadline());
        r.onTime = Deadlines.onTime(receivedAt, r.deadline);
        return r;
    }

    /** Serialises filings of one report across transactions and service instances without needing the row to exist. */
    private void lock(String agencyCode, int year) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", agencyCode + ":" + year)
                .getSingleResult();
    }

    private Agency agencyFor(int year, String agencyCode) {
        int lastClosedYear = ZonedDateTime.now(Deadlines.ZONE).getYear() - 1;
        if (year < config.firstYear() || year > lastClosedYear) {
            throw ProblemException.unprocessable("报告年度" + year + "无效：可报送" + config.firstYear() + "年至" + lastClosedYear
                    + "年的年度报告（报告期为1月1日至12月31日，年度结束后方可报送）", null);
        }
        Agency agency = Agency.<Agency>findByIdOptional(agencyCode)
                .orElseThrow(() -> ProblemException.notFound("机构 " + agencyCode + " 未登记"));
        if (!agency.activeDuring(year)) {
            throw ProblemException.unprocessable("机构 " + agency.name + " 在" + year + "年不在存续期内（" + period(agency)
                    + "），无需报送该年度报告", null);
        }
        return agency;
    }

    private static String period(Agency a) {
        return (a.validFrom == null ? "" : a.validFrom + "起") + (a.validTo == null ? "" : "至" + a.validTo);
    }

    private static ParsedReport parse(int year, JsonNode body) {
        ParseResult result = ReportParser.parse(body, year);
        List<Finding> errors = new ArrayList<>(result.errors());
        result.report().ifPresent(r -> errors.addAll(ReportRules.errors(r)));
        result.report().ifPresent(r -> errors.addAll(QualityChecks.errors(r, year)));
        if (!errors.isEmpty()) {
            List<Problem.Item> items = errors.stream().map(f -> Problem.Item.rule(f.rule(), f.cell(), f.message())).toList();
            throw ProblemException.unprocessable("年度报告有" + items.size() + "处错误，未保存；请逐项核对后重新报送", items);
        }
        return result.report().orElseThrow();
    }

    private List<Finding> warnings(Agency agency, int year, ParsedReport parsed) {
        // last year's current version in one round trip: every filing pays for this lookup
        @SuppressWarnings("unchecked")
        List<String> bodies = em.createNativeQuery("select v.body from report r join report_version v "
                        + "on v.report_id = r.id and v.version = r.current_version "
                        + "where r.agency_code = :code and r.year = :year and r.status <> 'WITHDRAWN'")
                .setParameter("code", agency.code).setParameter("year", year - 1).getResultList();
        Optional<ParsedReport> previous = bodies.stream().findFirst().map(body -> ReportCodec.parsed(body, year - 1));
        List<Finding> out = new ArrayList<>(ReportRules.warnings(parsed, previous));
        out.addAll(QualityChecks.warnings(parsed, year));
        return out;
    }
}
