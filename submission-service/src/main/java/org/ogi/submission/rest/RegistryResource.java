package org.ogi.submission.rest;

import org.ogi.support.problem.ProblemException;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.ogi.format.AgencyKind;
import org.ogi.submission.domain.Agency;
import org.ogi.submission.domain.Region;
import org.ogi.support.security.Caller;
import org.ogi.submission.service.AgencyCsv;
import org.ogi.submission.service.AgencyQueries;
import org.ogi.submission.service.AgencyRequest;
import org.ogi.submission.service.RegionDirectory;
import org.ogi.submission.service.RegistryService;

/**
 * The region and agency registry. Regions are public; agencies are seen as reports are (an agency itself, a supervisor
 * its subtree, admin all: {@link AgencyQueries}); changes are admin work.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    private final RegistryService registry;
    private final AgencyQueries agencies;
    private final RegionDirectory regions;
    private final Caller caller;

    public RegistryResource(RegistryService registry, AgencyQueries agencies, RegionDirectory regions, Caller caller) {
        this.registry = registry;
        this.agencies = agencies;
        this.regions = regions;
        this.caller = caller;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegionView(String code, String name, String level, String parentCode, LocalDate validFrom,
            LocalDate validTo, boolean developmentZone) {
        static RegionView of(Region r) {
            return new RegionView(r.code, r.name, r.level, r.parentCode, r.validFrom, r.validTo, r.developmentZone);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgencyView(String code, String name, String regionCode, AgencyKind kind, String contactEmail,
            String webhookUrl, String supervisorCode, String effectiveSupervisorCode, LocalDate validFrom, LocalDate validTo) {
    }

    public record AgencyPage(long total, int page, int size, List<AgencyView> items) {
    }

    @GET
    @Path("/regions/{code}")
    @PermitAll
    public RegionView region(@PathParam("code") String code) {
        return regions.find(code).map(RegionView::of).orElseThrow(() -> unknownRegion(code));
    }

    @GET
    @Path("/regions/{code}/children")
    @PermitAll
    public List<RegionView> children(@PathParam("code") String code) {
        if (!regions.exists(code)) {
            throw unknownRegion(code);
        }
        return Region.childrenOf(code).stream().map(RegionView::of).toList();
    }

    @GET
    @Path("/agencies")
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public AgencyPage agencies(@QueryParam("region") String region,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        AgencyQueries.Listing listing = agencies.list(region, page, size, caller);
        return new AgencyPage(listing.total(), page, size, listing.items().stream().map(a -> view(a, false)).toList());
    }

    @GET
    @Path("/agencies/{code}")
    @RolesAllowed({Caller.AGENCY, Caller.SUPERVISOR, Caller.ADMIN})
    public AgencyView agency(@PathParam("code") String code) {
        return agencies.one(code, caller).map(a -> view(a, true))
                .orElseThrow(() -> ProblemException.notFound("机构 " + code + " 未登记"));
    }

    @PUT
    @Path("/agencies/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    public Response putAgency(@PathParam("code") String code, AgencyRequest request, UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("请求体不能为空");
        }
        boolean created = registry.upsert(code, request);
        AgencyView body = view(registry.agency(code).orElseThrow(), true);
        return created ? Response.created(uri.getAbsolutePath()).entity(body).build() : Response.ok(body).build();
    }

    @POST
    @Path("/agencies/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Caller.ADMIN)
    public RegistryService.ImportResult importCsv(byte[] csv, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type) {
        return registry.upsertAll(AgencyCsv.parse(AgencyCsv.decode(csv, AgencyCsv.charset(type))));
    }

    private AgencyView view(Agency a, boolean withSupervisor) {
        String effective = withSupervisor ? registry.effectiveSupervisor(a).orElse(null) : null;
        return new AgencyView(a.code, a.name, a.regionCode, a.kind, a.contactEmail, a.webhookUrl, a.supervisorCode,
                effective, a.validFrom, a.validTo);
    }

    private static ProblemException unknownRegion(String code) {
        return ProblemException.notFound("行政区划代码 " + code + " 不存在");
    }
}
