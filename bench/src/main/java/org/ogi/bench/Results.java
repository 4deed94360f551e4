package org.ogi.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run: a flat, ordered list of rows (scenario, figure, value, target, met) plus the settings and
 * the machine, written as JSON and as a markdown table, and the table copied into the README between markers.
 */
final class Results {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    record Row(String scenario, String figure, String value, String target, Boolean met) {
    }

    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    /** A figure without a target. */
    void add(String scenario, String figure, String value) {
        rows.add(new Row(scenario, figure, value, "", null));
    }

    /** A figure with its target and whether it was met. */
    void add(String scenario, String figure, String value, String target, boolean met) {
        rows.add(new Row(scenario, figure, value, target, met));
    }

    /** The scenario's full measurement (records), kept in the JSON. */
    void raw(String scenario, Object measurement) {
        raw.put(scenario, measurement);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(settings.get("started")).append(" · commit ").append(settings.get("commit"))
                .append(" · ").append(settings.get("machine")).append(" · size ").append(settings.get("size"))
                .append(" (").append(settings.get("agencies")).append(" agencies, ").append(settings.get("years"))
                .append(" years, ").append(settings.get("clients")).append(" clients)").append("\n");
        md.append("Durability: ").append(settings.get("durability")).append("\n");
        md.append("Host speed (bench/README.md): ").append(settings.get("host speed at start")).append(" at the start, ")
                .append(settings.getOrDefault("host speed at end", "not read")).append(" at the end\n\n");
        md.append("| scenario | figure | value | target | met |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.scenario()).append(" | ").append(r.figure()).append(" | ").append(r.value())
                    .append(" | ").append(r.target()).append(" | ")
                    .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }

    /** Writes {@code <stem>.md} and {@code <stem>.json} into {@code dir}; returns the markdown path. */
    Path write(Path dir, String stem) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("figures", rows);
        json.put("measurements", raw);
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve(stem + ".json").toFile(), json);
        Path md = dir.resolve(stem + ".md");
        Files.writeString(md, markdown());
        return md;
    }

    /** Replaces the README's table between the markers (left alone when the markers are missing). */
    void updateReadme(Path readme, String resultsLink) throws IOException {
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            return;
        }
        String table = BEGIN + "\n" + markdown() + "\nFull figures: `" + resultsLink + "`.\n" + END;
        Files.writeString(readme, text.substring(0, begin) + table + text.substring(end + END.length()));
    }
}
