package org.ogi.stack.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.stack.demo.DemoRegions.City;
import org.ogi.stack.demo.DemoRegions.Division;

/**
 * The demo agency registry: the four seed cities' governments and departments, their counties' governments
 * and departments, and the four provincial governments above them. Everything follows from the seed, so a
 * second load sends byte-identical agencies and the server sees no change.
 *
 * <p>Compliance edge cases built in: 株洲县人民政府 (430221, retired 2018-06-30), 广德县人民政府 (341822,
 * retired 2019-08-31), the agencies of their successors 渌口区/广德市 which start mid-year, and one city
 * department created on 2022-07-01.
 */
public final class DemoData {

    public static final long DEFAULT_SEED = 20190131L;
    public static final LocalDate MID_2022 = LocalDate.of(2022, 7, 1);

    /** Departments a prefecture-level city plausibly has (name without the city prefix). */
    private static final List<String> CITY_DEPARTMENTS = List.of(
            "发展和改革委员会", "教育局", "科学技术局", "经济和信息化局", "公安局", "民政局", "司法局", "财政局",
            "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
            "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
            "市场监督管理局", "统计局", "医疗保障局", "林业局", "城市管理执法局", "体育局", "信访局");

    /** Departments a county-level division plausibly has. */
    private static final List<String> COUNTY_DEPARTMENTS = List.of(
            "教育局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局",
            "农业农村局", "卫生健康局", "市场监督管理局", "应急管理局", "水利局", "司法局", "文化和旅游局");

    /** Real department names the seed documents give (shared/samples/legacy), as city name suffixes. */
    private static final Map<String, String> REAL_DEPARTMENTS = Map.of(
            "421300", "工商局",
            "341800", "商务局",
            "210100", "工商局",
            "430200", "工商行政管理局");

    private final long seed;
    private final List<DemoAgency> agencies;

    public DemoData(long seed) {
        this.seed = seed;
        this.agencies = Collections.unmodifiableList(new Builder(new Random(seed)).build());
    }

    public static DemoData standard() {
        return new DemoData(DEFAULT_SEED);
    }

    public long seed() {
        return seed;
    }

    /** Every agency, each government before the agencies it supervises (the order of the CSV import). */
    public List<DemoAgency> agencies() {
        return agencies;
    }

    public Optional<DemoAgency> byName(String name) {
        return agencies.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The CSV body of {@code POST /api/v1/agencies/import}: header row, then one row per agency. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(DemoAgency.CSV_HEADER).append('\n');
        agencies.forEach(a -> csv.append(a.csvRow()).append('\n'));
        return csv.toString();
    }

    /** Builds the list once; keeps the random stream and the codes already handed out. */
    private static final class Builder {
        private final Random random;
        private final Set<String> organisationCodes = new HashSet<>();
        private final List<DemoAgency> out = new ArrayList<>();

        Builder(Random random) {
            this.random = random;
        }

        List<DemoAgency> build() {
            for (City city : DemoRegions.CITIES) {
                add(city.province().name() + "人民政府", city.province(), AgencyKind.GOVERNMENT);
            }
            for (int i = 0; i < DemoRegions.CITIES.size(); i++) {
                City city = DemoRegions.CITIES.get(i);
                add(city.city().name() + "人民政府", city.city(), AgencyKind.GOVERNMENT);
                addCityDepartments(city.city(), i == 0);
                for (Division county : city.counties()) {
                    add(county.name() + "人民政府", county, AgencyKind.GOVERNMENT);
                    if (county.validTo() == null) {
                        addDepartments(county, COUNTY_DEPARTMENTS, 3 + random.nextInt(3));
                    }
                }
            }
            return out;
        }

        private void addCityDepartments(Division city, boolean withMid2022Department) {
            String real = REAL_DEPARTMENTS.get(city.code());
            add(city.name() + real, city, AgencyKind.DEPARTMENT);
            List<String> pool = new ArrayList<>(CITY_DEPARTMENTS);
            pool.remove(real);
            addDepartments(city, pool, 9 + random.nextInt(10));
            if (withMid2022Department) {
                out.add(agency(city.name() + "政务服务和大数据管理局", city.code(), AgencyKind.DEPARTMENT, MID_2022, null));
            }
        }

        private void addDepartments(Division where, List<String> pool, int count) {
            List<String> names = new ArrayList<>(pool);
            Collections.shuffle(names, random);
            for (String suffix : names.subList(0, Math.min(count, names.size()))) {
                add(where.name() + suffix, where, AgencyKind.DEPARTMENT);
            }
        }

        private void add(String name, Division where, AgencyKind kind) {
            out.add(agency(name, where.code(), kind, where.validFrom(), where.validTo()));
        }

        /** supervisorCode stays null: the server's Art. 49 default (own or parent region's government) applies. */
        private DemoAgency agency(String name, String region, AgencyKind kind, LocalDate validFrom, LocalDate validTo) {
            String code = AgencyCodes.withCheckCharacter("11" + region + organisationCode());
            return new DemoAgency(code, name, region, kind, "gkb-" + code.toLowerCase() + "@demo.ogi.local", null,
                    null, validFrom, validTo);
        }

        /** Nine characters: eight digits (as most organisation codes are) and one character of the alphabet. */
        private String organisationCode() {
            while (true) {
                StringBuilder sb = new StringBuilder(9);
                for (int i = 0; i < 8; i++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
                sb.append(AgencyCodes.ALPHABET.charAt(random.nextInt(AgencyCodes.ALPHABET.length())));
                if (organisationCodes.add(sb.toString())) {
                    return sb.toString();
                }
            }
        }
    }
}
