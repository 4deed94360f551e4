package org.ogi.support.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.ogi.format.RegionCodes;
import org.ogi.support.problem.ProblemException;

/** Who is calling, from the bearer token: the role decides, the agency_code / region_code claims bound what it may touch. */
@RequestScoped
public class Caller {

    public static final String AGENCY = "agency";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String name() {
        return jwt.getName() == null ? "anonymous" : jwt.getName();
    }

    public boolean isAdmin() {
        return jwt.getGroups().contains(ADMIN);
    }

    public boolean isSupervisor() {
        return jwt.getGroups().contains(SUPERVISOR);
    }

    public Optional<String> agencyCode() {
        return jwt.getGroups().contains(AGENCY) ? Optional.ofNullable(jwt.<String>getClaim("agency_code")) : Optional.empty();
    }

    public Optional<String> regionCode() {
        return isSupervisor() ? Optional.ofNullable(jwt.<String>getClaim("region_code")) : Optional.empty();
    }

    /** Filing: an agency only for its own code; admin for historical back-fill. */
    public void requireMayFile(String agencyCode) {
        if (isAdmin() || agencyCode.equals(agencyCode().orElse(null))) {
            return;
        }
        throw ProblemException.forbidden("机构 " + agencyCode().orElse("（无）") + " 无权报送机构 " + agencyCode + " 的年度报告");
    }

    /** Whether the caller may see (and, for supervisors, review) a report of `agencyCode` in `regionCode`. */
    public boolean maySee(String agencyCode, String regionCode) {
        return isAdmin() || agencyCode.equals(agencyCode().orElse(null)) || supervises(regionCode);
    }

    public boolean supervises(String regionCode) {
        return regionCode().filter(RegionCodes::isWellFormed).map(own -> RegionCodes.contains(own, regionCode))
                .orElse(false);
    }

    /** The subtree the caller may list: the requested region if allowed, else its own; the nation for admin. */
    public String regionToList(String requested) {
        if (requested != null && !RegionCodes.isWellFormed(requested)) {
            throw ProblemException.badRequest("region 必须是六位行政区划代码，收到：" + requested);
        }
        if (isAdmin()) {
            return requested == null ? RegionCodes.NATION : requested;
        }
        String own = regionCode().filter(RegionCodes::isWellFormed)
                .orElseThrow(() -> ProblemException.forbidden("令牌缺少有效的 region_code"));
        if (requested == null) {
            return own;
        }
        if (!RegionCodes.contains(own, requested)) {
            throw ProblemException.forbidden("行政区划 " + requested + " 不在本主管部门（" + own + "）的管辖范围内");
        }
        return requested;
    }

    /** The region a supervisor sees by default; the nation for admin. */
    public String homeRegion() {
        return isAdmin() ? RegionCodes.NATION : regionCode().orElseThrow(() -> ProblemException.forbidden("令牌缺少 region_code"));
    }
}
