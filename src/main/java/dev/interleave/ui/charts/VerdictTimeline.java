package dev.interleave.ui.charts;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunSnapshot;
import dev.interleave.verify.VerdictCounts;
import dev.interleave.telemetry.SenderTelemetry;

/** The verifier's results over run time: how many packets so far are intact, torn and missing. FX thread only. */
public final class VerdictTimeline extends SampledLineChart {
    public static final String STYLE_CLASS = "verdict-timeline";
    static final int INTACT = 0;
    static final int TORN = 1;
    static final int MISSING = 2;

    public VerdictTimeline() {
        super(STYLE_CLASS, "packets", "intact", "torn", "missing");
    }

    @Override
    protected void onReset(RunConfig config) {
        clearSamples();
    }

    @Override
    protected void ingest(RunSnapshot snapshot, SenderTelemetry telemetry) {
        if (samples.size() == 0) {
            sample(0, false, 0, 0, 0);
        }
    }

    @Override
    protected void redraw(RunSnapshot s) {
        VerdictCounts v = s.verdicts() == null ? VerdictCounts.ZERO : s.verdicts();
        sample(Math.max(0, s.elapsedNanos()), s.phase().isFinished(), v.intact(), v.torn(), v.missing());
    }

    @Override
    protected double y(int series, int i) {
        return samples.value(series, i);
    }
}
