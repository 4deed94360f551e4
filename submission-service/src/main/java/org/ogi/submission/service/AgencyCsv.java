package org.ogi.submission.service;

import org.ogi.support.problem.ProblemException;
import org.ogi.support.problem.Problem;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the bulk-import CSV: a header row naming the same fields as the PUT body, plus `code`; UTF-8, BOM tolerated. */
public final class AgencyCsv {

    static final List<String> COLUMNS = List.of("code", "name", "regionCode", "kind", "contactEmail", "webhookUrl",
            "supervisorCode", "validFrom", "validTo");
    private static final Set<String> REQUIRED = Set.of("code", "name", "regionCode", "kind");
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private AgencyCsv() {
    }

    /** The declared charset (GB18030 exports from older systems are common), UTF-8 when none is declared. */
    public static Charset charset(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("不支持的字符集：" + name);
        }
    }

    public static List<RegistryService.Entry> parse(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("导入文件为空");
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        List<RegistryService.Entry> entries = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            checkHeader(it);
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                int line = entries.size() + 2; // the header is line 1
                entries.add(new RegistryService.Entry(trim(row.get("code")), new AgencyRequest(row.get("name"),
                        trim(row.get("regionCode")), row.get("kind"), row.get("contactEmail"), row.get("webhookUrl"),
                        trim(row.get("supervisorCode")), row.get("validFrom"), row.get("validTo")), line));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.badRequest("CSV 文件无法解析：" + e.getMessage().lines().findFirst().orElse(""));
        }
        if (entries.isEmpty()) {
            throw ProblemException.badRequest("导入文件没有数据行");
        }
        return entries;
    }

    private static void checkHeader(MappingIterator<Map<String, String>> it) {
        CsvSchema schema = (CsvSchema) it.getParserSchema();
        Set<String> present = new TreeSet<>();
        schema.forEach(c -> present.add(c.getName()));
        List<Problem.Item> items = new ArrayList<>();
        for (String c : present) {
            if (!COLUMNS.contains(c)) {
                items.add(new Problem.Item(null, null, 1, c, "第1行：未知的列 " + c + "，可用的列为 " + String.join(",", COLUMNS)));
            }
        }
        for (String c : REQUIRED) {
            if (!present.contains(c)) {
                items.add(new Problem.Item(null, null, 1, c, "第1行：缺少必需的列 " + c));
            }
        }
        if (!items.isEmpty()) {
            throw ProblemException.unprocessable("导入文件的表头不正确", items);
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
