package org.ogi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.stack.demo.DemoAgency;

class NationTest {

    /** A small country: 2 provinces, 4 prefectures, 12 counties, with real-looking codes. */
    private static List<Nation.Division> country() {
        List<Nation.Division> divisions = new ArrayList<>();
        for (String p : List.of("42", "43")) {
            divisions.add(new Nation.Division(p + "0000", "省" + p, "PROVINCE"));
            for (String f : List.of("01", "02")) {
                divisions.add(new Nation.Division(p + f + "00", "市" + p + f, "PREFECTURE"));
                for (String c : List.of("01", "02", "03")) {
                    divisions.add(new Nation.Division(p + f + c, "县" + p + f + c, "COUNTY"));
                }
            }
        }
        return divisions;
    }

    @Test
    void everyAgencyHasAValidUniqueCodeInItsOwnDivision() {
        List<DemoAgency> agencies = Nation.agencies(country(), 900, 7);
        Set<String> codes = new HashSet<>();
        for (DemoAgency a : agencies) {
            assertTrue(AgencyCodes.isValid(a.code()), a.code());
            assertEquals(a.regionCode(), AgencyCodes.regionPart(a.code()), a.code());
            assertTrue(codes.add(a.code()), "duplicate " + a.code());
        }
    }

    @Test
    void sizeComesCloseToTheTargetWithAGovernmentInEveryDivision() {
        List<DemoAgency> agencies = Nation.agencies(country(), 900, 7);
        assertTrue(Math.abs(agencies.size() - 900) < 45, "size " + agencies.size());
        Map<String, Long> governments = agencies.stream().filter(a -> a.kind() == AgencyKind.GOVERNMENT)
                .collect(Collectors.groupingBy(DemoAgency::regionCode, Collectors.counting()));
        assertEquals(country().size(), governments.size());
        assertTrue(governments.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void theSameSeedGivesTheSameNation() {
        assertEquals(Nation.agencies(country(), 500, 3), Nation.agencies(country(), 500, 3));
    }

    @Test
    void organisationCodesDifferForDifferentSerials() {
        Set<String> seen = new HashSet<>();
        for (long serial = 0; serial < 100_000; serial++) {
            assertTrue(seen.add(Nation.organisationCode(serial)));
        }
    }
}
