package org.ogi.submission.service;

import org.ogi.support.problem.ProblemException;
import org.ogi.support.security.Caller;
import org.ogi.support.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
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
import org.ogi.format.ReportState;
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
    private final FilingStore store;

    public FilingService(EntityManager em, OutboxWriter outbox, FilingConfig config, NearDuplicates nearDuplicates,
            FilingStore store) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.nearDuplicates = nearDuplicates;
        this.store = store;
    }

    /** The outcome of a PUT: `created` for the first version, `changed` false for an unchanged re-send. */
    public record Filing(boolean created, boolean changed, ReportView report) {
    }

    /** A dry run, for the agency itself, a supervisor of its region or admin: the warnings quote last year's report. */
    public ValidationResult validate(int year, String agencyCode, JsonNode body, Caller caller) {
        FilingStore.AgencyRow agency = agencyFor(year, agencyCode, null);
        if (!caller.maySee(agencyCode, agency.regionCode())) {
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
        Optional<String> previous = store.snapshot(agencyCode, year, false).previousBody();
        List<Finding> warnings = new ArrayList<>(warnings(year, parsed, previous));
        warnings.addAll(nearDuplicates.findings(agencyCode, year, NarrativeSignature.of(NarrativeSignature.comparable(parsed))));
        return new ValidationResult(true, List.of(), warnings);
    }

    @Transactional
    public Filing file(int year, String agencyCode, JsonNode body, Instant receivedAt, String filedBy) {
        FilingStore.AgencyRow agency = agencyFor(year, agencyCode, year);
        ParsedReport parsed = parse(year, body);
        String canonical = parsed.canonicalJson();
        String hash = ReportCodec.sha256(canonical);

        FilingStore.Snapshot snapshot = store.snapshot(agencyCode, year, true);
        Optional<FilingStore.Current> existing = snapshot.current();
        if (existing.isPresent()) {
            FilingStore.Current current = existing.get();
            if (current.bodyHash().equals(hash) && current.status() != ReportStatus.WITHDRAWN) {
                return new Filing(false, false, unchanged(agency, year, current, canonical));
            }
            if (current.status() == ReportStatus.ACCEPTED) {
                throw ProblemException.conflict("该报告已于" + BEIJING.format(current.reviewedAt()) + "（北京时间）由"
                        + current.reviewedBy() + "审核通过并锁定，不能再修改；如需更正，请联系审核机关退回后重新报送");
            }
        }
        List<Finding> warnings = new ArrayList<>(warnings(year, parsed, snapshot.previousBody()));
        int[] signature = NarrativeSignature.of(NarrativeSignature.comparable(parsed));
        warnings.addAll(nearDuplicates.findings(agencyCode, year, signature));

        int version = existing.map(c -> c.version() + 1).orElse(1);
        long revision = existing.map(c -> c.revision() + 1).orElse(1L);
        FilingStore.NewVersion v = new FilingStore.NewVersion(version, revision, parsed.format().id(), canonical, hash,
                ReportCodec.findingsJson(warnings), receivedAt, filedBy,
                signature == null ? null : NarrativeSignature.toBytes(signature),
                signature == null ? null : Arrays.stream(NarrativeSignature.bandKeys(signature)).boxed().toArray(Long[]::new));
        String regionCode;
        LocalDate deadline;
        boolean onTime;
        Instant firstReceivedAt;
        if (existing.isPresent()) {
            FilingStore.Current current = existing.get();
            store.insertAmendment(current.id(), agencyCode, year, v);
            regionCode = current.regionCode(); // a report stays where it was first filed
            deadline = current.deadline();
            onTime = current.onTime();
            firstReceivedAt = current.firstReceivedAt();
        } else {
            regionCode = agency.regionCode();
            deadline = Deadlines.deadline(year, agency.kind(), config.townshipDeadline());
            onTime = Deadlines.onTime(receivedAt, deadline);
            firstReceivedAt = receivedAt;
            store.insertFirst(agencyCode, year, regionCode, deadline, onTime, v);
        }
        ReportState state = new ReportState(agencyCode, regionCode, year, version, revision, ReportStatus.SUBMITTED,
                v.format(), receivedAt, deadline, onTime, parsed.cells(), warnings, null, null, null);
        outbox.report(existing.isPresent() ? ReportEvent.AMENDED : ReportEvent.FILED, state, Instant.now());
        ReportView view = new ReportView(agencyCode, agency.name(), regionCode, year, version, version, revision,
                ReportStatus.SUBMITTED, v.format(), receivedAt, firstReceivedAt, deadline, onTime, filedBy, warnings, null,
                canonical);
        return new Filing(existing.isEmpty(), true, view);
    }

    /** An idempotent re-send: the current version as it stands, its body being the one just sent. */
    private static ReportView unchanged(FilingStore.AgencyRow agency, int year, FilingStore.Current c, String canonical) {
        ReportView.Review review = c.reviewedAt() == null ? null
                : new ReportView.Review(c.reviewedBy(), c.reviewedAt(), c.reviewComment());
        return new ReportView(agency.code(), agency.name(), c.regionCode(), year, c.version(), c.version(), c.revision(),
                c.status(), c.format(), c.receivedAt(), c.firstReceivedAt(), c.deadline(), c.onTime(), c.filedBy(),
                ReportCodec.findings(c.findings()), review, canonical);
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

    /** Serialises filings of one report across transactions and service instances without needing the row to exist. */
    private void lock(String agencyCode, int year) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", FilingStore.lockKey(agencyCode, year))
                .getSingleResult();
    }

    /** The filing agency; with {@code lockYear} its report for that year is locked for this transaction. */
    private FilingStore.AgencyRow agencyFor(int year, String agencyCode, Integer lockYear) {
        int lastClosedYear = ZonedDateTime.now(Deadlines.ZONE).getYear() - 1;
        if (year < config.firstYear() || year > lastClosedYear) {
            throw ProblemException.unprocessable("报告年度" + year + "无效：可报送" + config.firstYear() + "年至" + lastClosedYear
                    + "年的年度报告（报告期为1月1日至12月31日，年度结束后方可报送）", null);
        }
        FilingStore.AgencyRow agency = store.agency(agencyCode, lockYear)
                .orElseThrow(() -> ProblemException.notFound("机构 " + agencyCode + " 未登记"));
        if (!agency.activeDuring(year)) {
            throw ProblemException.unprocessable("机构 " + agency.name() + " 在" + year + "年不在存续期内（" + agency.period()
                    + "），无需报送该年度报告", null);
        }
        return agency;
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

    private static List<Finding> warnings(int year, ParsedReport parsed, Optional<String> previousBody) {
        Optional<ParsedReport> previous = previousBody.map(body -> ReportCodec.parsed(body, year - 1));
        List<Finding> out = new ArrayList<>(ReportRules.warnings(parsed, previous));
        out.addAll(QualityChecks.warnings(parsed, year));
        return out;
    }
}
