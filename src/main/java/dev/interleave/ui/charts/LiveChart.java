package dev.interleave.ui.charts;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.SenderTelemetry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A live view of a run, fed by the shell once per frame with one snapshot. {@link #update} must stay
 * cheap: it reads the snapshot (and new telemetry events, bounded per frame), and redraws the chart's
 * data at most {@link #REDRAW_NANOS} apart in run time, plus once when the run finishes. Every method
 * is for the FX thread only.
 */
public abstract class LiveChart extends Region {
    public static final String STYLE_CLASS = "live-chart";
    static final String STYLESHEET = "/dev/interleave/ui/charts.css";
    /** Chart data redraws at most 5 times per second of run time (a redraw costs the renderer a repaint). */
    public static final long REDRAW_NANOS = 200_000_000L;
    /** Sampled views keep 10 samples per second of run time (their redraws show several at once). */
    public static final long SAMPLE_NANOS = 100_000_000L;

    private long lastRedrawNanos = Long.MIN_VALUE;
    private boolean finishedDrawn;
    private boolean resetPending;

    @SuppressWarnings("this-escape") // only adds style classes; subclasses are all in this package
    protected LiveChart(String styleClass) {
        getStyleClass().addAll(STYLE_CLASS, styleClass);
    }

    /**
     * Forgets the previous run and gets ready for one with this config (null: empty). The empty picture
     * is drawn later, by {@link #drawPendingReset()} or the first {@link #update}: a run's start resets
     * every view, and four charts redrawn in one frame cost the software renderer a 50-60 ms pulse.
     */
    public final void reset(RunConfig config) {
        lastRedrawNanos = Long.MIN_VALUE;
        finishedDrawn = false;
        onReset(config);
        resetPending = true;
    }

    /** Whether the picture of the finished run has been drawn (then updates draw no more). */
    public final boolean finalPictureDrawn() {
        return finishedDrawn;
    }

    /** Draws the picture a {@link #reset} left to draw, if any; returns true when it drew. */
    public final boolean drawPendingReset() {
        if (!resetPending) {
            return false;
        }
        resetPending = false;
        drawAll();
        return true;
    }

    /** Whether a {@link #reset}'s picture is still to be drawn. */
    public final boolean resetPending() {
        return resetPending;
    }

    /** Takes one frame's snapshot; telemetry may be null (then event-based views show nothing new). */
    public final void update(RunSnapshot snapshot, SenderTelemetry telemetry) {
        update(snapshot, telemetry, true);
    }

    /**
     * Takes one frame's snapshot, and redraws if one is due and {@code mayRedraw} (the shell lets one
     * view per frame redraw, so their repaints land in different frames); a finished run's snapshot
     * redraws once, at the first update that may. Returns true when it redrew.
     */
    public final boolean update(RunSnapshot snapshot, SenderTelemetry telemetry, boolean mayRedraw) {
        if (snapshot == null) {
            return false;
        }
        ingest(snapshot, telemetry);
        long now = snapshot.elapsedNanos();
        boolean finished = snapshot.phase().isFinished();
        boolean due = finished ? !finishedDrawn && mayRedraw
                : mayRedraw && (now - lastRedrawNanos >= REDRAW_NANOS || lastRedrawNanos == Long.MIN_VALUE);
        if (due) {
            lastRedrawNanos = now;
            finishedDrawn = finished;
            // The reset's picture stands in for a running run's first redraw; a finished run's last
            // picture must show its data even when it is the chart's first turn (a run that ended
            // before it: an outside sender's short run, frames slowed by a busy machine).
            if (!drawPendingReset() || finished) {
                redraw(snapshot);
            }
        }
        return due;
    }

    /**
     * Takes a finished run's figures from its result alone (a sweep's trial, whose run and telemetry are
     * gone), after a {@link #reset}: its final snapshot ({@link #finalSnapshot}) and, for the views that
     * show events, the result's partial-send events. The picture follows at the next {@link #update} with
     * that snapshot that may redraw (the reset's empty picture is skipped).
     */
    public final void takeResult(RunResult result) {
        ingestResult(result);
        resetPending = false; // the result's picture replaces the reset's empty one: drawing that would end it
    }

    /** The snapshot a finished run ended with, rebuilt from its result. Any thread. */
    public static RunSnapshot finalSnapshot(RunResult r) {
        RunPhase phase = switch (r.outcome()) {
            case COMPLETED -> RunPhase.DONE;
            case CANCELLED -> RunPhase.CANCELLED;
            case FAILED -> RunPhase.FAILED;
        };
        return new RunSnapshot(phase, Math.max(0, Math.round(r.seconds() * 1e9)), r.sender(), r.verdicts(),
                r.bytesReceived(), r.unattributedBytes(), r.config().packets(), r.config().frameBytes());
    }

    /** A finished run's figures from its result: by default, its final snapshot. */
    protected void ingestResult(RunResult result) {
        ingest(finalSnapshot(result), null);
    }

    /** Saves the chart as it looks now as a PNG. */
    public void savePng(Path file) throws IOException {
        PngWriter.write(picture(), file);
    }

    /** A picture of the chart as it looks now, to be written on another thread. */
    public BufferedImage picture() {
        drawPendingReset();
        layout();
        return PngWriter.capture(this, Color.TRANSPARENT);
    }

    protected abstract void onReset(RunConfig config);

    /** Every frame: take what is new from the snapshot (bounded work). */
    protected abstract void ingest(RunSnapshot snapshot, SenderTelemetry telemetry);

    /** At most 5 Hz: show the data. */
    protected abstract void redraw(RunSnapshot snapshot);

    /** Draws the whole picture from the chart's own data, changed or not. */
    protected abstract void drawAll();

    @Override
    public String getUserAgentStylesheet() {
        return Objects.requireNonNull(LiveChart.class.getResource(STYLESHEET)).toExternalForm();
    }
}
