package org.ogi.submission.rest;

import org.ogi.support.problem.ProblemException;
import org.ogi.support.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.ogi.format.ReportStatus;
import org.ogi.support.http.Years;
import org.ogi.support.security.Caller;
import org.ogi.submission.service.FilingService;
import org.ogi.submission.service.ReportQueries;
import org.ogi.submission.service.ReportView;
import org.ogi.submission.service.ReviewService;
import org.ogi.submission.service.ValidationResult;

/** Filing, reading and reviewing annual reports. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    /** Historical back-fill only: an admin migrating old records may state when a report was really received. */
    static final String RECEIVED_AT_HEADER = "X-Ogi-Received-At";

    private final FilingService filing;
    private final ReviewService reviews;
    private final ReportQueries queries;
    private final Caller caller;

    public ReportResource(FilingService filing, ReviewService reviews, ReportQueries queries, Caller caller) {
        this.filing = filing;
        this.reviews = reviews;
        this.queries = queries;
        this.caller = caller;
    }

    @PUT
    @Path("/{year}/{agencyCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.AGENCY, Caller.ADMIN})
    public Response file(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode, JsonNode body,
            @HeaderParam(RECEIVED_AT_HEADER) String receivedAtHeader, UriInfo uri) {
        int year = Years.parse(yearSegment);
        caller.requireMayFile(agencyCode);
        FilingService.Filing result = filing.file(year, agencyCode, body, receivedAt(receivedAtHeader), caller.name());
        if (result.created()) {
            var location = uri.getBaseUriBuilder().path("api/v1/reports/{year}/{code}/versions/{v}")
                    .build(year, agencyCode, result.report().version());
            return Response.created(location).entity(result.report()).build();
        }
        return Response.ok(result.report()).build();
    }

    @POST
    @Path("/{year}/{agencyCode}/validation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public ValidationResult validate(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode,
            JsonNode body) {
        int year = Years.parse(yearSegment);
        return filing.validate(year, agencyCode, body, caller);
    }

    @GET
    @Path("/{year}/{agencyCode}")
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public ReportView latest(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode) {
        int year = Years.parse(yearSegment);
        return queries.latest(year, agencyCode, caller).orElseThrow(() -> notFiled(year, agencyCode));
    }

    @GET
    @Path("/{year}/{agencyCode}/versions")
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public List<ReportView> versions(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode) {
        int year = Years.parse(yearSegment);
        return queries.versions(year, agencyCode, caller).orElseThrow(() -> notFiled(year, agencyCode));
    }

    @GET
    @Path("/{year}/{agencyCode}/versions/{version}")
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public ReportView version(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode,
            @PathParam("version") String versionSegment) {
        int year = Years.parse(yearSegment);
        int version = versionOf(versionSegment);
        return queries.version(year, agencyCode, version, caller)
                .orElseThrow(() -> ProblemException.notFound("机构 " + agencyCode + " 的" + year + "年度报告没有第" + version + "版"));
    }

    @POST
    @Path("/{year}/{agencyCode}/withdrawal")
    @RolesAllowed({Caller.AGENCY, Caller.ADMIN})
    public ReportView withdraw(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode) {
        int year = Years.parse(yearSegment);
        caller.requireMayFile(agencyCode);
        return filing.withdraw(year, agencyCode, caller.name());
    }

    public record ReviewRequest(ReviewService.Decision decision, String comment) {
    }

    @POST
    @Path("/{year}/{agencyCode}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.SUPERVISOR, Caller.ADMIN})
    public ReportView review(@PathParam("year") String yearSegment, @PathParam("agencyCode") String agencyCode,
            ReviewRequest request) {
        int year = Years.parse(yearSegment);
        if (request == null || request.decision() == null) {
            throw ProblemException.unprocessable("审核决定缺失", List.of(Problem.Item.field("decision", "必须是 ACCEPT 或 RETURN")));
        }
        return reviews.review(year, agencyCode, request.decision(), request.comment(), caller);
    }

    @GET
    @RolesAllowed({Caller.SUPERVISOR, Caller.ADMIN})
    public ReportQueries.Page list(@QueryParam("year") String year, @QueryParam("region") String region,
            @QueryParam("status") ReportStatus status, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return queries.list(Years.parseQuery("year", year), region, status, page, size, caller);
    }

    private Instant receivedAt(String header) {
        if (header == null) {
            return Instant.now();
        }
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("只有管理员可以在迁移历史数据时指定 " + RECEIVED_AT_HEADER);
        }
        try {
            return Instant.parse(header);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(RECEIVED_AT_HEADER + " 应为 ISO-8601 时间（如 2024-01-30T09:00:00Z），收到：" + header);
        }
    }

    /** A version number of up to 9 ASCII digits, for the same reason as {@link Years}: "２" must not read as 2. */
    private static int versionOf(String segment) {
        if (segment.matches("[0-9]{1,9}")) {
            return Integer.parseInt(segment);
        }
        String shown = segment.length() > 40 ? segment.substring(0, 40) + "…" : segment;
        throw ProblemException.notFound("找不到该资源：请求路径中的版本号须为阿拉伯数字（0-9，如 1），收到：「" + shown + "」");
    }

    private static ProblemException notFiled(int year, String agencyCode) {
        return ProblemException.notFound("机构 " + agencyCode + " 尚未报送" + year + "年度报告");
    }
}
