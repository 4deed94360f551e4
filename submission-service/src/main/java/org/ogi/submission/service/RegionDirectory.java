package org.ogi.submission.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ogi.submission.domain.Region;

/**
 * The region table in memory. It changes only through migrations (a new division table is a release), so it is read once;
 * imports of 150,000 agencies check region codes without a query per line.
 */
@ApplicationScoped
public class RegionDirectory {

    private volatile Map<String, Region> regions;

    public Optional<Region> find(String code) {
        return Optional.ofNullable(all().get(code));
    }

    public boolean exists(String code) {
        return code != null && all().containsKey(code);
    }

    public Optional<String> parentOf(String code) {
        return find(code).map(r -> r.parentCode);
    }

    private Map<String, Region> all() {
        Map<String, Region> current = regions;
        if (current == null) {
            List<Region> rows = Region.listAll();
            current = rows.stream().collect(Collectors.toUnmodifiableMap(r -> r.code, Function.identity()));
            regions = current;
        }
        return current;
    }
}
