package dev.interleave.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep report read back is the sweep that wrote it (all but the last trials, which it does not hold). */
class SweepCsvReaderTest {

    @Test
    void aStoppedSweepReadsBackAsItWasWritten(@TempDir Path dir) throws Exception {
        SweepResult written = SweepReportTest.stoppedSweep();
        Path file = dir.resolve("sweep.csv");
        SweepReport.writeCsv(written, file);

        SweepResult read = SweepCsvReader.read(file);
        assertThat(read.plan()).isEqualTo(written.plan());
        assertThat(read.trials()).isEqualTo(written.trials());
        assertThat(read.notRun()).isEqualTo(written.notRun());
        assertThat(read.cells()).isEqualTo(written.cells());
        assertThat(read.outcome()).isEqualTo(written.outcome());
        assertThat(read.startedAt()).isEqualTo(written.startedAt());
        assertThat(read.seconds()).isEqualTo(written.seconds());
        assertThat(read.environment().kernel()).isEqualTo(written.environment().kernel());
        assertThat(read.environment().cpus()).isEqualTo(written.environment().cpus());
        assertThat(read.lastTrials()).isEmpty();
        // and it writes the same report again
        Path again = dir.resolve("again.csv");
        SweepReport.writeCsv(read, again);
        assertThat(Files.readString(again).lines().filter(l -> !l.startsWith("sweep,os,")))
                .isEqualTo(Files.readString(file).lines().filter(l -> !l.startsWith("sweep,os,")).toList());
    }

    @Test
    void aFileThatIsNoSweepReportIsNamedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run.csv");
        Files.writeString(run, "record,field,value\nrun,format_version,1\n");
        assertThatThrownBy(() -> SweepCsvReader.read(run)).isInstanceOf(IOException.class)
                .hasMessage(run + " is not a sweep report this version reads: a row of an unknown kind 'run'");
        Path future = dir.resolve("future.csv");
        Files.writeString(future, "record,field,value\nsweep,format_version,2\n");
        assertThatThrownBy(() -> SweepCsvReader.read(future))
                .hasMessage(future + " is not a sweep report this version reads: format version 2 (this version reads 1)");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SweepCsvReader.read(empty)).hasMessageContaining("no 'format_version'");
    }
}
