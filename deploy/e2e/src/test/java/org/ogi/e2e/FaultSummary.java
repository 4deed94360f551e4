package org.ogi.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The table the fault tests print at the end (and write to target/faults/summary.md): one row per fault. */
final class FaultSummary {

    /**
     * {@code requests}: filings (or chase runs) sent; {@code accepted}: answered 2xx; {@code refused}: answered 503
     * during the outage (sent again afterwards); {@code lost}: accepted but missing from the statistics (or a reminder
     * due but never sent); {@code duplicates}: applied (or sent) more than once.
     */
    record Row(String fault, String injected, long requests, long accepted, long refused, long lost, long duplicates,
               String note) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("FAULT " + row);
    }

    synchronized String table(String title) {
        StringBuilder t = new StringBuilder(title).append("\n\n");
        t.append("| fault | injected | requests sent | accepted (2xx) | 503 during outage | lost | duplicates applied | observed |\n");
        t.append("|---|---|---|---|---|---|---|---|\n");
        long requests = 0;
        long accepted = 0;
        long refused = 0;
        long lost = 0;
        long duplicates = 0;
        for (Row r : rows) {
            t.append(String.format("| %s | %s | %,d | %,d | %,d | %d | %d | %s |%n", r.fault(), r.injected(),
                    r.requests(), r.accepted(), r.refused(), r.lost(), r.duplicates(), r.note()));
            requests += r.requests();
            accepted += r.accepted();
            refused += r.refused();
            lost += r.lost();
            duplicates += r.duplicates();
        }
        t.append(String.format("| **total** | %d faults | %,d | %,d | %,d | **%d** | **%d** | |%n", rows.size(),
                requests, accepted, refused, lost, duplicates));
        return t.toString();
    }

    void print(String title, Path file) {
        String table = table(title);
        System.out.println();
        System.out.println(table);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }
}
