package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interleave.run.RunConfig;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.LockChoice;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.TrialBudget;
import dev.interleave.testing.CapturedOutput;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SweepCliTest {
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private String stdout() {
        return output.stdout();
    }

    private String stderr() {
        return output.stderr();
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.parse(in).getRecords();
        }
    }

    @Test
    void aSweepPrintsOneJsonObjectThatAgreesWithItsCsvAndRunsInTheSeedsOrder(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("sweep.csv");
        int code = InterleaveCommand.execute("sweep", "--strategy", "socket-stream,native+lock", "--threads", "1,4",
                "--size", "1KB", "--trials", "2", "--packets", "200", "--seed", "7", "--json", "--report",
                report.toString());
        assertThat(code).as(stderr()).isZero();
        String[] lines = stdout().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode j = new ObjectMapper().readTree(lines[0]);
        assertThat(j.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(j.get("seed").asLong()).isEqualTo(7);
        assertThat(j.get("trials")).hasSize(8);
        assertThat(j.get("cells")).hasSize(4);

        // the order is the plan's for seed 7
        SweepPlan plan = SweepPlan.grid(List.of("socket-stream", "native+lock"), LockChoice.NO, List.of(1, 4),
                List.of(1000), 2, TrialBudget.ofPackets(200), RunConfig.defaults(), 7);
        for (int i = 0; i < 8; i++) {
            JsonNode t = j.get("trials").get(i);
            var planned = plan.order().get(i);
            assertThat(t.get("strategy").asText()).isEqualTo(planned.cell().strategy());
            assertThat(t.get("lock").asBoolean()).isEqualTo(planned.cell().lock());
            assertThat(t.get("threads").asInt()).isEqualTo(planned.cell().threads());
            assertThat(t.get("payloadSize").asInt()).isEqualTo(planned.cell().payloadSize());
            assertThat(t.get("trial").asInt()).isEqualTo(planned.trial());
        }
        // the JDK's lock and the application lock: nothing tears, and the rate is a bound
        for (JsonNode c : j.get("cells")) {
            assertThat(c.get("torn").asLong()).isZero();
            assertThat(c.get("judged").asLong()).isEqualTo(400);
            assertThat(c.get("upperBoundOnly").asBoolean()).isTrue();
            assertThat(c.get("tornRateHigh").asDouble()).isEqualTo(Proportion.zeroEventUpperBound(400));
        }

        List<CSVRecord> rows = csv(report);
        List<CSVRecord> trials = rows.stream().filter(r -> r.get(0).equals("trial")).toList();
        assertThat(trials).hasSize(8);
        for (int i = 0; i < 8; i++) {
            JsonNode t = j.get("trials").get(i);
            CSVRecord row = trials.get(i);
            assertThat(row.get(1)).isEqualTo(t.get("order").asText());
            assertThat(row.get(2)).isEqualTo(t.get("strategy").asText());
            assertThat(row.get(9)).isEqualTo(t.get("verdict").asText()).isEqualTo("INTACT");
            assertThat(row.get(12)).isEqualTo(t.get("intact").asText());
            assertThat(row.get(13)).isEqualTo(t.get("torn").asText());
        }
        assertThat(rows.stream().filter(r -> r.get(0).equals("cell")).count()).isEqualTo(4);
        assertThat(rows.stream().filter(r -> r.get(0).equals("not_run")).count()).isZero();
        assertThat(Files.readString(report)).contains("sweep,seed,7", "sweep,outcome,COMPLETED");
    }

    @Test
    void theTextIsATablePerWayOfWritingWithBoundsForCellsThatDidNotTear() {
        int code = InterleaveCommand.execute("sweep", "--strategy", "channel", "--lock", "both", "--threads", "1,2",
                "--size", "100,2000", "--trials", "1", "--packets", "100", "--seed", "1");
        assertThat(code).as(stderr()).isZero();
        // 0 of 100 torn: fewer than 1 - 0.05^(1/100) = 2.95%, rounded up
        assertThat(stdout()).contains("channel: torn rate [95% interval]", "channel+lock: torn rate [95% interval]",
                "threads  100 B    2 KB", "      1  < 3.0%   < 3.0%", "      2  < 3.0%   < 3.0%",
                "8 of 8 trials in", "(seed 1)");
        assertThat(stderr()).contains("sweep: 8 cells x 1 trials = 8 trials, 100 packets per trial, seed 1");
    }

    @Test
    void badValuesAreNamedWithTheirRangesBeforeAnyWork(@TempDir Path dir) {
        // Lists are read by the knobs' own converters, as run's options are: the first bad value is named.
        assertThat(InterleaveCommand.execute("sweep", "--threads", "4,300")).isEqualTo(2);
        assertThat(stderr()).contains("300 is above the maximum: threads are 1 to 256");
        assertThat(InterleaveCommand.execute("sweep", "--size", "100,65MiB")).isEqualTo(2);
        assertThat(stderr()).contains("65MiB is above the maximum: payload sizes are");
        assertThat(InterleaveCommand.execute("sweep", "--size", "100,lots")).isEqualTo(2);
        assertThat(stderr()).contains("lots");
        // What the plan checks is named all at once.
        int code = InterleaveCommand.execute("sweep", "--lock", "maybe", "--trials", "0", "--strategy", "native,frob");
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("--lock 'maybe' is not one of no, yes, both", "trials 0 is outside 1-1000",
                "strategy 'frob' is not one of").doesNotContain("sweep: ");
        assertThat(InterleaveCommand.execute("sweep", "--packets", "10", "--bytes", "1MB")).isEqualTo(2);
        assertThat(stderr()).contains("mutually exclusive");
        assertThat(InterleaveCommand.execute("sweep", "--bytes", "0")).isEqualTo(2);
        assertThat(stderr()).contains("bytes per trial 0 is outside 1-1000000000000 (1 TB)");
        assertThat(InterleaveCommand.execute("run", "--trials", "1001")).isEqualTo(2);
        assertThat(stderr()).contains("trials 1001 is outside 1-1000");

        long t0 = System.nanoTime();
        code = InterleaveCommand.execute("sweep", "--report", dir.resolve("no/such/folder/s.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
        assertThat(stderr()).contains("cannot write the report to").contains("does not exist");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void theHelpNamesEveryOptionAndItsDefaults() {
        assertThat(InterleaveCommand.execute("sweep", "--help")).isZero();
        assertThat(stdout()).contains("--strategy=S[,S...]", "--threads=N[,N...]", "--size=SIZE[,SIZE...]",
                "--lock[=no|yes|both]", "--packets=N", "--bytes=BYTES", "--trials=K", "--seed=S", "--report=FILE",
                "(default: 1,2,4,8,16,32,64)", "95% interval");
        assertThat(stderr()).isEmpty(); // picocli warns there when a description is not a valid format
    }

    @Test
    void runWithTrialsReportsEachTrialAndThePooledResult(@TempDir Path dir) throws Exception {
        int code = InterleaveCommand.execute("run", "--strategy", "socket-stream", "--threads", "2", "--packets",
                "150", "--size", "1000", "--trials", "3");
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("socket-stream, 2 threads, 150 x 1 KB, target in-process, 3 trials",
                "  trial 1: intact 150  torn 0", "  trial 2: intact 150  torn 0", "  trial 3: intact 150  torn 0",
                "Pooled: 0 of 450 torn: with 95% confidence fewer than 6.7 in 1,000 tear under these conditions;"
                        + " 0 of 3 trials tore; median ");

        output.resetStdout();
        Path report = dir.resolve("trials.csv");
        code = InterleaveCommand.execute("run", "--strategy", "socket-stream", "--threads", "2", "--packets", "150",
                "--size", "1000", "--trials", "3", "--json", "--report", report.toString());
        assertThat(code).isZero();
        JsonNode j = new ObjectMapper().readTree(stdout().strip());
        assertThat(j.get("trials")).hasSize(3);
        assertThat(j.get("pooled").get("trialsPooled").asInt()).isEqualTo(3);
        assertThat(j.get("pooled").get("judged").asLong()).isEqualTo(450);
        assertThat(j.get("pooled").get("upperBoundOnly").asBoolean()).isTrue();
        assertThat(j.get("pooled").get("tornRateHigh").asDouble()).isEqualTo(Proportion.zeroEventUpperBound(450));
        assertThat(csv(report).stream().filter(r -> r.get(0).equals("trial")).count()).isEqualTo(3);

        // one trial stays today's single-run output
        output.resetStdout();
        code = InterleaveCommand.execute("run", "--strategy", "socket-stream", "--threads", "2", "--packets", "150",
                "--size", "1000", "--trials", "1", "--json");
        assertThat(code).isZero();
        JsonNode one = new ObjectMapper().readTree(stdout().strip());
        assertThat(one.has("pooled")).isFalse();
        assertThat(one.get("trials").asLong()).isEqualTo(150); // a single run's trials are its judged packets
        assertThat(one.get("verdict").asText()).isEqualTo("INTACT");
        assertThat(one.get("intact").asLong()).isEqualTo(150);
    }

    @Test
    void ctrlCKeepsTheFinishedTrialsWritesThemAndExitsOne(@TempDir Path dir) throws Exception {
        // A child JVM, so the shutdown hook runs as after Ctrl+C; 300 trials would take many seconds. SIGTERM
        // rather than SIGINT: a shell's background job (a build started with &) ignores SIGINT, and its
        // children inherit that; both signals run the same hook.
        Path report = dir.resolve("stopped.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "dev.interleave.Main", "sweep", "--strategy", "socket-stream", "--threads", "1,2,3", "--size", "100",
                "--trials", "100", "--packets", "100", "--seed", "3", "--report", report.toString())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.readString(dir.resolve("err.txt")).contains("sweep: ") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(2000);
            new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(1);
        List<CSVRecord> rows = csv(report);
        assertThat(rows.stream().filter(r -> r.get(0).equals("sweep") && r.get(1).equals("outcome")).findFirst()
                .orElseThrow().get(2)).isEqualTo("CANCELLED");
        long trials = rows.stream().filter(r -> r.get(0).equals("trial")).count();
        long notRun = rows.stream().filter(r -> r.get(0).equals("not_run")).count();
        assertThat(trials + notRun).isEqualTo(300);
        assertThat(notRun).isPositive();
        assertThat(rows.stream().filter(r -> r.get(0).equals("trial"))).allMatch(r -> r.get(8).equals("COMPLETED"));
        assertThat(rows.stream().filter(r -> r.get(0).equals("cell")).mapToLong(r -> Long.parseLong(r.get(7))).sum())
                .isEqualTo(trials);
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("stopped: " + trials + " of 300 trials");
    }
}
