package org.ogi.submission.service;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.ogi.format.RegionCodes;
import org.ogi.submission.domain.Agency;
import org.ogi.support.problem.ProblemException;
import org.ogi.support.security.Caller;

/**
 * Reads of the agency registry, bounded as reports are (design.md §Security): admin sees every agency, a supervisor
 * the agencies of its subtree, an agency its own record only. An agency's listing is therefore a page of one (itself)
 * for any region that contains it, and a 403 for a region that does not, as a supervisor's is outside its subtree:
 * its staff see at once that the token is an agency's, not an empty registry.
 */
@ApplicationScoped
public class AgencyQueries {

    private final RegionDirectory regions;

    public AgencyQueries(RegionDirectory regions) {
        this.regions = regions;
    }

    /** One page of a listing and the number of agencies it is a page of. */
    public record Listing(long total, List<Agency> items) {
    }

    /** The agency, when the caller may see it; a 403 otherwise, for a code that is not registered too (no probing). */
    public Optional<Agency> one(String code, Caller caller) {
        Optional<Agency> agency = Agency.findByIdOptional(code);
        boolean own = code.equals(caller.agencyCode().orElse(null));
        if (caller.isAdmin() || own || agency.map(a -> caller.supervises(a.regionCode)).orElse(false)) {
            return agency;
        }
        throw ProblemException.forbidden(caller.agencyCode().isPresent()
                ? "机构 " + caller.agencyCode().get() + " 只能查看本机构的登记信息，无权查看机构 " + code
                : "机构 " + code + " 不在本主管部门（" + caller.regionCode().orElse("无 region_code") + "）的管辖范围内");
    }

    /** The agencies of {@code region}'s subtree the caller may see; region null means all it may see. */
    public Listing list(String region, int page, int size, Caller caller) {
        if (caller.isAdmin() || caller.isSupervisor()) {
            String scope = caller.regionToList(region);
            requireKnown(scope);
            String prefix = RegionCodes.subtreePrefix(scope) + "%";
            List<Agency> items = Agency.<Agency>find("regionCode like ?1 order by regionCode, code", prefix)
                    .page(Page.of(page, size)).list();
            return new Listing(Agency.count("regionCode like ?1", prefix), items);
        }
        String own = caller.agencyCode().orElseThrow(() -> ProblemException.forbidden("令牌缺少 agency_code"));
        if (region != null && !RegionCodes.isWellFormed(region)) {
            throw ProblemException.badRequest("region 必须是六位行政区划代码，收到：" + region);
        }
        if (region != null) {
            requireKnown(region);
        }
        Optional<Agency> agency = Agency.<Agency>findByIdOptional(own);
        if (region != null && agency.isPresent() && !RegionCodes.contains(region, agency.get().regionCode)) {
            throw ProblemException.forbidden("机构令牌只能查看本机构（" + own + "，行政区划 " + agency.get().regionCode
                    + "）的登记信息，行政区划 " + region + " 不含本机构");
        }
        return new Listing(agency.isPresent() ? 1 : 0, page == 0 ? agency.stream().toList() : List.of());
    }

    private void requireKnown(String region) {
        if (!regions.exists(region)) {
            throw ProblemException.notFound("行政区划代码 " + region + " 不存在");
        }
    }
}
