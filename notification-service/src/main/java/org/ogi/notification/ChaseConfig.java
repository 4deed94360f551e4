package org.ogi.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * The reminder plan and its delivery rules. Everything a supervising office may want to tune is here rather than in
 * code, because deadlines for townships and the chasing rhythm are set locally, not by national rules.
 */
@ConfigMapping(prefix = "ogi.chase")
public interface ChaseConfig {

    /** Report years to chase; when absent, the last closed year as of each run (plus {@link #previousYears()}). */
    Optional<List<Integer>> years();

    /** How many years before the last closed one are still chased when {@link #years()} is absent. */
    @WithDefault("0")
    int previousYears();

    /** Township/street deadline (set by each county), e.g. {@code --01-26}; 29 February falls back to 28. */
    @WithDefault("--01-31")
    MonthDay townshipDeadline();

    /** Reminders before the deadline, in days before it; 0 is the deadline day itself. */
    @WithDefault("14,3,0")
    List<Integer> daysBefore();

    /** Local time (Asia/Shanghai) at which each day's stage becomes due. */
    @WithDefault("09:00")
    LocalTime sendAt();

    /** First reminder after the deadline (to the agency, supervising office in copy), in days after it. */
    @WithDefault("1")
    int firstLateDay();

    /** Day after the deadline on which each supervising office gets one digest of its late agencies. */
    @WithDefault("7")
    int escalationDay();

    /** After the escalation, the agency is reminded every this many days until it files. */
    @WithDefault("7")
    int repeatEveryDays();

    /** Start of the quiet hours (local time): a run between quietFrom and quietUntil sends nothing. */
    @WithDefault("20:00")
    LocalTime quietFrom();

    @WithDefault("08:00")
    LocalTime quietUntil();

    /** A delivery that failed this many times is given up and reported. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubled after each further failure, up to {@link #maxBackoff()}. */
    @WithDefault("5m")
    Duration retryBackoff();

    @WithDefault("6h")
    Duration maxBackoff();

    /** A claimed delivery whose sender vanished (crash) is taken over after this long, on the real clock. */
    @WithDefault("10m")
    Duration lease();

    /** Where to file, shown in every message; {year} and {agencyCode} are replaced. */
    @WithDefault("http://localhost:8081/api/v1/reports/{year}/{agencyCode}")
    String filingUrl();

    /** Group-robot message shape: {@code wecom} (markdown.content) or {@code dingtalk} (markdown.title/text). */
    @WithDefault("wecom")
    String webhookFlavour();

    @WithDefault("10s")
    Duration webhookTimeout();

    /** How often the scheduler runs the chase on the real clock; {@code off} disables it. */
    @WithDefault("10m")
    String every();
}
