package org.ogi.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.stack.demo.DemoAgency;

/**
 * A synthetic national registry shaped like the real one: the real current divisions that submission-service ships
 * (31 provinces, the prefectures, the counties), one people's government per division and departments in proportion
 * to its level (a province has many more than a county), each with a valid unified social credit code.
 * Deterministic for a seed and a target size.
 */
final class Nation {

    record Division(String code, String name, String level) {
    }

    private static final String[] DEPARTMENTS = {"发展和改革委员会", "教育局", "科学技术局", "公安局", "民政局", "司法局",
        "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
        "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局",
        "医疗保障局", "林业局", "退役军人事务局", "城市管理局", "信访局", "数据资源局", "税务局", "气象局", "档案馆"};
    /** Agencies per division by level, before scaling to the requested size (about 150,000 nationally). */
    private static final double COUNTY = 42;
    private static final double PREFECTURE = 55;
    private static final double PROVINCE = 75;

    private Nation() {
    }

    /** The divisions in force, read from submission-service's own registry (its Flyway migration loaded them). */
    static List<Division> divisions(String jdbcUrl) throws SQLException {
        List<Division> divisions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select code, name, level from region where valid_to is null"
                     + " and level <> 'NATION' order by code")) {
            while (rs.next()) {
                divisions.add(new Division(rs.getString(1).trim(), rs.getString(2), rs.getString(3)));
            }
        }
        return divisions;
    }

    /** About {@code target} agencies: a government in every division, departments scaled to reach the target. */
    static List<DemoAgency> agencies(List<Division> divisions, int target, long seed) {
        double weight = divisions.stream().mapToDouble(Nation::weight).sum();
        double scale = Math.max(0, (target - divisions.size()) / Math.max(1, weight - divisions.size()));
        Random random = new Random(seed);
        List<DemoAgency> agencies = new ArrayList<>(target + divisions.size());
        long serial = 0;
        for (Division d : divisions) {
            agencies.add(agency(d, d.name() + "人民政府", AgencyKind.GOVERNMENT, serial++));
            double expected = (weight(d) - 1) * scale;
            int departments = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
            for (int i = 0; i < departments; i++) {
                String department = DEPARTMENTS[i % DEPARTMENTS.length] + (i < DEPARTMENTS.length ? "" : "第" + (i / DEPARTMENTS.length + 1) + "分局");
                agencies.add(agency(d, d.name() + department, AgencyKind.DEPARTMENT, serial++));
            }
        }
        return agencies;
    }

    private static double weight(Division d) {
        return switch (d.level()) {
            case "PROVINCE" -> PROVINCE;
            case "PREFECTURE" -> PREFECTURE;
            default -> COUNTY;
        };
    }

    private static DemoAgency agency(Division d, String name, AgencyKind kind, long serial) {
        String code = AgencyCodes.withCheckCharacter("11" + d.code() + organisationCode(serial));
        return new DemoAgency(code, name, d.code(), kind, "bench-" + code.toLowerCase() + "@example.org", null, null,
                null, null);
    }

    /** Nine characters of the code alphabet, distinct for every serial below 31^9. */
    static String organisationCode(long serial) {
        char[] chars = new char[9];
        long n = serial + 1_000_000L; // not starting at 000000000
        for (int i = 8; i >= 0; i--) {
            chars[i] = AgencyCodes.ALPHABET.charAt((int) (n % AgencyCodes.ALPHABET.length()));
            n /= AgencyCodes.ALPHABET.length();
        }
        return new String(chars);
    }
}
