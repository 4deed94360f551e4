package org.ogi.support.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Request body limits by path: the longest configured prefix of the request path wins, else {@link #defaultLimit()}.
 * Keep {@code quarkus.http.limits.max-body-size} at least the largest of them: it also caps bodies sent without a
 * Content-Length.
 */
@ConfigMapping(prefix = "ogi.http.body-limit")
public interface BodyLimitConfig {

    /** Endpoints that take a small record or no body at all. */
    @WithDefault("64K")
    MemorySize defaultLimit();

    /** Path prefix → limit, e.g. {@code ogi.http.body-limit.paths."/api/v1/agencies/import"=8M}. */
    Map<String, MemorySize> paths();

    /** A refused body is read and discarded up to this size so the client can read the 413; beyond it the connection is closed. */
    @WithDefault("64M")
    MemorySize drainUpTo();
}
