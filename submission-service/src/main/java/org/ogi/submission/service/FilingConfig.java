package org.ogi.submission.service;

import io.smallrye.config.ConfigMapping;
import java.time.MonthDay;

/** Statutory parameters that vary by place: counties set their townships' deadline themselves. */
@ConfigMapping(prefix = "ogi.filing")
public interface FilingConfig {

    /** Deadline (day of the year after the report year) for townships and streets, e.g. --01-26. */
    MonthDay townshipDeadline();

    /** The first report year accepted (the 2008 Regulation). */
    int firstYear();
}
