package org.ogi.submission.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ogi.support.problem.Problem;
import org.ogi.support.problem.ProblemException;

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

    /** The bytes as text in {@code charset}, strictly: a byte sequence that is not in it is an error naming its line. */
    public static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            String readable = charset.decode(ByteBuffer.wrap(bytes)).toString();
            int bad = readable.indexOf('\uFFFD');
            long line = bad < 0 ? 1 : readable.substring(0, bad).chars().filter(c -> c == '\n').count() + 1;
            throw new ProblemException(400, "Bad Request", "导入文件第" + line + "行不是有效的 " + charset.name() + " 编码文本",
                    List.of(new Problem.Item(null, null, (int) line, null, "第" + line + "行含有无效的字节序列")));
        }
    }

    public static List<RegistryService.Entry> parse(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("导入文件为空");
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        unclosedQuote(body).ifPresent(line -> {
            throw new ProblemException(400, "Bad Request", "CSV 文件第" + line + "行的引号没有闭合",
                    List.of(new Problem.Item(null, null, line, null, "第" + line + "行：以引号开始的值没有结束引号")));
        });
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
            // Jackson's message is English and names its own types: say where, in Chinese
            Throwable cause = e instanceof JsonProcessingException ? e : e.getCause();
            Integer at = cause instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0
                    ? j.getLocation().getLineNr() : entries.size() + 2; // else: the line after the last one read
            String where = "第" + at + "行";
            throw new ProblemException(400, "Bad Request", "CSV 文件" + where + "无法解析：列数多于表头，或引号不成对",
                    List.of(new Problem.Item(null, null, at, null, "CSV 文件" + where + "无法解析")));
        }
        if (entries.isEmpty()) {
            throw ProblemException.badRequest("导入文件没有数据行");
        }
        return entries;
    }

    /** The line of a quoted value that is never closed (the parser would only notice at the end of the file). */
    private static Optional<Integer> unclosedQuote(String body) {
        boolean quoted = false;
        int line = 1;
        int openedOn = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                if (!quoted) {
                    openedOn = line;
                }
                quoted = !quoted; // an escaped quote ("") toggles twice
            } else if (c == '\n') {
                line++;
            }
        }
        return quoted ? Optional.of(openedOn) : Optional.empty();
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
