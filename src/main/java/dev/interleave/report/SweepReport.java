package dev.interleave.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunEnvironment;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.TrialRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a sweep (or a run of repeated trials, a sweep of one cell) as CSV and as JSON; docs/REPORT.md
 * documents both. The CSV has four kinds of rows, first column naming the kind ({@code sweep},
 * {@code trial}, {@code cell}, {@code not_run}), each kind after a header row whose first cell is
 * {@code record}, as the run report; it is written atomically. The JSON holds the same, nested. Pure
 * over a finished {@link SweepResult}; any thread but the FX thread (a big sweep is many rows).
 */
public final class SweepReport {
    /** Bumped when a column or a key changes meaning. */
    public static final int FORMAT_VERSION = 1;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SweepReport() {
    }

    /** Writes {@code result} to {@code file} as CSV, replacing it atomically. Not on the FX thread. */
    public static void writeCsv(SweepResult result, Path file) throws IOException {
        CsvReport.writeAtomically(file, csv -> print(result, csv));
    }

    static void print(SweepResult r, CSVPrinter csv) throws IOException {
        SweepPlan plan = r.plan();
        RunConfig base = plan.base();
        RunEnvironment env = r.environment();
        csv.printRecord("record", "field", "value");
        kv(csv, "format_version", FORMAT_VERSION);
        kv(csv, "started_at", r.startedAt());
        kv(csv, "outcome", r.outcome());
        kv(csv, "failure", r.failure() == null ? "" : r.failure());
        kv(csv, "seconds", String.format(Locale.ROOT, "%.3f", r.seconds()));
        kv(csv, "seed", plan.seed());
        kv(csv, "strategies", String.join(" ", distinct(plan, Cell::strategyLabel)));
        kv(csv, "threads", String.join(" ", distinct(plan, c -> String.valueOf(c.threads()))));
        kv(csv, "payload_sizes", String.join(" ", distinct(plan, c -> String.valueOf(c.payloadSize()))));
        kv(csv, "cells", plan.cells().size());
        kv(csv, "trials_per_cell", plan.trials());
        kv(csv, "packets_per_trial", plan.budget().inBytes() ? "" : plan.budget().packets());
        kv(csv, "bytes_per_trial", plan.budget().inBytes() ? plan.budget().bytes() : "");
        CsvReport.socketsAndMachine(csv, "sweep", base, env);
        kv(csv, "planned_trials", plan.plannedTrials());
        kv(csv, "finished_trials", r.trials().size());
        kv(csv, "failed_trials", r.failedTrials());
        kv(csv, "not_run_trials", r.notRun().size());

        csv.printRecord("record", "order", "strategy", "lock", "threads", "payload_size", "trial", "packets",
                "outcome", "verdict", "failure", "verdicts_known", "intact", "torn", "duplicate", "missing", "pending",
                "packets_sent", "send_calls", "partial_sends", "bytes_sent", "seconds", "throughput_mb_per_s",
                "torn_rate", "torn_rate_low", "torn_rate_high", "started_at");
        for (TrialRecord t : r.trials()) {
            Cell c = t.cell();
            Proportion p = t.tornRate();
            csv.printRecord("trial", t.planned().order(), c.strategy(), c.lock(), c.threads(), c.payloadSize(),
                    t.trial(), t.packets(), t.outcome(), t.verdict(), t.failure() == null ? "" : t.failure(),
                    t.verdictsKnown(), t.intact(), t.torn(), t.duplicate(), t.missing(), t.pending(), t.packetsSent(),
                    t.sendCalls(), t.partialSends(), t.bytesSent(), String.format(Locale.ROOT, "%.3f", t.seconds()),
                    String.format(Locale.ROOT, "%.1f", t.throughput() / 1e6), rate(p.rate()), rate(p.low()),
                    rate(p.high()), t.startedAt());
        }

        csv.printRecord("record", "strategy", "lock", "threads", "payload_size", "packets_per_trial",
                "trials_planned", "trials_finished", "trials_failed", "trials_pooled", "verdict", "trials_with_tear",
                "tear_share", "tear_share_low", "tear_share_high", "torn", "judged", "torn_rate", "torn_rate_low",
                "torn_rate_high", "upper_bound_only", "median_throughput_mb_per_s", "torn_per_trial");
        for (CellSummary s : r.cells()) {
            Cell c = s.cell();
            Proportion share = s.tearShare();
            Proportion p = s.tornRate();
            csv.printRecord("cell", c.strategy(), c.lock(), c.threads(), c.payloadSize(), s.packetsPerTrial(),
                    s.planned(), s.finished(), s.failed(), s.pooledTrials(), s.verdict(), share.events(),
                    rate(share.rate()), rate(share.low()), rate(share.high()), p.events(), p.trials(), rate(p.rate()),
                    rate(p.low()), rate(p.high()), p.isUpperBoundOnly(), Double.isNaN(s.medianThroughput()) ? ""
                            : String.format(Locale.ROOT, "%.1f", s.medianThroughput() / 1e6),
                    String.join(" ", s.tornPerTrial().stream().map(String::valueOf).toList()));
        }

        csv.printRecord("record", "order", "strategy", "lock", "threads", "payload_size", "trial");
        for (PlannedTrial t : r.notRun()) {
            Cell c = t.cell();
            csv.printRecord("not_run", t.order(), c.strategy(), c.lock(), c.threads(), c.payloadSize(), t.trial());
        }
    }

    /**
     * The result as one line of JSON: the same figures as the CSV, keys in the run JSON's style. A plan
     * of one cell ({@code run --trials K}) also gets {@code pooled}, that cell's object.
     */
    public static String json(SweepResult r) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            SweepPlan plan = r.plan();
            RunConfig base = plan.base();
            RunEnvironment env = r.environment();
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("startedAt", r.startedAt().toString());
            g.writeStringField("outcome", r.outcome().name());
            g.writeStringField("failure", r.failure());
            g.writeNumberField("seconds", r.seconds());
            g.writeNumberField("seed", plan.seed());
            g.writeObjectFieldStart("config");
            stringArray(g, "strategies", distinct(plan, Cell::strategyLabel));
            g.writeArrayFieldStart("threads");
            for (String t : distinct(plan, c -> String.valueOf(c.threads()))) {
                g.writeNumber(Integer.parseInt(t));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("payloadSizes");
            for (String s : distinct(plan, c -> String.valueOf(c.payloadSize()))) {
                g.writeNumber(Integer.parseInt(s));
            }
            g.writeEndArray();
            g.writeNumberField("cells", plan.cells().size());
            g.writeNumberField("trialsPerCell", plan.trials());
            nullableLong(g, "packetsPerTrial", plan.budget().inBytes() ? null : plan.budget().packets());
            nullableLong(g, "bytesPerTrial", plan.budget().inBytes() ? plan.budget().bytes() : null);
            g.writeNumberField("sendBuffer", base.sendBuffer());
            g.writeBooleanField("tcpNoDelay", base.tcpNoDelay());
            g.writeNumberField("receiveBuffer", base.receiveBuffer());
            g.writeNumberField("readThrottleMBps", base.readThrottleMBps());
            g.writeStringField("target", base.target().toString());
            g.writeEndObject();
            g.writeObjectFieldStart("machine");
            g.writeStringField("os", env.os());
            g.writeStringField("osVersion", env.osVersion());
            g.writeStringField("arch", env.arch());
            g.writeStringField("kernel", env.kernel());
            g.writeStringField("jdk", env.jdk());
            g.writeNumberField("cpus", env.cpus());
            if (env.senderNice().isPresent()) {
                g.writeNumberField("senderNice", env.senderNice().getAsInt());
            } else {
                g.writeNullField("senderNice");
            }
            g.writeEndObject();
            g.writeNumberField("plannedTrials", plan.plannedTrials());
            g.writeNumberField("finishedTrials", r.trials().size());
            g.writeNumberField("failedTrials", r.failedTrials());
            g.writeNumberField("notRunTrials", r.notRun().size());
            g.writeArrayFieldStart("trials");
            for (TrialRecord t : r.trials()) {
                trial(g, t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cells");
            for (CellSummary s : r.cells()) {
                cell(g, s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notRun");
            for (PlannedTrial t : r.notRun()) {
                g.writeStartObject();
                g.writeNumberField("order", t.order());
                cellFields(g, t.cell());
                g.writeNumberField("trial", t.trial());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (r.cells().size() == 1) {
                g.writeFieldName("pooled");
                cell(g, r.cells().getFirst());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private static void trial(JsonGenerator g, TrialRecord t) throws IOException {
        Proportion p = t.tornRate();
        g.writeStartObject();
        g.writeNumberField("order", t.planned().order());
        cellFields(g, t.cell());
        g.writeNumberField("trial", t.trial());
        g.writeNumberField("packets", t.packets());
        g.writeStringField("outcome", t.outcome().name());
        g.writeStringField("verdict", t.verdict().name());
        g.writeStringField("failure", t.failure());
        g.writeBooleanField("verdictsKnown", t.verdictsKnown());
        g.writeNumberField("intact", t.intact());
        g.writeNumberField("torn", t.torn());
        g.writeNumberField("duplicates", t.duplicate());
        g.writeNumberField("missing", t.missing());
        g.writeNumberField("pending", t.pending());
        g.writeNumberField("packetsSent", t.packetsSent());
        g.writeNumberField("sendCalls", t.sendCalls());
        g.writeNumberField("partialSends", t.partialSends());
        g.writeNumberField("bytesSent", t.bytesSent());
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("throughputMBps", t.throughput() / 1e6);
        g.writeNumberField("tornRate", p.rate());
        g.writeNumberField("tornRateLow", p.low());
        g.writeNumberField("tornRateHigh", p.high());
        g.writeStringField("startedAt", t.startedAt().toString());
        g.writeEndObject();
    }

    private static void cell(JsonGenerator g, CellSummary s) throws IOException {
        Proportion share = s.tearShare();
        Proportion p = s.tornRate();
        g.writeStartObject();
        cellFields(g, s.cell());
        g.writeNumberField("packetsPerTrial", s.packetsPerTrial());
        g.writeNumberField("trialsPlanned", s.planned());
        g.writeNumberField("trialsFinished", s.finished());
        g.writeNumberField("trialsFailed", s.failed());
        g.writeNumberField("trialsPooled", s.pooledTrials());
        g.writeStringField("verdict", s.verdict().name());
        g.writeNumberField("trialsWithTear", share.events());
        g.writeNumberField("tearShare", share.rate());
        g.writeNumberField("tearShareLow", share.low());
        g.writeNumberField("tearShareHigh", share.high());
        g.writeNumberField("torn", p.events());
        g.writeNumberField("judged", p.trials());
        g.writeNumberField("tornRate", p.rate());
        g.writeNumberField("tornRateLow", p.low());
        g.writeNumberField("tornRateHigh", p.high());
        g.writeBooleanField("upperBoundOnly", p.isUpperBoundOnly());
        if (Double.isNaN(s.medianThroughput())) {
            g.writeNullField("medianThroughputMBps");
        } else {
            g.writeNumberField("medianThroughputMBps", s.medianThroughput() / 1e6);
        }
        g.writeArrayFieldStart("tornPerTrial");
        for (long n : s.tornPerTrial()) {
            g.writeNumber(n);
        }
        g.writeEndArray();
        g.writeStringField("rateText", s.rateText());
        g.writeStringField("inWords", p.inWords("torn", "tear"));
        g.writeEndObject();
    }

    private static void cellFields(JsonGenerator g, Cell c) throws IOException {
        g.writeStringField("strategy", c.strategy());
        g.writeBooleanField("lock", c.lock());
        g.writeNumberField("threads", c.threads());
        g.writeNumberField("payloadSize", c.payloadSize());
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void nullableLong(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** The distinct values of the plan's cells, in the plan's order. */
    private static List<String> distinct(SweepPlan plan, Function<Cell, String> f) {
        Set<String> out = new LinkedHashSet<>();
        for (Cell c : plan.cells()) {
            out.add(f.apply(c));
        }
        return new ArrayList<>(out);
    }

    /** Six significant digits in plain notation, as in the run report. */
    private static String rate(double v) {
        return CsvReport.number(v);
    }

    private static void kv(CSVPrinter csv, String field, Object value) throws IOException {
        csv.printRecord("sweep", field, value);
    }
}
