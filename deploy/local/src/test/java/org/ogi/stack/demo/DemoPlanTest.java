package org.ogi.stack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ogi.format.Deadlines;
import org.ogi.stack.demo.DemoPlan.Filing;
import org.ogi.stack.demo.DemoPlan.Review;

class DemoPlanTest {

    private final DemoData data = DemoData.standard();
    private final DemoPlan plan = new DemoPlan(data, new DemoReports(data.seed()));

    @Test
    void aboutEightPercentOfAgencyYearsAreNeverFiledMostlyInTheLatestYear() {
        double share = plan.missing() / (double) (plan.missing() + plan.filings().size());
        assertTrue(share > 0.04 && share < 0.12, "missing share " + share);
        long planned = data.agencies().stream().filter(a -> a.activeDuring(DemoReports.LAST_YEAR)).count();
        long filedLatest = plan.filings().stream().filter(f -> f.year() == DemoReports.LAST_YEAR).count();
        assertTrue(1 - filedLatest / (double) planned > share, "the latest year should miss more than average");
    }

    @Test
    void mostFilingsArriveJustBeforeTheDeadlineAndSomeLate() {
        int onTime = 0;
        int lastWeek = 0;
        for (Filing f : plan.filings()) {
            LocalDate deadline = Deadlines.deadline(f.year(), f.agency().kind(), null);
            LocalDate day = f.receivedAt().atZone(Deadlines.ZONE).toLocalDate();
            assertTrue(day.getYear() == f.year() + 1, "received in " + day + " for " + f.year());
            if (Deadlines.onTime(f.receivedAt(), deadline)) {
                onTime++;
                lastWeek += deadline.toEpochDay() - day.toEpochDay() < 7 ? 1 : 0;
            }
            f.amendedAt().ifPresent(at -> assertTrue(at.isAfter(f.receivedAt())));
        }
        double share = onTime / (double) plan.filings().size();
        assertTrue(share > 0.80 && share < 0.95, "on-time share " + share);
        assertTrue(lastWeek > onTime / 2, lastWeek + " of " + onTime + " in the last week");
    }

    @Test
    void aFewTabularReportsAreAmended() {
        assertTrue(plan.amendments() >= 5 && plan.amendments() < plan.filings().size() / 20,
                "amendments: " + plan.amendments());
        plan.filings().stream().filter(f -> f.amendment().isPresent())
                .forEach(f -> assertTrue(f.report().format().tabular(), f.agency().name() + " " + f.year()));
    }

    @Test
    void eachCitySupervisorAcceptsSomeOfItsOwnReportsAndTwoAreReturned() {
        Map<String, List<Review>> byCity = plan.reviews().stream().collect(Collectors.groupingBy(Review::supervisorRegion));
        assertEquals(4, byCity.size());
        for (List<Review> reviews : byCity.values()) {
            assertTrue(reviews.stream().filter(r -> r.decision().equals("ACCEPT")).count() >= 4);
        }
        List<Review> returned = plan.reviews().stream().filter(r -> r.decision().equals("RETURN")).toList();
        assertEquals(2, returned.size());
        for (Review r : plan.reviews()) {
            DemoAgency agency = data.agencies().stream().filter(a -> a.code().equals(r.agencyCode())).findFirst().orElseThrow();
            assertTrue(agency.regionCode().startsWith(r.supervisorRegion().substring(0, 4)), r.toString());
            assertTrue(plan.filings().stream().anyMatch(f -> f.agency() == agency && f.year() == r.year()),
                    "review of an unfiled report " + r);
            assertFalse(r.comment().isBlank());
        }
    }

    @Test
    void sameSeedGivesTheSamePlan() {
        DemoPlan again = new DemoPlan(data, new DemoReports(data.seed()));
        assertEquals(plan.filings().size(), again.filings().size());
        for (int i = 0; i < plan.filings().size(); i++) {
            Filing a = plan.filings().get(i);
            Filing b = again.filings().get(i);
            assertEquals(a.receivedAt(), b.receivedAt());
            assertEquals(a.finalBody().toString(), b.finalBody().toString());
        }
        assertEquals(plan.reviews(), again.reviews());
    }
}
