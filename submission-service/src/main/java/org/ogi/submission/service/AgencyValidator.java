package org.ogi.submission.service;

import org.ogi.support.problem.Problem;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.submission.domain.Agency;

/** Checks one agency record and builds the entity; every problem is collected with its field. */
final class AgencyValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private AgencyValidator() {
    }

    /**
     * @param regionExists   whether a region code is in the registry
     * @param agencyExists   whether an agency code is known (for supervisorCode), including codes of the same import
     */
    static List<Problem.Item> problems(String code, AgencyRequest r, Integer line, Predicate<String> regionExists,
            Predicate<String> agencyExists) {
        List<Problem.Item> items = new ArrayList<>();
        unreadable("code", code, line, items);
        unreadable("name", r.name(), line, items);
        unreadable("regionCode", r.regionCode(), line, items);
        unreadable("kind", r.kind(), line, items);
        unreadable("contactEmail", r.contactEmail(), line, items);
        unreadable("webhookUrl", r.webhookUrl(), line, items);
        unreadable("supervisorCode", r.supervisorCode(), line, items);
        unreadable("validFrom", r.validFrom(), line, items);
        unreadable("validTo", r.validTo(), line, items);
        if (!items.isEmpty()) {
            return items; // nothing else is checked (or looked up) with such a value
        }
        AgencyCodes.problem(code).ifPresent(m -> items.add(item(line, "code", m)));
        if (blank(r.name())) {
            items.add(item(line, "name", "机构名称不能为空"));
        } else if (r.name().length() > 200) {
            items.add(item(line, "name", "机构名称不能超过200个字符"));
        }
        if (blank(r.regionCode())) {
            items.add(item(line, "regionCode", "行政区划代码不能为空"));
        } else if (!regionExists.test(r.regionCode())) {
            items.add(item(line, "regionCode", "行政区划代码 " + r.regionCode() + " 不存在"));
        }
        if (blank(r.kind()) || parseKind(r.kind()) == null) {
            items.add(item(line, "kind", "机构类型必须是 DEPARTMENT（部门）、GOVERNMENT（人民政府）或 TOWNSHIP（乡镇、街道）之一，收到："
                    + (r.kind() == null ? "空值" : r.kind())));
        }
        if (!blank(r.contactEmail()) && !EMAIL.matcher(r.contactEmail()).matches()) {
            items.add(item(line, "contactEmail", "联系邮箱格式不正确：" + r.contactEmail()));
        }
        if (!blank(r.webhookUrl()) && !isHttpUrl(r.webhookUrl())) {
            items.add(item(line, "webhookUrl", "回调地址必须是 http 或 https 网址：" + r.webhookUrl()));
        }
        if (!blank(r.supervisorCode())) {
            AgencyCodes.problem(r.supervisorCode()).ifPresentOrElse(
                    m -> items.add(item(line, "supervisorCode", "主管机构代码无效：" + m)),
                    () -> {
                        if (r.supervisorCode().equals(code)) {
                            items.add(item(line, "supervisorCode", "机构不能是自己的主管机构"));
                        } else if (!agencyExists.test(r.supervisorCode())) {
                            items.add(item(line, "supervisorCode", "主管机构 " + r.supervisorCode() + " 尚未登记"));
                        }
                    });
        }
        LocalDate from = date(r.validFrom(), "validFrom", line, items);
        LocalDate to = date(r.validTo(), "validTo", line, items);
        if (from != null && to != null && from.isAfter(to)) {
            items.add(item(line, "validTo", "失效日期 " + to + " 早于生效日期 " + from));
        }
        return items;
    }

    static void apply(Agency a, AgencyRequest r) {
        a.name = r.name().strip();
        a.regionCode = r.regionCode();
        a.kind = parseKind(r.kind());
        a.contactEmail = emptyToNull(r.contactEmail());
        a.webhookUrl = emptyToNull(r.webhookUrl());
        a.supervisorCode = emptyToNull(r.supervisorCode());
        a.validFrom = blank(r.validFrom()) ? null : LocalDate.parse(r.validFrom().strip());
        a.validTo = blank(r.validTo()) ? null : LocalDate.parse(r.validTo().strip());
    }

    static AgencyKind parseKind(String kind) {
        try {
            return kind == null ? null : AgencyKind.valueOf(kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(String value, String field, Integer line, List<Problem.Item> items) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            items.add(item(line, field, "日期格式应为 YYYY-MM-DD，收到：" + value));
            return null;
        }
    }

    /** Control characters (PostgreSQL cannot even store NUL), U+FFFD from a bad decoding, lone surrogates. */
    private static void unreadable(String field, String value, Integer line, List<Problem.Item> items) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean surrogate = Character.isHighSurrogate(c) ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (c < 0x20 || c == 0x7F || c == '\uFFFD' || surrogate) {
                items.add(item(line, field, "字段 " + field + " 含有控制字符或无法识别的字符（第" + (i + 1) + "个字符）"));
                return;
            }
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value.strip());
            return Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Problem.Item item(Integer line, String field, String message) {
        return new Problem.Item(null, null, line, field, line == null ? message : "第" + line + "行：" + message);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
