package org.ogi.stack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.stack.demo.DemoRegions.City;
import org.ogi.stack.demo.DemoRegions.Division;

class DemoDataTest {

    private final DemoData data = DemoData.standard();

    @Test
    void agencyCodesPassTheGb32100CheckAndCarryTheirRegion() {
        Set<String> codes = new HashSet<>();
        for (DemoAgency a : data.agencies()) {
            assertEquals(Optional.empty(), AgencyCodes.problem(a.code()), a.name() + " " + a.code());
            assertTrue(a.code().startsWith("11" + a.regionCode()), a.code() + " not in region " + a.regionCode());
            assertTrue(codes.add(a.code()), "duplicate code " + a.code());
            assertEquals("gkb-" + a.code().toLowerCase() + "@demo.ogi.local", a.contactEmail());
        }
    }

    @Test
    void sameSeedGivesTheSameAgenciesAndAnotherSeedOtherCodes() {
        assertEquals(new DemoData(7).toCsv(), new DemoData(7).toCsv());
        assertEquals(DemoData.standard().agencies(), data.agencies());
        assertNotEquals(new DemoData(7).agencies().get(0).code(), new DemoData(8).agencies().get(0).code());
    }

    @Test
    void everySeedCityHasAGovernmentAndTenToTwentyDepartments() {
        for (City city : DemoRegions.CITIES) {
            String code = city.city().code();
            assertEquals(1, count(code, AgencyKind.GOVERNMENT), "government of " + city.city().name());
            long departments = count(code, AgencyKind.DEPARTMENT);
            assertTrue(departments >= 10 && departments <= 20, city.city().name() + ": " + departments);
        }
    }

    @Test
    void everyCountyHasAGovernmentAndLiveCountiesThreeToFiveDepartments() {
        for (City city : DemoRegions.CITIES) {
            for (Division county : city.counties()) {
                assertEquals(1, count(county.code(), AgencyKind.GOVERNMENT), county.name());
                long departments = count(county.code(), AgencyKind.DEPARTMENT);
                if (county.validTo() == null) {
                    assertTrue(departments >= 3 && departments <= 5, county.name() + ": " + departments);
                } else {
                    assertEquals(0, departments, "retired " + county.name() + " has only its government");
                }
            }
        }
    }

    @Test
    void includesTheRealDepartmentsOfTheSeedDocuments() {
        for (String name : List.of("随州市工商局", "宣城市商务局", "沈阳市工商局", "株洲市工商行政管理局")) {
            DemoAgency a = data.byName(name).orElseThrow(() -> new AssertionError("missing " + name));
            assertEquals(AgencyKind.DEPARTMENT, a.kind());
        }
    }

    @Test
    void retiredCountyGovernmentAndMidYearDepartmentCarryTheirDates() {
        DemoAgency zhuzhouCounty = data.byName("株洲县人民政府").orElseThrow();
        assertEquals("430221", zhuzhouCounty.regionCode());
        assertEquals(LocalDate.of(2018, 6, 30), zhuzhouCounty.validTo());
        assertTrue(zhuzhouCounty.activeDuring(2018) && !zhuzhouCounty.activeDuring(2019));
        DemoAgency lukou = data.byName("渌口区人民政府").orElseThrow();
        assertEquals(LocalDate.of(2018, 7, 1), lukou.validFrom());
        List<DemoAgency> mid2022 = data.agencies().stream().filter(a -> DemoData.MID_2022.equals(a.validFrom())).toList();
        assertEquals(1, mid2022.size());
        assertEquals(AgencyKind.DEPARTMENT, mid2022.get(0).kind());
    }

    @Test
    void everyAgencyHasItsDefaultSupervisingGovernmentListedBeforeIt() {
        // supervisorCode is left empty: the server applies Art. 49 (a department reports to its own
        // government, a government to the government of the parent region), so those must exist and come first
        Set<String> governmentsSeen = new HashSet<>();
        for (DemoAgency a : data.agencies()) {
            assertNull(a.supervisorCode(), a.name());
            String region = a.regionCode();
            String supervisingRegion = a.kind() == AgencyKind.DEPARTMENT ? region
                    : region.endsWith("0000") ? null
                    : region.endsWith("00") ? region.substring(0, 2) + "0000" : region.substring(0, 4) + "00";
            if (supervisingRegion != null) {
                assertTrue(governmentsSeen.contains(supervisingRegion), a.name() + ": no government of "
                        + supervisingRegion + " before it");
            }
            if (a.kind() == AgencyKind.GOVERNMENT) {
                governmentsSeen.add(region);
            }
        }
        assertEquals(Set.of("420000", "340000", "210000", "430000"), data.agencies().stream()
                .filter(a -> a.regionCode().endsWith("0000")).map(DemoAgency::regionCode).collect(Collectors.toSet()));
    }

    @Test
    void csvHasTheImportHeaderAndEmptyFieldsForNulls() {
        String[] lines = data.toCsv().split("\n");
        assertEquals("code,name,regionCode,kind,contactEmail,webhookUrl,supervisorCode,validFrom,validTo", lines[0]);
        assertEquals(data.agencies().size() + 1, lines.length);
        DemoAgency hubei = data.byName("湖北省人民政府").orElseThrow();
        assertEquals(hubei.code() + ",湖北省人民政府,420000,GOVERNMENT," + hubei.contactEmail() + ",,,,", lines[1]);
        DemoAgency retired = data.byName("株洲县人民政府").orElseThrow();
        assertTrue(List.of(lines).contains(retired.csvRow()));
        assertTrue(retired.csvRow().endsWith(",,2018-06-30"), retired.csvRow());
    }

    private long count(String region, AgencyKind kind) {
        return data.agencies().stream().filter(a -> a.regionCode().equals(region) && a.kind() == kind).count();
    }
}
