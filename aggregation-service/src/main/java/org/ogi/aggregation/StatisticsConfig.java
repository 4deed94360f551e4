package org.ogi.aggregation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import org.ogi.format.Deadlines;

/** {@code ogi.statistics.*}: which years exist for the API, whether reading needs a token, rebuild limits, deadline. */
@ConfigMapping(prefix = "ogi.statistics")
public interface StatisticsConfig {

    /** First report year the API answers for (the 2008 Regulation's first reporting year). */
    @WithDefault("2008")
    int firstYear();

    /** Open government data: statistics GETs need no token unless this is false. */
    @WithName("public")
    @WithDefault("true")
    boolean publicRead();

    /** How long a rebuild waits for the live consumer to reach the offsets it replayed up to. */
    @WithDefault("30s")
    Duration rebuildCatchUp();

    /** Records a rebuild polls at a time: each poll is one upsert batch and one commit of the scratch tables. */
    @WithDefault("500")
    int rebuildPollRecords();

    /** Page size of the agencies endpoint when none is asked for, and the largest one allowed. */
    @WithDefault("50")
    int defaultPageSize();

    @WithDefault("1000")
    int maxPageSize();

    /** Townships' and streets' deadline (set by each county, like ogi.filing.township-deadline), for days late. */
    @WithDefault("--01-31")
    MonthDay townshipDeadline();

    /** The last report year that is over in China; statistics for later years cannot exist yet. */
    default int lastClosedYear() {
        return LocalDate.now(Deadlines.ZONE).getYear() - 1;
    }
}
