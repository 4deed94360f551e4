package org.ogi.aggregation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ogi.format.RegionCodes;

/**
 * Where a region's figures roll up to, read from the code's digit pattern alone (county → prefecture → province →
 * nation). Retired codes such as 430221 roll up like live ones, so old years keep their place in the tree without a
 * region table in this service.
 */
public final class RegionChain {

    private RegionChain() {
    }

    /** The code itself, then every ancestor up to and including 000000. */
    public static List<String> selfAndAncestors(String code) {
        List<String> chain = new ArrayList<>(4);
        Optional<String> next = Optional.of(code);
        while (next.isPresent()) {
            chain.add(next.get());
            next = RegionCodes.parentOf(next.get());
        }
        return chain;
    }

    /**
     * The child of {@code ancestor} on the way down to {@code descendant}; empty when {@code descendant} is
     * {@code ancestor} itself or not below it.
     */
    public static Optional<String> childTowards(String ancestor, String descendant) {
        if (ancestor.equals(descendant) || !RegionCodes.contains(ancestor, descendant)) {
            return Optional.empty();
        }
        List<String> chain = selfAndAncestors(descendant);
        int at = chain.indexOf(ancestor);
        return at > 0 ? Optional.of(chain.get(at - 1)) : Optional.empty();
    }

    /** Lower bound of the subtree as a "C"-collated string range: every code of the subtree is in [low, high). */
    public static String rangeLow(String code) {
        return RegionCodes.subtreePrefix(code);
    }

    /** Upper bound: the prefix followed by '~', which sorts after every digit. */
    public static String rangeHigh(String code) {
        return RegionCodes.subtreePrefix(code) + "~";
    }
}
