package org.ogi.submission.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the automatic quality checks. */
@ConfigMapping(prefix = "ogi.quality")
public interface QualityConfig {

    /** Estimated Jaccard similarity of the narratives (5-character shingles) at which a NEAR_DUPLICATE warning is given. */
    @WithDefault("0.8")
    double similarityThreshold();
}
