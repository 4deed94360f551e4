package org.ogi.submission.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ogi.format.narrative.LegacyExtractor;
import org.ogi.submission.domain.Region;

/**
 * The region of an agency name such as 「随州市工商局」 or 「湖北省随州市工商局」: region names that begin the agency name,
 * each inside the previous one, deepest wins; a name shared by several regions at the same depth (e.g. 朝阳区) that the
 * name does not disambiguate gives no answer rather than a guess. Regions valid in the report year are preferred.
 */
@ApplicationScoped
public class RegionNames implements LegacyExtractor.RegionResolver {

    private final RegionDirectory regions;
    private volatile List<Region> all;

    public RegionNames(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public Optional<String> regionOf(String agencyName, Integer year) {
        String rest = agencyName;
        String within = "000000";
        Optional<String> found = Optional.empty();
        while (true) {
            String scope = within;
            String text = rest;
            List<Region> candidates = new ArrayList<>(list().stream()
                    .filter(r -> !r.code.equals("000000") && text.startsWith(r.name) && r.name.length() >= 2)
                    .filter(r -> scope.equals("000000") || isWithin(r.code, scope))
                    .filter(r -> validIn(r, year))
                    .toList());
            if (candidates.isEmpty()) {
                return found;
            }
            int longest = candidates.stream().mapToInt(r -> r.name.length()).max().orElseThrow();
            candidates.removeIf(r -> r.name.length() != longest);
            if (candidates.size() > 1) {
                return found;
            }
            Region r = candidates.get(0);
            found = Optional.of(r.code);
            within = r.code;
            rest = rest.substring(r.name.length());
        }
    }

    private boolean isWithin(String code, String ancestor) {
        Optional<String> p = Optional.of(code);
        while (p.isPresent()) {
            p = regions.parentOf(p.get());
            if (p.isPresent() && p.get().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean validIn(Region r, Integer year) {
        if (year == null) {
            return r.validTo == null;
        }
        LocalDate end = LocalDate.of(year, 12, 31);
        return (r.validFrom == null || !r.validFrom.isAfter(end)) && (r.validTo == null || !r.validTo.isBefore(end));
    }

    private List<Region> list() {
        List<Region> current = all;
        if (current == null) {
            current = Region.listAll();
            all = current;
        }
        return current;
    }
}
