package dev.interleave.ui.charts;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunSnapshot;
import dev.interleave.verify.VerdictCounts;

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
    protected void read(RunSnapshot s, double[] values) {
        VerdictCounts v = s.verdicts() == null ? VerdictCounts.ZERO : s.verdicts();
        values[INTACT] = v.intact();
        values[TORN] = v.torn();
        values[MISSING] = v.missing();
    }

    @Override
    protected double y(int series, int i) {
        return samples.value(series, i);
    }
}
