package dev.interleave.ui;

/**
 * Frame figures of the lab window, for the F3 overlay and for benchmarks: frames per second, the
 * longest interval between two frames (the pulse), the longest per-frame work of the window, the rate
 * of engine snapshots, and the heap. The FX thread feeds it once per frame; the figures are
 * published once a second and may be read from any thread.
 */
public final class PerfMonitor {
    /** -Dinterleave.perf.trace=true prints each second's figures on stderr (for bench/gui-perf.sh). */
    private static final boolean TRACE = Boolean.getBoolean("interleave.perf.trace");
    private static final long SECOND = 1_000_000_000L;
    /** With TRACE, a frame interval over this is printed with its times. */
    private static final long LONG_PULSE = 40_000_000L;
    /** With TRACE, a view's part of a frame over this is printed. */
    private static final long SLOW_SLOT = 15_000_000L;
    private static final PerfMonitor GLOBAL = new PerfMonitor();

    // FX-thread state for the second being measured.
    private long windowStart;
    private long lastFrame;
    private int frames;
    private int snapshots;
    private long maxInterval;
    private long maxWork;
    private final long[] maxPart = new long[Part.values().length];

    // Published figures.
    private volatile double fps;
    private volatile double snapshotRate;
    private volatile long maxPulseNanos;
    private volatile long maxWorkNanos;
    private volatile long worstPulseNanos;
    private volatile long worstWorkNanos;
    private volatile long totalFrames;
    private volatile long peakHeap;
    private final long[] partNanos = new long[Part.values().length]; // published under the window's end
    // Since the last resetWorst() (a run's start): frames, and the slowest full second.
    private volatile boolean resetPending;
    private long sinceNanos;
    private long sinceFrames;
    private volatile double sinceFps;
    private volatile double minFps = Double.NaN;

    /** The pieces of the window's per-frame work, timed separately. */
    public enum Part {
        /** Run.snapshot(). */
        SNAPSHOT,
        /** PacketGrid.refresh(). */
        GRID,
        /** The four charts' update(). */
        CHARTS,
        /** Status bar and banner words. */
        STATUS
    }

    PerfMonitor() {
    }

    /** The monitor of this process's lab window (there is one JavaFX toolkit per process). */
    public static PerfMonitor global() {
        return GLOBAL;
    }

    /** A frame began at {@code now} (the AnimationTimer's time). FX thread. */
    void frame(long now) {
        if (lastFrame != 0) {
            maxInterval = Math.max(maxInterval, now - lastFrame);
            worstPulseNanos = Math.max(worstPulseNanos, now - lastFrame);
            if (TRACE && now - lastFrame > LONG_PULSE) {
                // System.nanoTime() values, to line up with -Xlog's "tn" decoration (GC, safepoints, JIT).
                System.err.printf(java.util.Locale.ROOT, "perf-long: fromNanos=%d toNanos=%d gapMs=%.1f at=%s%n",
                        lastFrame, now, (now - lastFrame) / 1e6, java.time.LocalTime.now());
            }
        } else {
            windowStart = now;
        }
        lastFrame = now;
        frames++;
        totalFrames++;
        if (resetPending || sinceNanos == 0) {
            resetPending = false;
            sinceNanos = now;
            sinceFrames = 0;
            minFps = Double.NaN;
            windowStart = now;
            frames = 1;
        }
        sinceFrames++;
        if (now > sinceNanos) {
            sinceFps = (sinceFrames - 1) * (double) SECOND / (now - sinceNanos);
        }
        long span = now - windowStart;
        if (span >= SECOND) {
            fps = frames * (double) SECOND / span;
            minFps = Double.isNaN(minFps) ? fps : Math.min(minFps, fps);
            snapshotRate = snapshots * (double) SECOND / span;
            maxPulseNanos = maxInterval;
            maxWorkNanos = maxWork;
            peakHeap = Math.max(peakHeap, heapUsed());
            synchronized (partNanos) {
                System.arraycopy(maxPart, 0, partNanos, 0, maxPart.length);
            }
            if (TRACE) {
                System.err.printf(java.util.Locale.ROOT, "perf-second: fps=%.1f maxPulseMs=%.1f workMs=%.1f heapMiB=%d%n",
                        fps, maxInterval / 1e6, maxWork / 1e6, heapUsed() >> 20);
            }
            java.util.Arrays.fill(maxPart, 0);
            windowStart = now;
            frames = 0;
            snapshots = 0;
            maxInterval = 0;
            maxWork = 0;
        }
    }

    /** The window's work in this frame took {@code nanos}. FX thread. */
    void work(long nanos) {
        maxWork = Math.max(maxWork, nanos);
        worstWorkNanos = Math.max(worstWorkNanos, nanos);
    }

    /** One part of this frame's work took {@code nanos}. FX thread. */
    void part(Part part, long nanos) {
        maxPart[part.ordinal()] = Math.max(maxPart[part.ordinal()], nanos);
    }

    /** The longest time one part of the per-frame work took in the last full second, in ms. Any thread. */
    public double maxPartMillis(Part part) {
        synchronized (partNanos) {
            return partNanos[part.ordinal()] / 1e6;
        }
    }

    /**
     * A frame's view (its slot: 0 grid, 1-4 the charts, 5 the words) took {@code nanos}; with TRACE, a
     * slow one is printed, to tell which view a long frame spent its time in. FX thread.
     */
    void slot(int slot, long nanos) {
        if (TRACE && nanos > SLOW_SLOT) {
            System.err.printf(java.util.Locale.ROOT, "perf-slot: slot=%d ms=%.1f atNanos=%d%n", slot, nanos / 1e6,
                    System.nanoTime());
        }
    }

    /** One engine snapshot was taken. FX thread. */
    void snapshotTaken() {
        snapshots++;
    }

    /** Frames per second over the last full second. Any thread. */
    public double framesPerSecond() {
        return fps;
    }

    /** The longest interval between two frames in the last full second, in ms. Any thread. */
    public double maxPulseMillis() {
        return maxPulseNanos / 1e6;
    }

    /** The longest per-frame work of the window (snapshot, views, status) in the last full second, in ms. */
    public double maxFrameWorkMillis() {
        return maxWorkNanos / 1e6;
    }

    /** Engine snapshots per second over the last full second. Any thread. */
    public double snapshotsPerSecond() {
        return snapshotRate;
    }

    /** The longest interval between two frames since the last {@link #resetWorst()}, in ms. Any thread. */
    public double worstPulseMillis() {
        return worstPulseNanos / 1e6;
    }

    /** The longest per-frame work since the last {@link #resetWorst()}, in ms. Any thread. */
    public double worstFrameWorkMillis() {
        return worstWorkNanos / 1e6;
    }

    /** Frames counted since the process started. Any thread. */
    public long totalFrames() {
        return totalFrames;
    }

    /** Starts a new measurement of the worst pulse, work and heap (when a run begins). Any thread. */
    public void resetWorst() {
        if (TRACE) {
            System.err.printf(java.util.Locale.ROOT, "perf-reset: nanos=%d at=%s%n", System.nanoTime(),
                    java.time.LocalTime.now());
        }
        worstPulseNanos = 0;
        worstWorkNanos = 0;
        peakHeap = 0;
        resetPending = true;
    }

    /** Frames per second since the last {@link #resetWorst()} (over the whole run). Any thread. */
    public double framesPerSecondSinceReset() {
        return sinceFps;
    }

    /** The slowest full second's frames per second since the last {@link #resetWorst()}, NaN before one. */
    public double minFramesPerSecond() {
        return minFps;
    }

    /** The most heap in use at a once-a-second sample since the last {@link #resetWorst()}, in bytes. */
    public long peakHeapUsed() {
        return peakHeap;
    }

    /**
     * One line for logs and benchmarks: "fps=59.8 maxPulseMs=18.2 worstPulseMs=41.0 ...". fps and maxPulseMs
     * are the last full second's; worstPulseMs, peakHeapMiB, runFps (average) and minFps (the slowest full
     * second) cover the time since the last {@link #resetWorst()}, i.e. the run. Any thread.
     */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "fps=%.1f maxPulseMs=%.1f worstPulseMs=%.1f worstWorkMs=%.1f snapshotsPerSecond=%.1f"
                        + " peakHeapMiB=%d heapMaxMiB=%d runFps=%.1f minFps=%.1f",
                framesPerSecond(), maxPulseMillis(), worstPulseMillis(), worstFrameWorkMillis(),
                snapshotsPerSecond(), peakHeapUsed() >> 20, heapMax() >> 20, framesPerSecondSinceReset(),
                minFramesPerSecond());
    }

    /** Heap in use now, in bytes. Any thread. */
    public long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The heap's limit, in bytes. Any thread. */
    public long heapMax() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Four lines for the overlay. */
    String text() {
        return String.format(java.util.Locale.ROOT,
                "%.0f fps%npulse max %.1f ms%nwork max %.1f ms (snapshot %.1f, grid %.1f, charts %.1f)"
                        + "%nsnapshots %.0f/s%nheap %,d / %,d MiB",
                framesPerSecond(), maxPulseMillis(), maxFrameWorkMillis(), maxPartMillis(Part.SNAPSHOT),
                maxPartMillis(Part.GRID), maxPartMillis(Part.CHARTS), snapshotsPerSecond(),
                heapUsed() >> 20, heapMax() >> 20);
    }
}
