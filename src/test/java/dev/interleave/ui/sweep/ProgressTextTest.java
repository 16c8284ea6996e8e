package dev.interleave.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.sweep.Cell;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.SweepPhase;
import dev.interleave.sweep.SweepSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's progress line. */
class ProgressTextTest {

    @Test
    void aRunningSweepSaysHowFarItIsAndWhatRunsNow() {
        long start = System.nanoTime() - 40_000_000_000L;
        PlannedTrial now = new PlannedTrial(10, new Cell("native", true, 8, 10_000), 1);
        SweepSnapshot s = new SweepSnapshot(SweepPhase.RUNNING, 100, 10, 1, List.of(), now, start, 0);
        assertThat(ProgressText.of(SweepModel.State.RUNNING, s, null)).matches(
                "Running: 10 of 100 trials done \\(1 failed\\) · elapsed 0:4\\d · about 6:0\\d left"
                        + " · now native\\+lock, 8 threads, 10 KB, trial 2");
        SweepSnapshot first = new SweepSnapshot(SweepPhase.RUNNING, 100, 0, 0, List.of(), now, start, 0);
        assertThat(ProgressText.of(SweepModel.State.STOPPING, first, null))
                .startsWith("Stopping: 0 of 100 trials done").contains("time left: after the first trial")
                .doesNotContain("now ");
    }
}
