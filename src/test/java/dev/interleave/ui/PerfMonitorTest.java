package dev.interleave.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerfMonitorTest {

    @Test
    void figuresArePublishedOnceASecond() {
        PerfMonitor p = new PerfMonitor();
        long t = 1_000_000_000L;
        for (int i = 0; i <= 63; i++) { // a little over one second of frames
            p.frame(t);
            p.work(2_000_000);
            p.part(PerfMonitor.Part.GRID, 1_000_000);
            if (i % 2 == 0) {
                p.snapshotTaken();
            }
            t += i == 30 ? 50_000_000L : 16_000_000L; // one long pulse
        }
        assertThat(p.framesPerSecond()).isCloseTo(60, within(3.0));
        assertThat(p.maxPulseMillis()).isCloseTo(50, within(0.1));
        assertThat(p.worstPulseMillis()).isCloseTo(50, within(0.1));
        assertThat(p.maxFrameWorkMillis()).isCloseTo(2, within(0.1));
        assertThat(p.maxPartMillis(PerfMonitor.Part.GRID)).isCloseTo(1, within(0.1));
        assertThat(p.snapshotsPerSecond()).isCloseTo(30, within(3.0));
        assertThat(p.heapMax()).isPositive();
        assertThat(p.summary()).contains("fps=").contains("worstPulseMs=50.0");
        p.resetWorst();
        assertThat(p.worstPulseMillis()).isZero();
    }
}
