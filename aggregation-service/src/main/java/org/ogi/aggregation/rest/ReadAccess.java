package org.ogi.aggregation.rest;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.ogi.aggregation.StatisticsConfig;

/**
 * Statistics are open government data and readable without a token by default; with {@code ogi.statistics.public=false}
 * any valid token (any role) is required. A runtime setting, so one build serves both kinds of deployment.
 */
@RequestScoped
public class ReadAccess {

    private final StatisticsConfig config;
    private final SecurityIdentity identity;

    public ReadAccess(StatisticsConfig config, SecurityIdentity identity) {
        this.config = config;
        this.identity = identity;
    }

    public void require() {
        if (!config.publicRead() && identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
    }
}
