package dev.interleave.ui.charts;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.telemetry.EventLog;
import dev.interleave.telemetry.SenderTelemetry;
import java.util.Arrays;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * Partial-send events on a time x thread plane: x is time since the start gate, y the sending thread.
 * Each frame reads only the events that are new in each thread's log, at most {@link #EVENTS_PER_FRAME}
 * in all, into a grid of {@link #BINS} time bins per thread (the bins double in width when the run
 * outgrows them). Few events show as dots, one per occupied bin; many show as a heat map whose
 * opacity grows with the count. FX thread only.
 */
public final class PartialSendTimeline extends CanvasChart {
    public static final String STYLE_CLASS = "partial-send-timeline";
    static final int BINS = 600;
    static final int EVENTS_PER_FRAME = 200_000;
    /** Up to this many occupied bins are drawn as dots; beyond, as one image. */
    static final int MAX_DOTS = 4_000;
    static final long FIRST_BIN_NANOS = 10_000_000L;
    private static final double LEFT = 40;
    private static final double RIGHT = 8;
    private static final double TOP = 16;
    private static final double BOTTOM = 18;

    private int threads;
    /** An outside sender's run: its partial sends come as totals in its report, never with times. */
    private boolean outside;
    private int[] counts = new int[0];
    private int[] read = new int[0];
    private long binNanos = FIRST_BIN_NANOS;
    private long elapsed;
    private long lastEventNanos;
    private long total;
    private long dropped;
    private int maxCount;
    private int startThread;
    private boolean changed;
    private WritableImage heat;
    private int[] heatPixels = new int[0];
    private final Binner binner = new Binner();
    private final Tooltip tooltip = new Tooltip();

    public PartialSendTimeline() {
        super(STYLE_CLASS);
        tooltip.setShowDelay(Duration.millis(200));
        Tooltip.install(canvas, tooltip);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> tooltip.setText(describe(e.getX(), e.getY())));
    }

    @Override
    protected void onReset(RunConfig config) {
        outside = config != null && config.isOutsideSender();
        threads = outside ? 0 : config == null ? 0 : config.threads();
        counts = new int[threads * BINS];
        read = new int[threads];
        binNanos = FIRST_BIN_NANOS;
        elapsed = 0;
        lastEventNanos = 0;
        total = 0;
        dropped = 0;
        maxCount = 0;
        startThread = 0;
        changed = true;
    }

    @Override
    protected void ingest(RunSnapshot snapshot, SenderTelemetry telemetry) {
        elapsed = Math.max(elapsed, snapshot.elapsedNanos());
        if (telemetry == null) {
            return;
        }
        if (telemetry.threads() > threads) {
            growThreads(telemetry.threads());
        }
        int budget = EVENTS_PER_FRAME;
        long drops = 0;
        for (int k = 0; k < threads && budget > 0; k++) {
            int t = (startThread + k) % threads;
            EventLog log = telemetry.thread(t).events();
            int available = log.count();
            drops += log.dropped();
            int to = (int) Math.min(available, (long) read[t] + budget);
            if (to > read[t]) {
                binner.thread = t;
                log.forEach(read[t], to, binner);
                budget -= to - read[t];
                read[t] = to;
                changed = true;
            }
        }
        // Whoever was cut short by the budget goes first next frame.
        startThread = (startThread + 1) % Math.max(1, threads);
        dropped = drops;
        while (elapsed >= binNanos * BINS) {
            widenBins();
            changed = true;
        }
    }

    @Override
    protected void redraw(RunSnapshot snapshot) {
        draw();
    }

    /**
     * A finished run's events from its result (a sweep's trial keeps a bounded share of them, each
     * thread's first ones: the count shown is the result's, the sender's own count may be higher).
     */
    @Override
    protected void ingestResult(RunResult result) {
        super.ingestResult(result);
        int n = Math.max(threads, result.config().threads());
        if (n > threads) {
            growThreads(n);
        }
        for (PartialSendEvent e : result.events()) {
            if (e.thread() >= 0 && e.thread() < threads) {
                binner.thread = e.thread();
                binner.event(e.packetId(), e.asked(), e.written(), e.nanos());
            }
        }
        dropped = Math.max(0, result.sender().partialSends() - total);
        changed = true;
    }

    private void growThreads(int n) {
        int[] c = new int[n * BINS];
        System.arraycopy(counts, 0, c, 0, counts.length);
        counts = c;
        read = Arrays.copyOf(read, n);
        threads = n;
    }

    /** Halves the time resolution: bin i takes bins 2i and 2i+1. */
    private void widenBins() {
        maxCount = 0;
        for (int t = 0; t < threads; t++) {
            int row = t * BINS;
            for (int i = 0; i < BINS / 2; i++) {
                int v = counts[row + 2 * i] + counts[row + 2 * i + 1];
                counts[row + i] = v;
                maxCount = Math.max(maxCount, v);
            }
            Arrays.fill(counts, row + BINS / 2, row + BINS, 0);
        }
        binNanos *= 2;
    }

    private final class Binner implements EventLog.EventVisitor {
        int thread;

        @Override
        public void event(long packetId, long asked, long written, long nanos) {
            long at = Math.max(0, nanos);
            while (at >= binNanos * BINS) {
                widenBins();
            }
            int i = thread * BINS + (int) (at / binNanos);
            int v = ++counts[i];
            maxCount = Math.max(maxCount, v);
            total++;
            lastEventNanos = Math.max(lastEventNanos, at);
        }
    }

    // ---- geometry ----

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, canvas.getHeight() - TOP - BOTTOM);
    }

    /** Run time shown across the plot: up to now, or the last event, at least one bin. */
    long rangeNanos() {
        return Math.max(binNanos, Math.max(elapsed, lastEventNanos + 1));
    }

    double xOf(long nanos) {
        return LEFT + nanos / (double) rangeNanos() * plotWidth();
    }

    double yOf(int thread) {
        return TOP + (thread + 0.5) * plotHeight() / Math.max(1, threads);
    }

    /** Events read so far. */
    long total() {
        return total;
    }

    /** Events in the bin holding run time {@code nanos} of thread {@code t}. */
    int countAt(int t, long nanos) {
        return counts[t * BINS + (int) (nanos / binNanos)];
    }

    String describe(double x, double y) {
        if (threads == 0 || x < LEFT || y < TOP || x >= LEFT + plotWidth() || y >= TOP + plotHeight()) {
            return "";
        }
        int t = (int) ((y - TOP) / plotHeight() * threads);
        long at = (long) ((x - LEFT) / plotWidth() * rangeNanos());
        int bin = (int) Math.min(BINS - 1, at / binNanos);
        return String.format(Locale.ROOT, "thread %d, %.3f-%.3f s: %,d partial sends", t, bin * binNanos / 1e9,
                (bin + 1) * binNanos / 1e9, counts[t * BINS + bin]);
    }

    @Override
    protected void draw() {
        changed = false;
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            return;
        }
        GraphicsContext gc = begin();
        double pw = plotWidth();
        double ph = plotHeight();
        gc.setStroke(gridColor.getValue());
        gc.setLineWidth(1);
        gc.strokeRect(LEFT + 0.5, TOP + 0.5, pw - 1, ph - 1);
        gc.setFill(text());
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        String head = outside ? "no times: an outside sender reports totals"
                : total == 0 ? "no partial sends" : String.format(Locale.ROOT, "%,d partial sends", total);
        if (dropped > 0) {
            head += String.format(Locale.ROOT, " (+%,d not kept)", dropped);
        }
        gc.fillText(head, LEFT, 1);
        drawAxes(gc, pw, ph);
        if (total == 0 || threads == 0) {
            return;
        }
        int occupied = 0;
        for (int c : counts) {
            occupied += c > 0 ? 1 : 0;
        }
        gc.save();
        gc.beginPath();
        gc.rect(LEFT, TOP, pw, ph);
        gc.clip();
        if (occupied <= MAX_DOTS) {
            drawDots(gc, pw, ph);
        } else {
            drawHeat(gc, pw, ph);
        }
        gc.restore();
    }

    private void drawDots(GraphicsContext gc, double pw, double ph) {
        double rowH = ph / threads;
        double binW = binNanos / (double) rangeNanos() * pw;
        double d = Math.max(2, Math.min(7, Math.min(rowH, Math.max(binW, 3)) * 0.9));
        Color c = secondaryColor.getValue();
        for (int t = 0; t < threads; t++) {
            double y = yOf(t);
            int row = t * BINS;
            for (int i = 0; i < BINS; i++) {
                int n = counts[row + i];
                if (n > 0) {
                    gc.setFill(c.deriveColor(0, 1, 1, opacity(n)));
                    gc.fillOval(xOf(i * binNanos + binNanos / 2) - d / 2, y - d / 2, d, d);
                }
            }
        }
    }

    private void drawHeat(GraphicsContext gc, double pw, double ph) {
        if (heat == null || heat.getHeight() != threads) {
            heat = new WritableImage(BINS, threads);
            heatPixels = new int[BINS * threads];
        }
        Color c = secondaryColor.getValue();
        int rgb = (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
        for (int i = 0; i < heatPixels.length; i++) {
            int n = counts[i];
            heatPixels[i] = n == 0 ? 0 : (int) Math.round(opacity(n) * 255) << 24 | rgb;
        }
        heat.getPixelWriter().setPixels(0, 0, BINS, threads, PixelFormat.getIntArgbInstance(), heatPixels, 0, BINS);
        gc.setImageSmoothing(false);
        double w = (double) binNanos * BINS / rangeNanos() * pw;
        gc.drawImage(heat, LEFT, TOP, w, ph);
    }

    /** More events in a bin, more opaque: log scale, so one event still shows. */
    private double opacity(int n) {
        return 0.35 + 0.65 * Math.log1p(n) / Math.log1p(Math.max(1, maxCount));
    }

    private void drawAxes(GraphicsContext gc, double pw, double ph) {
        gc.setFill(text());
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        if (threads > 0) {
            int step = (int) niceCeil(Math.max(1, Math.ceil(threads * 14 / ph)));
            for (int t = 0; t < threads; t += step) {
                gc.fillText(Integer.toString(t), LEFT - 4, yOf(t));
            }
        }
        if (threads == 0) {
            return; // no run yet: no time to scale
        }
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double range = rangeNanos() / 1e9;
        double tick = niceCeil(range / Math.max(1, pw / 80));
        for (double s = 0; s <= range + 1e-9; s += tick) {
            gc.fillText(trim(s) + " s", LEFT + s / range * pw, TOP + ph + 3);
        }
    }

    private static String trim(double s) {
        return sig3(s);
    }
}
