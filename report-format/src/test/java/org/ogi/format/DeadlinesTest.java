package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final MonthDay JAN_26 = MonthDay.of(1, 26);

    @Test
    void departmentsFileBy31JanuaryFrom2019() {
        assertEquals(LocalDate.of(2024, 1, 31), Deadlines.deadline(2023, AgencyKind.DEPARTMENT, JAN_26));
        assertEquals(LocalDate.of(2020, 1, 31), Deadlines.deadline(2019, AgencyKind.DEPARTMENT, null));
    }

    @Test
    void governmentsPublishBy31March() {
        assertEquals(LocalDate.of(2024, 3, 31), Deadlines.deadline(2023, AgencyKind.GOVERNMENT, JAN_26));
    }

    @Test
    void townshipsUseTheLocallySetDay() {
        assertEquals(LocalDate.of(2024, 1, 26), Deadlines.deadline(2023, AgencyKind.TOWNSHIP, JAN_26));
        assertEquals(LocalDate.of(2023, 2, 28), Deadlines.deadline(2022, AgencyKind.TOWNSHIP, MonthDay.of(2, 29)));
        assertThrows(NullPointerException.class, () -> Deadlines.deadline(2023, AgencyKind.TOWNSHIP, null));
    }

    @Test
    void everyoneHadUntil31MarchUnderThe2008Regulation() {
        assertEquals(LocalDate.of(2016, 3, 31), Deadlines.deadline(2015, AgencyKind.DEPARTMENT, JAN_26));
        assertEquals(LocalDate.of(2019, 3, 31), Deadlines.deadline(2018, AgencyKind.TOWNSHIP, JAN_26));
        assertThrows(IllegalArgumentException.class, () -> Deadlines.deadline(2007, AgencyKind.DEPARTMENT, null));
    }

    @Test
    void onTimeUntilMidnightInShanghai() {
        LocalDate deadline = LocalDate.of(2024, 1, 31);

        assertTrue(Deadlines.onTime(OffsetDateTime.parse("2024-01-31T23:59:59+08:00").toInstant(), deadline));
        assertFalse(Deadlines.onTime(OffsetDateTime.parse("2024-02-01T00:00:00+08:00").toInstant(), deadline));
        assertTrue(Deadlines.onTime(Instant.parse("2024-01-31T15:59:59Z"), deadline));
        assertFalse(Deadlines.onTime(Instant.parse("2024-01-31T16:30:00Z"), deadline), "00:30 on 1 Feb in Shanghai");
    }

    @Test
    void countsDaysLateInShanghai() {
        LocalDate deadline = LocalDate.of(2024, 1, 31);

        assertEquals(0, Deadlines.daysLate(Instant.parse("2024-01-10T00:00:00Z"), deadline));
        assertEquals(1, Deadlines.daysLate(Instant.parse("2024-01-31T16:30:00Z"), deadline));
        assertEquals(10, Deadlines.daysLate(Instant.parse("2024-02-10T03:00:00Z"), deadline));
    }
}
