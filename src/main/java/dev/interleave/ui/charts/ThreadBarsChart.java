package dev.interleave.ui.charts;

import dev.interleave.run.PartialSendSource;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.ThreadSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * Per-thread send counts as bars, one per thread (up to 256), on a shared baseline: packets sent grow
 * up (primary colour), partial sends grow down (secondary colour), each half with its own scale, so a
 * run that tears with no partial send shows an empty lower half at a glance. Hover names a thread's
 * numbers. FX thread only.
 */
public final class ThreadBarsChart extends CanvasChart {
    public static final String STYLE_CLASS = "thread-bars-chart";
    /** Share of the plot height for packets (the rest is for partial sends). */
    static final double UPPER_SHARE = 0.65;
    private static final double LEFT = 52;
    private static final double RIGHT = 6;
    private static final double TOP = 16;
    private static final double BOTTOM = 18;

    private long[] packets = new long[0];
    private long[] partials = new long[0];
    private long[] bytes = new long[0];
    private long[] calls = new long[0];
    private boolean changed;
    /** Where the partial sends come from: this process's sender, or an outside sender's claims (or nothing). */
    private PartialSendSource source = PartialSendSource.MEASURED;
    private final Tooltip tooltip = new Tooltip();

    public ThreadBarsChart() {
        super(STYLE_CLASS);
        tooltip.setShowDelay(Duration.millis(200));
        Tooltip.install(canvas, tooltip);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> tooltip.setText(describe(threadAt(e.getX()))));
    }

    @Override
    protected void onReset(RunConfig config) {
        resize(config == null ? 0 : config.threads());
        source = config != null && config.isOutsideSender() ? PartialSendSource.NOT_REPORTED : PartialSendSource.MEASURED;
    }

    private void resize(int threads) {
        packets = new long[threads];
        partials = new long[threads];
        bytes = new long[threads];
        calls = new long[threads];
        changed = true;
    }

    @Override
    protected void ingest(RunSnapshot snapshot, SenderTelemetry telemetry) {
        changed |= source != snapshot.partialSends();
        source = snapshot.partialSends();
        List<ThreadSnapshot> threads = snapshot.sender().threads();
        if (threads.size() > packets.length) {
            long[] p = packets, q = partials, b = bytes, c = calls;
            resize(threads.size());
            System.arraycopy(p, 0, packets, 0, p.length);
            System.arraycopy(q, 0, partials, 0, q.length);
            System.arraycopy(b, 0, bytes, 0, b.length);
            System.arraycopy(c, 0, calls, 0, c.length);
        }
        for (ThreadSnapshot t : threads) {
            int i = t.thread();
            if (i < 0 || i >= packets.length) {
                continue;
            }
            changed |= packets[i] != t.packets() || partials[i] != t.partialSends();
            packets[i] = t.packets();
            partials[i] = t.partialSends();
            bytes[i] = t.bytes();
            calls[i] = t.sendCalls();
        }
    }

    @Override
    protected void redraw(RunSnapshot snapshot) {
        if (changed) {
            draw();
        }
    }

    // ---- geometry, shared by drawing, hovering and tests ----

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    private double plotHeight() {
        return Math.max(1, canvas.getHeight() - TOP - BOTTOM);
    }

    private double baseline() {
        return TOP + plotHeight() * UPPER_SHARE;
    }

    /** The packets scale: a round number at or above the busiest thread. */
    double packetScale() {
        return niceCeil(Arrays.stream(packets).max().orElse(0));
    }

    double partialScale() {
        return niceCeil(Arrays.stream(partials).max().orElse(0));
    }

    /** Height in pixels of thread {@code t}'s packets bar. */
    double packetBarHeight(int t) {
        return packets[t] / packetScale() * plotHeight() * UPPER_SHARE;
    }

    /** Height in pixels of thread {@code t}'s partial-sends bar. */
    double partialBarHeight(int t) {
        return partials[t] / partialScale() * plotHeight() * (1 - UPPER_SHARE);
    }

    /** The thread whose bar is at canvas x, or -1. */
    int threadAt(double x) {
        if (packets.length == 0 || x < LEFT || x >= LEFT + plotWidth()) {
            return -1;
        }
        return (int) Math.min(packets.length - 1, (x - LEFT) / (plotWidth() / packets.length));
    }

    /** Canvas x of the middle of thread {@code t}'s bar. */
    double barCenterX(int t) {
        double w = plotWidth() / packets.length;
        return LEFT + (t + 0.5) * w;
    }

    double baselineY() {
        return baseline();
    }

    String describe(int t) {
        if (t < 0) {
            return "";
        }
        if (source == PartialSendSource.NOT_REPORTED || source == PartialSendSource.NOT_MEASURED) {
            return String.format(Locale.ROOT, "thread %d%n%,d packets arrived · %,d bytes%npartial sends %s", t,
                    packets[t], bytes[t], source.words());
        }
        if (source == PartialSendSource.CLAIMED) {
            return String.format(Locale.ROOT, "thread %d%n%,d packets arrived · %,d bytes%nit claims %,d send calls,"
                    + " %,d partial sends", t, packets[t], bytes[t], calls[t], partials[t]);
        }
        return String.format(Locale.ROOT, "thread %d%n%,d packets · %,d partial sends%n%,d send calls · %,d bytes",
                t, packets[t], partials[t], calls[t], bytes[t]);
    }

    /**
     * The lower half's title: what it shows, and, for an outside sender, whose word it is (short: the
     * chart may be narrow; a bar's tooltip says it whole).
     */
    String lowerLabel(long totalPartials) {
        return switch (source) {
            case MEASURED -> totalPartials == 0 ? "partial sends ▼ (none)" : "partial sends ▼";
            case CLAIMED -> totalPartials == 0 ? "partial sends ▼ (claimed: none)" : "partial sends ▼ (claimed)";
            case NOT_MEASURED -> "partial sends ▼ (not measured)";
            case NOT_REPORTED -> "partial sends ▼ (not reported)";
        };
    }

    @Override
    protected void draw() {
        changed = false;
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            return;
        }
        GraphicsContext gc = begin();
        int n = packets.length;
        double base = baseline();
        double upper = plotHeight() * UPPER_SHARE;
        double lower = plotHeight() * (1 - UPPER_SHARE);
        gc.setStroke(gridColor.getValue());
        gc.setLineWidth(1);
        for (double y : new double[] {TOP, TOP + upper / 2, base + lower}) {
            gc.strokeLine(LEFT, Math.floor(y) + 0.5, LEFT + plotWidth(), Math.floor(y) + 0.5);
        }
        gc.setFill(text());
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        double ps = packetScale();
        double qs = partialScale();
        if (n > 0) { // before a run there is nothing to scale
            gc.fillText(compact(ps), LEFT - 4, TOP);
            gc.fillText(compact(ps / 2), LEFT - 4, TOP + upper / 2);
        }
        gc.fillText("0", LEFT - 4, base);
        long totalPartials = Arrays.stream(partials).sum();
        if (totalPartials > 0) {
            // Without partial sends the lower half has no scale to show.
            gc.fillText(compact(qs), LEFT - 4, base + lower);
        }
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFill(primaryColor.getValue());
        gc.fillText(source.outside() ? "packets arrived ▲" : "packets sent ▲", LEFT, 1);
        gc.setFill(secondaryColor.getValue());
        gc.fillText(lowerLabel(totalPartials), LEFT + 120, 1);
        if (n == 0) {
            return;
        }
        double slot = plotWidth() / n;
        double gap = slot >= 4 ? 1 : 0;
        gc.setFill(primaryColor.getValue());
        for (int t = 0; t < n; t++) {
            double h = packetBarHeight(t);
            if (h > 0) {
                gc.fillRect(LEFT + t * slot, base - h, Math.max(1, slot - gap), h);
            }
        }
        gc.setFill(secondaryColor.getValue());
        for (int t = 0; t < n; t++) {
            double h = partialBarHeight(t);
            if (h > 0) {
                gc.fillRect(LEFT + t * slot, base, Math.max(1, slot - gap), Math.max(1, h));
            }
        }
        gc.setStroke(text());
        gc.strokeLine(LEFT, Math.floor(base) + 0.5, LEFT + plotWidth(), Math.floor(base) + 0.5);
        // Thread ticks: at most about one label per 40 px.
        gc.setFill(text());
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        int step = Math.max(1, (int) Math.ceil(40 / slot));
        step = (int) niceCeil(step);
        for (int t = 0; t < n; t += step) {
            gc.fillText(Integer.toString(t), barCenterX(t), TOP + plotHeight() + 3);
        }
    }
}
