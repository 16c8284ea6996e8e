package dev.interleave.cli;

import dev.interleave.run.Sizes;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.SweepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep as text: one table per way of writing (strategy and lock), threads down, sizes across, each
 * cell its pooled torn rate with the 95% interval, or "&lt; bound" where nothing tore. Pure.
 */
final class SweepTable {
    private SweepTable() {
    }

    static String render(SweepResult r) {
        Map<String, List<CellSummary>> byWay = new LinkedHashMap<>();
        Set<Integer> sizes = new LinkedHashSet<>();
        for (CellSummary s : r.cells()) {
            byWay.computeIfAbsent(s.cell().strategyLabel(), k -> new ArrayList<>()).add(s);
            sizes.add(s.cell().payloadSize());
        }
        StringBuilder out = new StringBuilder();
        for (var e : byWay.entrySet()) {
            Map<Integer, Map<Integer, String>> rows = new LinkedHashMap<>();
            Set<Integer> mySizes = new LinkedHashSet<>();
            for (CellSummary s : e.getValue()) {
                Cell c = s.cell();
                rows.computeIfAbsent(c.threads(), k -> new LinkedHashMap<>()).put(c.payloadSize(), s.rateText());
                mySizes.add(c.payloadSize());
            }
            List<Integer> columns = sizes.stream().filter(mySizes::contains).toList();
            int width = "threads".length();
            for (Map<Integer, String> row : rows.values()) {
                for (String text : row.values()) {
                    width = Math.max(width, text.length());
                }
            }
            for (int size : columns) {
                width = Math.max(width, Sizes.format(size).length());
            }
            String cellFormat = "  %-" + width + "s";
            out.append(e.getKey()).append(": torn rate [95% interval] of the packets judged\n");
            out.append(String.format(Locale.ROOT, "%7s", "threads"));
            for (int size : columns) {
                out.append(String.format(Locale.ROOT, cellFormat, Sizes.format(size)));
            }
            out.append('\n');
            for (var row : rows.entrySet()) {
                out.append(String.format(Locale.ROOT, "%7d", row.getKey()));
                for (int size : columns) {
                    out.append(String.format(Locale.ROOT, cellFormat, row.getValue().getOrDefault(size, "")));
                }
                out.append('\n');
            }
            out.append('\n');
        }
        return out.toString().stripTrailing().replaceAll(" +\n", "\n") + "\n";
    }
}
