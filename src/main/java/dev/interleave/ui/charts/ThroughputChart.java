package dev.interleave.ui.charts;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunSnapshot;

/**
 * Throughput over run time in MB/s (10^6 bytes): what the sending threads wrote, and what the verifier
 * read (for an outside sender only the latter: its writes are not seen here). Each point is the average over the interval since the previous point, so thinning a long run
 * keeps the area under the curve. FX thread only.
 */
public final class ThroughputChart extends SampledLineChart {
    public static final String STYLE_CLASS = "throughput-chart";
    static final int SENT = 0;
    static final int RECEIVED = 1;

    public ThroughputChart() {
        super(STYLE_CLASS, "MB/s", "sent", "verifier received");
    }

    @Override
    protected void onReset(RunConfig config) {
        clearSamples();
        // What an outside sender wrote is not seen here: only what the verifier received is drawn.
        showSeries(SENT, config == null || !config.isOutsideSender());
    }

    @Override
    protected void read(RunSnapshot s, double[] values) {
        values[SENT] = s.sender().bytes();
        values[RECEIVED] = s.bytesReceived();
    }

    @Override
    protected double y(int series, int i) {
        if (i == 0) {
            return 0;
        }
        double dt = (samples.nanos(i) - samples.nanos(i - 1)) / 1e9;
        return dt <= 0 ? 0 : (samples.value(series, i) - samples.value(series, i - 1)) / dt / 1e6;
    }
}
