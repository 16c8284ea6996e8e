package dev.interleave.report;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunEnvironment;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.Target;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.Pooling;
import dev.interleave.sweep.SweepOutcome;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.TrialBudget;
import dev.interleave.sweep.TrialRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a sweep report back ({@link SweepReport#writeCsv}, docs/REPORT.md): the plan, every finished
 * trial and what did not run, so that a sweep measured by {@code interleave sweep --report} can be shown
 * in the window. The cells' pooled figures are pooled again from the trial rows (by the same rule that
 * wrote them); no trial's per-packet state is in the file, so the result has no last trials to open.
 * The machine is as the file names it (its OS and version in one field), and each trial's seconds are
 * the file's, to the millisecond (so are the throughputs pooled from them). Any thread but the FX thread.
 */
public final class SweepCsvReader {
    /** Reports larger than this are refused: a sweep plans at most 100,000 trials, about 30 MB of rows. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private SweepCsvReader() {
    }

    /**
     * The sweep in {@code file}; an IOException whose message names the file and what is wrong when it
     * cannot be read or is no sweep report of a known format.
     */
    public static SweepResult read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than a sweep report can be (" + MAX_BYTES / (1024 * 1024)
                    + " MiB)");
        }
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.parse(in).getRecords();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable CSV file: " + e.getMessage(), e);
        }
        try {
            return parse(rows);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a sweep report this version reads: " + e.getMessage(), e);
        }
    }

    private static SweepResult parse(List<CSVRecord> rows) {
        Map<String, String> sweep = new HashMap<>();
        List<Map<String, String>> trials = new ArrayList<>();
        List<Map<String, String>> cells = new ArrayList<>();
        List<Map<String, String>> notRun = new ArrayList<>();
        List<String> header = List.of();
        for (CSVRecord row : rows) {
            String kind = row.get(0);
            if (kind.equals("record")) {
                header = row.toList();
                continue;
            }
            Map<String, String> m = new HashMap<>();
            for (int i = 1; i < Math.min(header.size(), row.size()); i++) {
                m.put(header.get(i), row.get(i));
            }
            switch (kind) {
                case "sweep" -> sweep.put(row.get(1), row.size() > 2 ? row.get(2) : "");
                case "trial" -> trials.add(m);
                case "cell" -> cells.add(m);
                case "not_run" -> notRun.add(m);
                default -> throw new IllegalArgumentException("a row of an unknown kind '" + kind + "'");
            }
        }
        String version = need(sweep, "format_version");
        if (!version.equals(String.valueOf(SweepReport.FORMAT_VERSION))) {
            throw new IllegalArgumentException("format version " + version + " (this version reads "
                    + SweepReport.FORMAT_VERSION + ")");
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("no cell rows");
        }
        List<Cell> planCells = new ArrayList<>();
        for (Map<String, String> c : cells) {
            planCells.add(cell(c));
        }
        String packets = sweep.getOrDefault("packets_per_trial", "");
        TrialBudget budget = packets.isEmpty() ? TrialBudget.ofBytes(Long.parseLong(need(sweep, "bytes_per_trial")))
                : TrialBudget.ofPackets(Long.parseLong(packets));
        RunConfig base = RunConfig.defaults().withSendBuffer(Integer.parseInt(need(sweep, "so_sndbuf")))
                .withTcpNoDelay(Boolean.parseBoolean(need(sweep, "tcp_nodelay")))
                .withReceiveBuffer(Integer.parseInt(need(sweep, "verifier_so_rcvbuf")))
                .withReadThrottle(Double.parseDouble(need(sweep, "read_throttle_mbps")))
                .withTarget(Target.parse(need(sweep, "target")));
        SweepPlan plan = new SweepPlan(planCells, Integer.parseInt(need(sweep, "trials_per_cell")), budget, base,
                Long.parseLong(need(sweep, "seed")));

        List<TrialRecord> records = new ArrayList<>();
        for (Map<String, String> t : trials) {
            String failure = t.getOrDefault("failure", "");
            records.add(new TrialRecord(planned(t), num(t, "packets"), RunOutcome.valueOf(need(t, "outcome")),
                    failure.isEmpty() ? null : failure, Boolean.parseBoolean(need(t, "verdicts_known")),
                    num(t, "intact"), num(t, "torn"), num(t, "duplicate"), num(t, "missing"), num(t, "pending"),
                    num(t, "packets_sent"), num(t, "send_calls"), num(t, "partial_sends"), num(t, "bytes_sent"),
                    Double.parseDouble(need(t, "seconds")), Instant.parse(need(t, "started_at"))));
        }
        List<PlannedTrial> missing = new ArrayList<>();
        for (Map<String, String> t : notRun) {
            missing.add(planned(t));
        }
        List<CellSummary> pooled = new ArrayList<>();
        for (Cell c : planCells) {
            pooled.add(Pooling.pool(c, plan.packetsFor(c), plan.trials(), records));
        }
        String os = sweep.getOrDefault("os", "");
        RunEnvironment machine = new RunEnvironment(os, "", sweep.getOrDefault("arch", ""),
                sweep.getOrDefault("kernel", ""), sweep.getOrDefault("jdk", ""),
                Integer.parseInt(sweep.getOrDefault("cpus", "0")));
        String nice = sweep.getOrDefault("sender_nice", "");
        machine = machine.withSenderNice(nice.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(nice)));
        String failure = sweep.getOrDefault("failure", "");
        return new SweepResult(plan, machine, Instant.parse(need(sweep, "started_at")),
                Double.parseDouble(need(sweep, "seconds")), SweepOutcome.valueOf(need(sweep, "outcome")),
                failure.isEmpty() ? null : failure, records, missing, pooled, Map.of());
    }

    private static Cell cell(Map<String, String> m) {
        return new Cell(need(m, "strategy"), Boolean.parseBoolean(need(m, "lock")),
                Integer.parseInt(need(m, "threads")), Integer.parseInt(need(m, "payload_size")));
    }

    private static PlannedTrial planned(Map<String, String> m) {
        return new PlannedTrial(Integer.parseInt(need(m, "order")), cell(m), Integer.parseInt(need(m, "trial")));
    }

    private static long num(Map<String, String> m, String key) {
        return Long.parseLong(need(m, key));
    }

    private static String need(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "'");
        }
        return v;
    }
}
