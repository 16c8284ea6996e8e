package dev.interleave.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.run.Results;
import dev.interleave.run.Run;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {
    private static RunResult result;

    @BeforeAll
    static void run() throws Exception {
        RunConfig config = RunConfig.article().withStrategy("channel-nonblocking").withThreads(4).withPackets(250)
                .withPayloadSize(30_000);
        result = Run.start(config).await(Duration.ofSeconds(60)).orElseThrow();
    }

    @Test
    void numbersKeepSixSignificantDigitsInPlainNotation() {
        assertThat(CsvReport.number(2.99528e-4)).isEqualTo("0.000299528");
        assertThat(CsvReport.number(0)).isEqualTo("0");
        assertThat(CsvReport.number(1683.2049)).isEqualTo("1683.2");
        assertThat(CsvReport.number(1e-9)).isEqualTo("0.000000001");
        assertThat(CsvReport.number(2_500_000)).isEqualTo("2500000");
    }

    @Test
    void writesEveryKindOfRowAndReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.csv");
        CsvReport.write(result, file);

        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(file)) {
            rows = CSVFormat.DEFAULT.parse(r).getRecords();
        }
        Map<String, String> run = new HashMap<>();
        Map<String, Integer> kinds = new HashMap<>();
        List<CSVRecord> packets = new ArrayList<>();
        for (CSVRecord row : rows) {
            kinds.merge(row.get(0), 1, Integer::sum);
            if (row.get(0).equals("run")) {
                run.putIfAbsent(row.get(1), row.get(2));
            } else if (row.get(0).equals("packet")) {
                packets.add(row);
            }
        }
        assertThat(kinds.get("record")).isEqualTo(6);
        assertThat(kinds.get("thread")).isEqualTo(4);
        assertThat(kinds.get("report")).as("a row per thread and the total").isEqualTo(5);
        assertThat(rows.stream().filter(row -> row.get(0).equals("report") && row.get(1).equals("total")).findFirst()
                .orElseThrow().get(2)).isEqualTo("250");
        assertThat(packets).hasSize(250);
        assertThat(kinds.getOrDefault("event", 0)).isEqualTo(result.events().size());
        assertThat(kinds.getOrDefault("torn", 0)).isEqualTo(result.torn().size());
        assertThat(run).containsEntry("strategy", "channel-nonblocking").containsEntry("threads", "4")
                .containsEntry("packets", "250").containsEntry("payload_size", "30000")
                .containsEntry("outcome", "COMPLETED").containsKeys("kernel", "jdk", "cpus", "verdict_text")
                .containsEntry("report_source", "received by the verifier")
                .containsEntry("report_claims", "The sender claims 250 packets, and the verifier saw 250.");
        assertThat(run.get("report_description")).startsWith("Java ").contains("non-blocking SocketChannel.write loop");
        // The senders' nice value, as they read it back (Linux; empty where unknown).
        assertThat(run).containsEntry("sender_nice", result.environment().senderNice().isPresent()
                ? String.valueOf(result.environment().senderNice().getAsInt()) : "");
        if (System.getProperty("os.name").equals("Linux")) {
            assertThat(run.get("sender_nice")).matches("-?\\d+");
        }
        assertThat(Long.parseLong(run.get("intact")) + Long.parseLong(run.get("torn"))
                + Long.parseLong(run.get("duplicate"))).isEqualTo(250);
        for (int i = 0; i < packets.size(); i++) {
            assertThat(packets.get(i).get(1)).isEqualTo(String.valueOf(i));
            assertThat(packets.get(i).get(3)).isIn("INTACT", "TORN", "DUPLICATE");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left behind
        }
    }

    private static Map<String, String> runRows(Path file, Map<String, Integer> packetVerdicts) throws IOException {
        Map<String, String> run = new HashMap<>();
        try (Reader r = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.parse(r)) {
                if (row.get(0).equals("run")) {
                    run.putIfAbsent(row.get(1), row.get(2));
                } else if (row.get(0).equals("packet")) {
                    packetVerdicts.merge(row.get(3), 1, Integer::sum);
                }
            }
        }
        return run;
    }

    @Test
    void aCleanRunCarriesItsTornRateAndInterval(@TempDir Path dir) throws IOException {
        RunResult clean = Results.of(RunConfig.article().withStrategy("channel"), RunOutcome.COMPLETED, null, true,
                10_000, 10_000, 0, 0, 0, 0);
        Path file = dir.resolve("clean.csv");
        CsvReport.write(clean, file);
        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, String> run = runRows(file, verdicts);
        assertThat(run).containsEntry("verdict", "INTACT").containsEntry("trials", "10000")
                .containsEntry("torn_rate", "0").containsEntry("torn_rate_low", "0")
                .containsEntry("torn_rate_high", "0.000299528").containsEntry("pending", "0");
        assertThat(run.get("verdict_text")).startsWith("0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000"
                + " tear under these conditions (one run)");
        assertThat(verdicts).containsExactly(Map.entry("INTACT", 10_000));
    }

    @Test
    void aStoppedRunsCountsAgreeWithItsPacketRows(@TempDir Path dir) throws IOException {
        RunResult stopped = Results.of(RunConfig.article().withPackets(5_000), RunOutcome.CANCELLED, null, true,
                2_100, 1_995, 5, 0, 0, 0);
        Path file = dir.resolve("stopped.csv");
        CsvReport.write(stopped, file);
        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, String> run = runRows(file, verdicts);
        assertThat(run).containsEntry("outcome", "CANCELLED").containsEntry("verdict", "TORN")
                .containsEntry("pending", "3000").containsEntry("trials", "2000").containsEntry("torn_rate", "0.0025");
        assertThat(verdicts).containsEntry("PENDING", 3_000).containsEntry("TORN", 5).containsEntry("INTACT", 1_995);
        assertThat(run.get("verdict_text")).startsWith("Stopped after 2,100 of 5,000 packets were sent. 5 of 2,000 torn");
    }

    @Test
    void unknownVerdictsLeaveTheRateEmptyAndPendingEqualsThePendingRows(@TempDir Path dir) throws IOException {
        // A remote verifier killed mid-run: some verdicts came back, no summary.
        RunResult r = Results.of(RunConfig.article().withPackets(2_000)
                        .withTarget(dev.interleave.run.Target.remote("127.0.0.1", 11200)), RunOutcome.COMPLETED, null,
                false, 2_000, 1_200, 3, 0, 0, 0);
        Path file = dir.resolve("unknown.csv");
        CsvReport.write(r, file);
        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, String> run = runRows(file, verdicts);
        assertThat(run).containsEntry("verdict", "UNKNOWN").containsEntry("verdicts_known", "false")
                .containsEntry("intact", "1200").containsEntry("torn", "3").containsEntry("pending", "797")
                .containsEntry("torn_rate", "").containsEntry("torn_rate_low", "").containsEntry("torn_rate_high", "")
                .containsEntry("bytes_received", "");
        assertThat(verdicts).containsEntry("PENDING", 797).containsEntry("INTACT", 1_200).containsEntry("TORN", 3);
        assertThat(run.get("verdict_text")).startsWith("Verdicts unknown").contains("partial");
    }

    @Test
    void anUnwritablePathFailsClearlyAndLeavesTheOldFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> CsvReport.write(result, dir.resolve("no/such/folder/report.csv")))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");

        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "old");
        assertThatThrownBy(() -> CsvReport.write(result, target)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot write the report");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }
}
