package dev.interleave.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.run.Run;
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
        assertThat(kinds.get("record")).isEqualTo(5);
        assertThat(kinds.get("thread")).isEqualTo(4);
        assertThat(packets).hasSize(250);
        assertThat(kinds.getOrDefault("event", 0)).isEqualTo(result.events().size());
        assertThat(kinds.getOrDefault("torn", 0)).isEqualTo(result.torn().size());
        assertThat(run).containsEntry("strategy", "channel-nonblocking").containsEntry("threads", "4")
                .containsEntry("packets", "250").containsEntry("payload_size", "30000")
                .containsEntry("outcome", "COMPLETED").containsKeys("kernel", "jdk", "cpus", "verdict_text");
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
