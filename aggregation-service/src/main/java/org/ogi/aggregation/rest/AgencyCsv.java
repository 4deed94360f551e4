package org.ogi.aggregation.rest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ogi.aggregation.domain.CellKeys;
import org.ogi.aggregation.domain.CellSums;
import org.ogi.aggregation.service.Views.AgencyRow;

/**
 * The per-agency frame as CSV: UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads the names as
 * GBK mojibake), one header line, then the fixed columns and one column per cell key of the year's format.
 */
final class AgencyCsv implements AutoCloseable {

    static final List<String> FIXED = List.of("agencyCode", "name", "regionCode", "kind", "expected", "status",
            "version", "format", "receivedAt", "deadline", "onTime");
    /** Quotes only values that need it (by default Jackson quotes every value longer than 24 characters). */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final List<String> cellKeys;
    private final Writer writer;
    private final SequenceWriter rows;

    AgencyCsv(OutputStream out, int year) throws IOException {
        this.cellKeys = CellKeys.forYear(year);
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CsvSchema.Builder schema = CsvSchema.builder();
        FIXED.forEach(schema::addColumn);
        cellKeys.forEach(schema::addColumn);
        this.rows = MAPPER.writerFor(String[].class).with(schema.build().withHeader()).writeValues(writer);
    }

    void write(AgencyRow row) {
        List<String> values = new ArrayList<>(FIXED.size() + cellKeys.size());
        values.add(row.agencyCode());
        values.add(row.name());
        values.add(row.regionCode());
        values.add(row.kind());
        values.add(Boolean.toString(row.expected()));
        values.add(row.status());
        values.add(text(row.version()));
        values.add(row.format());
        values.add(text(row.receivedAt()));
        values.add(text(row.deadline()));
        values.add(text(row.onTime()));
        for (String key : cellKeys) {
            BigDecimal v = row.cells().get(key);
            values.add(v == null ? "" : CellSums.normalize(v).toPlainString());
        }
        try {
            rows.write(values.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        rows.flush(); // the response stream is closed by the server, not here
        writer.flush();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
