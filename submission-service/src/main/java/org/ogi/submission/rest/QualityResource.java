package org.ogi.submission.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ogi.submission.service.QualityQueries;
import org.ogi.support.http.Years;
import org.ogi.support.security.Caller;

/** The quality findings of a supervisor's subtree, filterable by kind (R6, R8, NEAR_DUPLICATE, WRONG_YEAR, …). */
@Path("/api/v1/quality-findings")
@Produces(MediaType.APPLICATION_JSON)
public class QualityResource {

    private final QualityQueries queries;
    private final Caller caller;

    public QualityResource(QualityQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.SUPERVISOR, Caller.ADMIN})
    public QualityQueries.Page list(@QueryParam("year") String year, @QueryParam("region") String region,
            @QueryParam("kind") String kind, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return queries.list(Years.parseQuery("year", year), region, kind, page, size, caller);
    }
}
