package org.ogi.aggregation.rest;

import org.ogi.support.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ogi.aggregation.StatisticsConfig;
import org.ogi.aggregation.service.AgencyQueries;
import org.ogi.aggregation.service.MissingQueries;
import org.ogi.aggregation.service.RebuildService;
import org.ogi.aggregation.service.StatisticsService;
import org.ogi.aggregation.service.Views.AgencyPage;
import org.ogi.aggregation.service.Views.CellLabel;
import org.ogi.aggregation.service.Views.ChildrenView;
import org.ogi.aggregation.service.Views.FormatView;
import org.ogi.aggregation.service.Views.MissingPage;
import org.ogi.aggregation.service.Views.RebuildResult;
import org.ogi.aggregation.service.Views.RegionView;
import org.ogi.aggregation.service.Views.TrendView;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportFormat;
import org.ogi.support.http.Years;

/**
 * The public statistics API (design.md): totals, children, per-agency frame, missing filers, trend, format labels;
 * and the admin rebuild.
 */
@Path("/api/v1/statistics")
public class StatisticsResource {

    static final String CSV = "text/csv";

    private final StatisticsService statistics;
    private final AgencyQueries agencies;
    private final MissingQueries missing;
    private final RebuildService rebuild;
    private final ReadAccess access;
    private final StatisticsConfig config;

    public StatisticsResource(StatisticsService statistics, AgencyQueries agencies, MissingQueries missing,
            RebuildService rebuild, ReadAccess access, StatisticsConfig config) {
        this.statistics = statistics;
        this.agencies = agencies;
        this.missing = missing;
        this.rebuild = rebuild;
        this.access = access;
        this.config = config;
    }

    @GET
    @Path("/{year}/regions/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Totals of every cell, compliance and indicators of a region subtree in a year")
    @APIResponse(responseCode = "200", description = "the region's view",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegionView.class)))
    public byte[] region(@PathParam("year") String yearSegment, @PathParam("code") String code) {
        int year = Years.parse(yearSegment);
        access.require();
        return statistics.regionJson(year, code);
    }

    @GET
    @Path("/{year}/regions/{code}/children")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same for each child region seen, plus the region's own agencies")
    public ChildrenView children(@PathParam("year") String yearSegment, @PathParam("code") String code) {
        int year = Years.parse(yearSegment);
        access.require();
        return statistics.children(year, code);
    }

    @GET
    @Path("/{year}/regions/{code}/agencies")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One row per agency of the subtree: cells, status, timeliness (paged)")
    public AgencyPage agencies(@PathParam("year") String yearSegment, @PathParam("code") String code,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int year = Years.parse(yearSegment);
        access.require();
        int p = page == null ? 0 : page;
        int s = size == null ? config.defaultPageSize() : size;
        requirePage(p, s);
        statistics.requireYear(year);
        statistics.requireRegion(code);
        return new AgencyPage(code, year, p, s, agencies.count(code, year), agencies.page(code, year, p, s));
    }

    @GET
    @Path("/{year}/regions/{code}/missing")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Obliged agencies of the subtree without a filed report, with deadline and days late (paged)")
    public MissingPage missing(@PathParam("year") String yearSegment, @PathParam("code") String code,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int year = Years.parse(yearSegment);
        access.require();
        int p = page == null ? 0 : page;
        int s = size == null ? config.defaultPageSize() : size;
        requirePage(p, s);
        statistics.requireYear(year);
        statistics.requireRegion(code);
        LocalDate today = LocalDate.now(Deadlines.ZONE);
        return new MissingPage(code, year, today, statistics.asOf(), p, s, missing.count(code, year),
                missing.page(code, year, today, config.townshipDeadline(), p, s));
    }

    @GET
    @Path("/{year}/format")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The cells of the year's report format: key, type and the national table's label")
    public FormatView format(@PathParam("year") String yearSegment) {
        int year = Years.parse(yearSegment);
        access.require();
        statistics.requireYear(year);
        ReportFormat format = ReportFormat.requiredFor(year);
        return new FormatView(year, format.id(), format.cells().stream()
                .map(d -> new CellLabel(d.key(), d.type().name(), d.label())).toList());
    }

    @GET
    @Path("/{year}/regions/{code}/agencies")
    @Produces(CSV)
    @Operation(summary = "The whole per-agency frame as CSV (UTF-8 with BOM), columns named by cell key")
    public Response agenciesCsv(@PathParam("year") String yearSegment, @PathParam("code") String code) {
        int year = Years.parse(yearSegment);
        access.require();
        statistics.requireYear(year);
        statistics.requireRegion(code);
        StreamingOutput body = out -> {
            try (AgencyCsv csv = new AgencyCsv(out, year)) {
                agencies.stream(code, year, csv::write);
            }
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"agencies-" + code + "-" + year + ".csv\"")
                .build();
    }

    @GET
    @Path("/regions/{code}/trend")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Yearly series of compliance, indicators and the chosen cells")
    public TrendView trend(@PathParam("code") String code, @QueryParam("from") Integer from,
            @QueryParam("to") Integer to, @QueryParam("cells") String cells) {
        access.require();
        List<String> keys = cells == null || cells.isBlank() ? List.of()
                : Arrays.stream(cells.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        return statistics.trend(code, from, to, keys);
    }

    private void requirePage(int page, int size) {
        if (page < 0 || size < 1 || size > config.maxPageSize()) {
            throw ProblemException.badRequest("分页参数无效：page 须不小于0，size 须在1至" + config.maxPageSize() + "之间");
        }
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay both topics from offset zero and compare with the incremental statistics")
    public RebuildResult rebuild() {
        return rebuild.rebuild();
    }
}
