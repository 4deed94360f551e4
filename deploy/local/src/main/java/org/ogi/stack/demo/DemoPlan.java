package org.ogi.stack.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.ogi.format.AgencyKind;
import org.ogi.format.Deadlines;
import org.ogi.stack.demo.DemoReports.DemoReport;

/**
 * What the demo loader sends, decided in advance and deterministically: which agency-years are filed and
 * when they were "received" (most in the last days before the deadline, some late, about 8% never), which
 * are amended, and which the city supervisors accept or return. Kept apart from the HTTP code so it can be
 * tested without a server.
 */
public final class DemoPlan {

    private static final double MISSING_RATE = 0.06;
    private static final double MISSING_RATE_LATEST = 0.18;
    private static final double AMENDMENT_RATE = 0.01;
    private static final int REVIEW_YEAR = DemoReports.LAST_YEAR;

    /** One report to file; {@code amendment} is a second version sent {@code amendedAt}. */
    public record Filing(DemoReport report, Instant receivedAt, Optional<ObjectNode> amendment,
                         Optional<Instant> amendedAt) {
        public DemoAgency agency() {
            return report.agency();
        }

        public int year() {
            return report.year();
        }

        /** The body the server holds at the end: what a re-run sends again. */
        public ObjectNode finalBody() {
            return amendment.orElse(report.body());
        }

        public Instant finalReceivedAt() {
            return amendedAt.orElse(receivedAt);
        }
    }

    /** A supervisor's decision on one report; {@code supervisorRegion} is the city whose token signs it. */
    public record Review(String supervisorRegion, int year, String agencyCode, String decision, String comment) {
    }

    private final List<Filing> filings = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();
    private int missing;

    public DemoPlan(DemoData data, DemoReports reports) {
        Random random = new Random(data.seed() * 7919L);
        for (DemoAgency agency : data.agencies()) {
            for (DemoReport report : reports.series(agency)) {
                double missingRate = report.year() == DemoReports.LAST_YEAR ? MISSING_RATE_LATEST : MISSING_RATE;
                if (random.nextDouble() < missingRate) {
                    missing++;
                    continue;
                }
                Instant received = receivedAt(report, random);
                boolean amend = report.format().tabular() && report.year() != REVIEW_YEAR
                        && random.nextDouble() < AMENDMENT_RATE;
                filings.add(amend
                        ? new Filing(report, received, Optional.of(reports.amendment(report)),
                                Optional.of(received.plusSeconds(86_400L * (2 + random.nextInt(28)))))
                        : new Filing(report, received, Optional.empty(), Optional.empty()));
            }
        }
        planReviews(data, random);
    }

    public List<Filing> filings() {
        return Collections.unmodifiableList(filings);
    }

    public List<Review> reviews() {
        return Collections.unmodifiableList(reviews);
    }

    /** Agency-years deliberately never filed. */
    public int missing() {
        return missing;
    }

    public long amendments() {
        return filings.stream().filter(f -> f.amendment().isPresent()).count();
    }

    private static Instant receivedAt(DemoReport report, Random random) {
        LocalDate deadline = Deadlines.deadline(report.year(), report.agency().kind(), null);
        double u = random.nextDouble();
        LocalDate day;
        if (u < 0.55) {
            day = deadline.minusDays(random.nextInt(7));
        } else if (u < 0.88) {
            day = deadline.minusDays(7 + random.nextInt(30));
        } else {
            day = deadline.plusDays(random.nextDouble() < 0.7 ? 1 + random.nextInt(10) : 11 + random.nextInt(35));
        }
        LocalDate firstWorkingDay = LocalDate.of(report.year() + 1, 1, 4);
        if (day.isBefore(firstWorkingDay)) {
            day = firstWorkingDay.plusDays(random.nextInt(5));
        }
        LocalTime time = LocalTime.of(8 + random.nextInt(15), random.nextInt(60), random.nextInt(60));
        return day.atTime(time).atZone(Deadlines.ZONE).toInstant();
    }

    /** Per seed city: a few department reports accepted; in 随州 and 株洲 one returned with a reason. */
    private void planReviews(DemoData data, Random random) {
        List<String> returnComments = List.of(
                "表三“本年度办理结果”中“本机关不掌握相关政府信息”占比明显偏高，请逐项核实并在第五部分说明原因后重新报送。",
                "第五部分“存在的主要问题及改进情况”与上年度报告基本相同，请结合本年度实际情况修改后重新报送。");
        List<String> returnIn = List.of("421300", "430200");
        for (DemoRegions.City city : DemoRegions.CITIES) {
            String cityCode = city.city().code();
            List<Filing> candidates = new ArrayList<>(filings.stream()
                    .filter(f -> f.year() == REVIEW_YEAR && f.amendment().isEmpty())
                    .filter(f -> f.agency().kind() == AgencyKind.DEPARTMENT)
                    .filter(f -> f.agency().regionCode().startsWith(cityCode.substring(0, 4)))
                    .toList());
            Collections.shuffle(candidates, random);
            int accepted = Math.min(candidates.size(), 4 + random.nextInt(4));
            for (Filing f : candidates.subList(0, accepted)) {
                reviews.add(new Review(cityCode, REVIEW_YEAR, f.agency().code(), "ACCEPT", "经审核，报告内容完整，数据准确，予以通过。"));
            }
            int index = returnIn.indexOf(cityCode);
            if (index >= 0 && candidates.size() > accepted) {
                reviews.add(new Review(cityCode, REVIEW_YEAR, candidates.get(accepted).agency().code(), "RETURN",
                        returnComments.get(index)));
            }
        }
    }
}
