package dev.interleave.ui.charts;

/**
 * Cumulative values (bytes, verdict counts) sampled over run time, at most {@link #MAX} points: when
 * full, every other sample goes and the sampling interval doubles, so a long run keeps a bounded,
 * evenly spaced picture. Rates come from differences of neighbouring samples, so dropping a sample
 * merges two intervals into their exact average. FX thread only.
 */
final class CumulativeSamples {
    static final int MAX = 600;

    private final int series;
    private final long firstInterval;
    private final long[] nanos = new long[MAX];
    private final double[][] values;
    private int size;
    private long interval;

    CumulativeSamples(int series, long intervalNanos) {
        this.series = series;
        this.firstInterval = intervalNanos;
        this.values = new double[series][MAX];
        clear();
    }

    void clear() {
        size = 0;
        interval = firstInterval;
    }

    int size() {
        return size;
    }

    long nanos(int i) {
        return nanos[i];
    }

    double value(int series, int i) {
        return values[series][i];
    }

    long interval() {
        return interval;
    }

    /** True when a sample at {@code t} would be kept: the first, or one interval after the last. */
    boolean due(long t) {
        return size == 0 || t - nanos[size - 1] >= interval;
    }

    /**
     * Adds a sample (values by series). Returns true when older samples were thinned out to make room,
     * i.e. when a view must rebuild rather than append.
     */
    boolean add(long t, double[] v) {
        boolean thinned = false;
        if (size == MAX) {
            thin();
            thinned = true;
        }
        nanos[size] = t;
        for (int s = 0; s < series; s++) {
            values[s][size] = v[s];
        }
        size++;
        return thinned;
    }

    /** Replaces the last sample (the final snapshot of a run lands here if it is not due). */
    void replaceLast(long t, double[] v) {
        if (size == 0) {
            add(t, v);
            return;
        }
        nanos[size - 1] = t;
        for (int s = 0; s < series; s++) {
            values[s][size - 1] = v[s];
        }
    }

    /** Keeps the first sample and every other one counting back from the newest. */
    private void thin() {
        int out = 1;
        for (int i = 1 + (size - 2) % 2; i < size; i += 2) {
            nanos[out] = nanos[i];
            for (int s = 0; s < series; s++) {
                values[s][out] = values[s][i];
            }
            out++;
        }
        size = out;
        interval *= 2;
    }
}
