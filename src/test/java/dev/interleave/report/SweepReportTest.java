package dev.interleave.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunEnvironment;
import dev.interleave.run.RunOutcome;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.LockChoice;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.Pooling;
import dev.interleave.sweep.SweepOutcome;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.TrialBudget;
import dev.interleave.sweep.TrialRecord;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {

    /**
     * A stopped sweep of 2 cells x 2 trials, built by hand: native at 8 threads tore 3 of 1,000 in its
     * first trial and none in its second; native+lock's first trial failed, its second never ran.
     */
    static SweepResult stoppedSweep() {
        SweepPlan plan = SweepPlan.grid(List.of("native"), LockChoice.BOTH, List.of(8), List.of(1000), 2,
                TrialBudget.ofBytes(1_024_000), RunConfig.defaults().withSendBuffer(65_536), 99);
        Cell open = plan.cells().get(0);
        Cell locked = plan.cells().get(1);
        List<TrialRecord> trials = List.of(
                new TrialRecord(new PlannedTrial(0, open, 0), 1000, RunOutcome.COMPLETED, null, true, 997, 3, 0, 0, 0,
                        1000, 1004, 4, 1_024_032, 0.5, Instant.parse("2026-12-01T10:00:00Z")),
                new TrialRecord(new PlannedTrial(1, locked, 0), 1000, RunOutcome.FAILED, "sending failed: \"EPIPE\", x",
                        true, 10, 0, 0, 0, 990, 10, 10, 0, 10_272, 0.1, Instant.parse("2026-12-01T10:00:01Z")),
                new TrialRecord(new PlannedTrial(2, open, 1), 1000, RunOutcome.COMPLETED, null, true, 1000, 0, 0, 0, 0,
                        1000, 1000, 0, 1_024_032, 0.25, Instant.parse("2026-12-01T10:00:02Z")));
        List<CellSummary> cells = new ArrayList<>();
        for (Cell c : plan.cells()) {
            cells.add(Pooling.pool(c, plan.packetsFor(c), 2, trials));
        }
        return new SweepResult(plan, RunEnvironment.current(), Instant.parse("2026-12-01T09:59:59Z"), 3.25,
                SweepOutcome.CANCELLED, null, trials, List.of(new PlannedTrial(3, locked, 1)), cells, Map.of());
    }

    @Test
    void theCsvHoldsTheConfigurationEveryTrialEveryCellAndWhatDidNotRun(@TempDir Path dir) throws Exception {
        SweepResult r = stoppedSweep();
        Path file = dir.resolve("sweep.csv");
        SweepReport.writeCsv(r, file);
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(file)) {
            rows = CSVFormat.DEFAULT.parse(in).getRecords();
        }
        Map<String, String> sweep = new java.util.HashMap<>();
        rows.stream().filter(x -> x.get(0).equals("sweep")).forEach(x -> sweep.put(x.get(1), x.get(2)));
        assertThat(sweep).containsEntry("outcome", "CANCELLED").containsEntry("seed", "99")
                .containsEntry("strategies", "native native+lock").containsEntry("threads", "8")
                .containsEntry("payload_sizes", "1000").containsEntry("trials_per_cell", "2")
                .containsEntry("bytes_per_trial", "1024000").containsEntry("packets_per_trial", "")
                .containsEntry("so_sndbuf", "65536").containsEntry("planned_trials", "4")
                .containsEntry("finished_trials", "3").containsEntry("failed_trials", "1")
                .containsEntry("not_run_trials", "1").containsEntry("cpus", String.valueOf(r.environment().cpus()));
        // every kind after its own header row
        List<String> kinds = rows.stream().map(x -> x.get(0)).distinct().toList();
        assertThat(kinds).containsExactly("record", "sweep", "trial", "cell", "not_run");

        List<CSVRecord> trialRows = rowsOf(rows, "trial");
        assertThat(trialRows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            TrialRecord t = r.trials().get(i);
            Map<String, String> row = asMap(rows, trialRows.get(i));
            assertThat(row).containsEntry("order", String.valueOf(t.planned().order()))
                    .containsEntry("strategy", "native").containsEntry("lock", String.valueOf(t.cell().lock()))
                    .containsEntry("threads", "8").containsEntry("payload_size", "1000")
                    .containsEntry("trial", String.valueOf(t.trial())).containsEntry("outcome", t.outcome().name())
                    .containsEntry("verdict", List.of("TORN", "INCOMPLETE", "INTACT").get(i))
                    .containsEntry("intact", String.valueOf(t.intact())).containsEntry("torn", String.valueOf(t.torn()))
                    .containsEntry("pending", String.valueOf(t.pending()))
                    .containsEntry("partial_sends", String.valueOf(t.partialSends()));
            assertThat(Double.parseDouble(row.get("torn_rate_high"))).isCloseTo(t.tornRate().high(),
                    withinPercentage(1e-3));
        }
        assertThat(asMap(rows, trialRows.get(1))).containsEntry("failure", "sending failed: \"EPIPE\", x");

        List<CSVRecord> cellRows = rowsOf(rows, "cell");
        assertThat(cellRows).hasSize(2);
        Map<String, String> open = asMap(rows, cellRows.get(0));
        CellSummary s = r.cells().get(0);
        assertThat(open).containsEntry("lock", "false").containsEntry("packets_per_trial", "1000")
                .containsEntry("trials_planned", "2").containsEntry("trials_finished", "2")
                .containsEntry("trials_pooled", "2").containsEntry("verdict", "TORN").containsEntry("trials_with_tear", "1")
                .containsEntry("torn", "3").containsEntry("judged", "2000").containsEntry("upper_bound_only", "false")
                .containsEntry("torn_per_trial", "3 0");
        assertThat(Double.parseDouble(open.get("torn_rate"))).isEqualTo(0.0015);
        // six significant digits
        assertThat(Double.parseDouble(open.get("torn_rate_low"))).isCloseTo(s.tornRate().low(), withinPercentage(1e-3));
        assertThat(Double.parseDouble(open.get("torn_rate_high"))).isCloseTo(s.tornRate().high(), withinPercentage(1e-3));
        assertThat(Double.parseDouble(open.get("tear_share"))).isEqualTo(0.5);
        // the median of 2,048,064 and 4,096,128 B/s
        assertThat(open.get("median_throughput_mb_per_s")).isEqualTo("3.1");
        Map<String, String> locked = asMap(rows, cellRows.get(1));
        assertThat(locked).containsEntry("lock", "true").containsEntry("trials_finished", "1")
                .containsEntry("trials_failed", "1").containsEntry("trials_pooled", "0").containsEntry("judged", "0")
                .containsEntry("verdict", "INCOMPLETE")
                .containsEntry("median_throughput_mb_per_s", "").containsEntry("torn_per_trial", "");

        List<CSVRecord> notRun = rowsOf(rows, "not_run");
        assertThat(notRun).hasSize(1);
        assertThat(asMap(rows, notRun.getFirst())).containsEntry("order", "3").containsEntry("lock", "true")
                .containsEntry("trial", "1");
    }

    @Test
    void theJsonHoldsTheSameNested() throws Exception {
        SweepResult r = stoppedSweep();
        JsonNode j = new ObjectMapper().readTree(SweepReport.json(r));
        assertThat(SweepReport.json(r)).doesNotContain("\n");
        assertThat(j.get("outcome").asText()).isEqualTo("CANCELLED");
        assertThat(j.get("seed").asLong()).isEqualTo(99);
        assertThat(j.get("config").get("bytesPerTrial").asLong()).isEqualTo(1_024_000);
        assertThat(j.get("config").get("packetsPerTrial").isNull()).isTrue();
        assertThat(j.get("config").get("strategies").toString()).isEqualTo("[\"native\",\"native+lock\"]");
        assertThat(j.get("machine").get("cpus").asInt()).isEqualTo(r.environment().cpus());
        assertThat(j.get("plannedTrials").asInt()).isEqualTo(4);
        assertThat(j.get("trials")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            TrialRecord t = r.trials().get(i);
            JsonNode n = j.get("trials").get(i);
            assertThat(n.get("order").asInt()).isEqualTo(t.planned().order());
            assertThat(n.get("lock").asBoolean()).isEqualTo(t.cell().lock());
            assertThat(n.get("torn").asLong()).isEqualTo(t.torn());
            assertThat(n.get("intact").asLong()).isEqualTo(t.intact());
            assertThat(n.get("outcome").asText()).isEqualTo(t.outcome().name());
            assertThat(n.get("verdict").asText()).isEqualTo(t.verdict().name());
            assertThat(n.get("tornRateHigh").asDouble()).isEqualTo(t.tornRate().high());
        }
        JsonNode open = j.get("cells").get(0);
        CellSummary s = r.cells().get(0);
        assertThat(open.get("torn").asLong()).isEqualTo(3);
        assertThat(open.get("verdict").asText()).isEqualTo("TORN");
        assertThat(open.get("judged").asLong()).isEqualTo(2000);
        assertThat(open.get("tornRate").asDouble()).isEqualTo(s.tornRate().rate());
        assertThat(open.get("tornRateLow").asDouble()).isEqualTo(s.tornRate().low());
        assertThat(open.get("tornRateHigh").asDouble()).isEqualTo(s.tornRate().high());
        assertThat(open.get("tornPerTrial").toString()).isEqualTo("[3,0]");
        assertThat(open.get("rateText").asText()).isEqualTo(s.rateText());
        assertThat(open.get("inWords").asText()).isEqualTo(new Proportion(3, 2000).inWords("torn", "tear"));
        assertThat(j.get("cells").get(1).get("medianThroughputMBps").isNull()).isTrue();
        assertThat(j.get("notRun")).hasSize(1);
        assertThat(j.get("notRun").get(0).get("order").asInt()).isEqualTo(3);
        assertThat(j.has("pooled")).isFalse(); // only a plan of one cell has it
    }

    private static List<CSVRecord> rowsOf(List<CSVRecord> rows, String kind) {
        return rows.stream().filter(x -> x.get(0).equals(kind)).toList();
    }

    /** A row as header name -> value, the header being the last "record" row above it. */
    private static Map<String, String> asMap(List<CSVRecord> rows, CSVRecord row) {
        CSVRecord header = null;
        for (CSVRecord x : rows) {
            if (x == row) {
                break;
            }
            if (x.get(0).equals("record")) {
                header = x;
            }
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 1; i < row.size(); i++) {
            m.put(header.get(i), row.get(i));
        }
        return m;
    }
}
