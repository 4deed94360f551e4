package org.ogi.notification.rest;

import org.ogi.support.security.Caller;

import org.ogi.support.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportFormat;
import org.ogi.notification.service.ChaseQueries;
import org.ogi.notification.service.ChaseService;
import org.ogi.notification.service.ChaseSummary;
import org.ogi.notification.service.DeliveryView;
import org.ogi.notification.service.LateFiler;
import org.ogi.support.http.Years;

/** The chase over REST: who is late, what was sent to whom, and running the chase as of an instant. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChaseResource {

    private static final int LAST_YEAR = 2100;

    private final ChaseService chase;
    private final ChaseQueries queries;
    private final Caller caller;

    public ChaseResource(ChaseService chase, ChaseQueries queries, Caller caller) {
        this.chase = chase;
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/late-filers")
    @RolesAllowed({Caller.ADMIN, Caller.SUPERVISOR})
    @Operation(summary = "Agencies of a subtree that have not validly filed by their deadline, with the chase so far")
    public List<LateFiler> lateFilers(
            @Parameter(description = "report year; default: the last closed year") @QueryParam("year") String yearText,
            @Parameter(description = "region code; default: the supervisor's own region") @QueryParam("region") String region,
            @Parameter(description = "as of this instant (ISO 8601 with offset); default: now") @QueryParam("at") String at) {
        Instant asOf = instant(at);
        Integer year = Years.parseQuery("year", yearText);
        return queries.lateFilers(year(year, asOf), caller.regionToList(region), asOf);
    }

    @GET
    @Path("/notifications")
    @RolesAllowed({Caller.ADMIN, Caller.SUPERVISOR, Caller.AGENCY})
    @Operation(summary = "The delivery log of one agency: messages to it and digests that listed it")
    public List<DeliveryView> notifications(@QueryParam("agencyCode") String agencyCode,
                                            @QueryParam("year") String yearText) {
        Integer year = Years.parseQuery("year", yearText);
        if (agencyCode == null || agencyCode.isBlank()) {
            throw ProblemException.badRequest("缺少参数 agencyCode");
        }
        if (year != null) {
            year(year, Instant.now());
        }
        if (!caller.isAdmin() && !agencyCode.equals(caller.agencyCode().orElse(null))) {
            String region = queries.regionOf(agencyCode)
                    .orElseThrow(() -> caller.regionCode().isPresent()
                            ? ProblemException.notFound("未登记的机构：" + agencyCode)
                            : ProblemException.forbidden("无权查看机构 " + agencyCode + " 的催报记录"));
            if (!caller.supervises(region)) {
                throw ProblemException.forbidden("无权查看机构 " + agencyCode + " 的催报记录");
            }
        }
        return queries.deliveryLog(agencyCode, year);
    }

    @POST
    @Path("/chase-runs")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Run the chase now, or as of an instant (to rehearse a season); returns what was done")
    public ChaseSummary run(
            @Parameter(description = "ISO 8601 with offset, e.g. 2025-02-02T10:00:00+08:00; default: now")
            @QueryParam("at") String at) {
        return chase.run(instant(at));
    }

    private static Instant instant(String at) {
        if (at == null || at.isBlank()) {
            return Instant.now();
        }
        // an unencoded '+' in a query string arrives as a space
        String text = at.strip().replace(' ', '+');
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at 不是带时区偏移的 ISO 8601 时间（例如 2025-02-02T10:00:00+08:00）：" + at);
        }
        // the chase works on report years; an instant thousands of years away overflowed the date arithmetic (500)
        if (parsed.getYear() < ReportFormat.FIRST_YEAR || parsed.getYear() > LAST_YEAR + 1) {
            throw ProblemException.badRequest("at 超出可用范围：年份应在 " + ReportFormat.FIRST_YEAR + " 至 " + (LAST_YEAR + 1)
                    + " 之间，收到：" + at);
        }
        return parsed.toInstant();
    }

    private static int year(Integer year, Instant at) {
        if (year == null) {
            return at.atZone(Deadlines.ZONE).getYear() - 1;
        }
        if (year < ReportFormat.FIRST_YEAR || year > LAST_YEAR) {
            throw ProblemException.badRequest("year 必须在 " + ReportFormat.FIRST_YEAR + " 至 " + LAST_YEAR + " 之间");
        }
        return year;
    }
}
