package org.ogi.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportStatus;

/**
 * The reminder plan as pure date arithmetic, so the catch-up rule can be tested without a clock or a server. A run
 * sends, per obligation, only the latest stage already due: a run that was missed for days sends one message, not
 * every stage that passed, and never a pre-deadline reminder once the deadline day is over.
 */
public final class ReminderPlan {

    private static final ZoneId ZONE = Deadlines.ZONE;

    private final List<Integer> daysBefore;
    private final LocalTime sendAt;
    private final int firstLateDay;
    private final int escalationDay;
    private final int repeatEveryDays;
    private final LocalTime quietFrom;
    private final LocalTime quietUntil;

    public ReminderPlan(List<Integer> daysBefore, LocalTime sendAt, int firstLateDay, int escalationDay,
                        int repeatEveryDays, LocalTime quietFrom, LocalTime quietUntil) {
        if (daysBefore.stream().anyMatch(d -> d < 0) || firstLateDay < 1 || escalationDay < firstLateDay
                || repeatEveryDays < 1) {
            throw new IllegalArgumentException("inconsistent reminder plan: before " + daysBefore + ", first late day "
                    + firstLateDay + ", escalation day " + escalationDay + ", every " + repeatEveryDays + " days");
        }
        this.daysBefore = List.copyOf(daysBefore);
        this.sendAt = sendAt;
        this.firstLateDay = firstLateDay;
        this.escalationDay = escalationDay;
        this.repeatEveryDays = repeatEveryDays;
        this.quietFrom = quietFrom;
        this.quietUntil = quietUntil;
    }

    /** Nothing is sent in quiet hours (local time); a window such as 20:00–08:00 wraps midnight. */
    public boolean quiet(Instant at) {
        LocalTime t = at.atZone(ZONE).toLocalTime();
        if (quietFrom.equals(quietUntil)) {
            return false;
        }
        return quietFrom.isBefore(quietUntil)
                ? !t.isBefore(quietFrom) && t.isBefore(quietUntil)
                : !t.isBefore(quietFrom) || t.isBefore(quietUntil);
    }

    /** The stage to send to the agency as of {@code at}, if any is due; empty for a met obligation. */
    public Optional<Stage> agencyStage(Obligation o, Instant at) {
        if (o.met()) {
            return Optional.empty();
        }
        LocalDate due = o.deadline();
        LocalDate today = at.atZone(ZONE).toLocalDate();
        List<Stage> candidates = new ArrayList<>();
        if (!today.isAfter(due)) {
            for (int d : daysBefore) {
                Instant t = dayAt(due, -d);
                if (!t.isAfter(at)) {
                    candidates.add(new Stage(Stage.beforeKey(d), d == 0 ? StageKind.DUE_DAY : StageKind.BEFORE, t, false));
                }
            }
        } else {
            Instant first = dayAt(due, firstLateDay);
            if (!first.isAfter(at)) {
                candidates.add(new Stage(Stage.lateKey(firstLateDay), StageKind.LATE, first, true));
            }
            long daysPast = ChronoUnit.DAYS.between(due, today);
            long repeats = (daysPast - escalationDay) / repeatEveryDays;
            for (long n = Math.max(1, repeats - 1); n <= repeats; n++) { // the last two repeats cover today's 09:00
                int day = Math.toIntExact(escalationDay + n * repeatEveryDays);
                Instant t = dayAt(due, day);
                if (!t.isAfter(at)) {
                    candidates.add(new Stage(Stage.lateKey(day), StageKind.LATE, t, false));
                }
            }
        }
        if (o.status() == ReportStatus.RETURNED && o.returnedAt() != null && !o.returnedAt().isAfter(at)) {
            candidates.add(new Stage(Stage.returnedKey(o.revision()), StageKind.RETURNED, o.returnedAt(), false));
        }
        return candidates.stream().max(Comparator.comparing(Stage::dueAt));
    }

    /** The supervising office's digest stage for a deadline, once it is due (it stays due while agencies are late). */
    public Optional<Stage> escalation(LocalDate deadline, Instant at) {
        Instant t = dayAt(deadline, escalationDay);
        return t.isAfter(at) ? Optional.empty()
                : Optional.of(new Stage(Stage.escalationKey(escalationDay), StageKind.ESCALATION, t, false));
    }

    private Instant dayAt(LocalDate deadline, int offsetDays) {
        return deadline.plusDays(offsetDays).atTime(sendAt).atZone(ZONE).toInstant();
    }
}
