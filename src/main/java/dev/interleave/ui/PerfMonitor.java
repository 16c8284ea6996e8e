package dev.interleave.ui;

/**
 * Frame figures of the lab window, for the F3 overlay and for benchmarks: frames per second, the
 * longest interval between two frames (the pulse), the longest per-frame work of the window, the rate
 * of engine snapshots, and the heap. The FX thread feeds it once per frame; the figures are
 * published once a second and may be read from any thread.
 */
public final class PerfMonitor {
    private static final long SECOND = 1_000_000_000L;
    private static final PerfMonitor GLOBAL = new PerfMonitor();

    // FX-thread state for the second being measured.
    private long windowStart;
    private long lastFrame;
    private int frames;
    private int snapshots;
    private long maxInterval;
    private long maxWork;

    // Published figures.
    private volatile double fps;
    private volatile double snapshotRate;
    private volatile long maxPulseNanos;
    private volatile long maxWorkNanos;
    private volatile long worstPulseNanos;
    private volatile long worstWorkNanos;
    private volatile long totalFrames;

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
        } else {
            windowStart = now;
        }
        lastFrame = now;
        frames++;
        totalFrames++;
        long span = now - windowStart;
        if (span >= SECOND) {
            fps = frames * (double) SECOND / span;
            snapshotRate = snapshots * (double) SECOND / span;
            maxPulseNanos = maxInterval;
            maxWorkNanos = maxWork;
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

    /** Starts a new measurement of the worst pulse and work (e.g. when a benchmark's run begins). Any thread. */
    public void resetWorst() {
        worstPulseNanos = 0;
        worstWorkNanos = 0;
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
                "%.0f fps%npulse max %.1f ms (work %.1f ms)%nsnapshots %.0f/s%nheap %,d / %,d MiB",
                framesPerSecond(), maxPulseMillis(), maxFrameWorkMillis(), snapshotsPerSecond(),
                heapUsed() >> 20, heapMax() >> 20);
    }
}
