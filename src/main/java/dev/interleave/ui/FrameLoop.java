package dev.interleave.ui;

import dev.interleave.run.LiveRun;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.ui.charts.LiveChart;
import dev.interleave.ui.grid.PacketGrid;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Label;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What repaints when. Once per frame (an AnimationTimer) the loop takes one engine snapshot of the run
 * and hands it to every view, and lets one of them repaint: the grid, the four charts and the status
 * words are six slots taken in turn, since each repaint costs the software renderer a repaint of its
 * region, and six in one frame make the run's longest frames. After a run's end the views draw their
 * last pictures the same way, one per frame; a picture taken sooner gets them all at once
 * ({@link #completeFinalPictures}). The engine never calls in here per packet: the views pull.
 *
 * <p>At about 400 lines it is one idea, one schedule: which view may repaint in a frame depends on
 * state every path shares (quiet frames, the grid's pending run, the last pictures owed, an opened
 * result), so the schedule reads whole only in one file.
 *
 * <p>FX thread only; the session's events come on it.
 */
final class FrameLoop implements RunSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(FrameLoop.class);
    /** Views that may repaint in a frame, taken in turn: 0 the grid, 1-4 the charts, 5 the words. */
    static final int SLOTS = 6;
    private static final int WORDS = 5;
    private static final long OVERLAY_REFRESH_NANOS = 250_000_000L;
    /** Words in the status bar and the banner change four times a second (each change costs a layout). */
    private static final long STATUS_REFRESH_NANOS = 250_000_000L;

    /** A started run the grid has not taken yet, with the copies the worker made for it. */
    private record GridPending(LiveRun run, PacketGrid.Copies copies) {
    }

    /**
     * A view outside the lab's (the sweep's heatmaps) that pulls and repaints at frame rate too: it is
     * called every frame, after the lab's views, and may repaint only when {@code mayRepaint} (no view
     * took this frame). Returns true when it repainted.
     */
    @FunctionalInterface
    interface FrameView {
        boolean frame(boolean mayRepaint);
    }

    /** A finished result opened from elsewhere, drawn one view per frame, with no Run behind it. */
    private record Opened(RunResult result, RunSnapshot snapshot, PacketGrid.Copies copies) {
    }

    private final LabModel model;
    private final PacketGrid grid;
    /** The four charts, in slot order (1-4). */
    private final List<LiveChart> charts;
    private final StatusPresenter status;
    private final PerfMonitor perf;
    private final Label perfOverlay;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onFrame(now);
        }
    };

    /**
     * Frames in which the views draw nothing: the one after a run's start, its first snapshot or its
     * end, whose pulse already restyles the buttons, banner and status bar (a chart redrawn in that
     * pulse makes it the longest of the run).
     */
    private int quietFrames;
    /** The grid takes a started run in its first turn of a frame (its first copy and paint cost 5-10 ms). */
    private GridPending gridPending;
    /** The grid has copied and painted every last verdict of the ended run. */
    private boolean gridFinal;
    /** Every view shows the last run as it ended (or there is nothing more they could show). */
    private boolean finalPicturesComplete = true;
    private boolean frameErrorLogged;
    private RunSnapshot lastSnapshot;
    /** The view offered this frame's repaint first (round robin over {@link #SLOTS}). */
    private int nextSlot;
    private long lastOverlayNanos;
    private long lastStatusNanos;
    private final List<FrameView> others = new java.util.ArrayList<>();
    /** The result opened from elsewhere that the views show (null while they show a run). */
    private Opened opened;

    FrameLoop(LabModel model, PacketGrid grid, List<LiveChart> charts, StatusPresenter status, PerfMonitor perf,
              Label perfOverlay) {
        this.model = model;
        this.grid = grid;
        this.charts = List.copyOf(charts);
        this.status = status;
        this.perf = perf;
        this.perfOverlay = perfOverlay;
    }

    /** Starts pulling a snapshot every frame. FX thread. */
    void start() {
        timer.start();
    }

    /** Adds a view that takes its turn after the lab's views, every frame. FX thread. */
    void addView(FrameView v) {
        others.add(v);
    }

    /** Stops the frames (the window closes). FX thread. */
    void stop() {
        timer.stop();
    }

    // ---- a run's events ----

    /**
     * Readies the charts for a new run; they draw their empty pictures in the frames that follow. The
     * grid lets go of the last run (so it can be freed before the next is built) but keeps its picture
     * until the new run has started: cleared here, its repaint fell into the run's first, already
     * heaviest frame.
     */
    @Override
    public void starting(RunConfig config) {
        startOver(config, null, null);
        perf.resetWorst();
    }

    @Override
    public void started(LiveRun run, PacketGrid.Copies gridCopies) {
        gridPending = new GridPending(run, gridCopies);
        quietFrames = 1;
    }

    @Override
    public void startFailed(Throwable cause) {
        gridPending = null;
        grid.setSource(null);
        finalPicturesComplete = true;
    }

    /**
     * The views show a finished result from elsewhere: they are reset to its config, take its figures
     * (the charts their final snapshot and its events, the grid its packets when it kept them), and draw
     * in the frames that follow, one per frame, as a run's last pictures.
     */
    @Override
    public void opened(RunResult result, PacketGrid.Copies gridCopies) {
        RunSnapshot s = LiveChart.finalSnapshot(result);
        startOver(result.config(), new Opened(result, s, gridCopies), s);
        for (LiveChart chart : charts) {
            chart.takeResult(result);
        }
    }

    /**
     * The views start over for {@code config}, showing {@code next} (a result opened from elsewhere) or
     * a run to come (null): no last picture drawn yet, the grid lets go of its source, the charts are
     * empty for {@code config}, and {@code last} is the snapshot they draw from (null until a run has one).
     */
    private void startOver(RunConfig config, Opened next, RunSnapshot last) {
        opened = next;
        finalPicturesComplete = false;
        gridFinal = false;
        gridPending = null;
        quietFrames = 1;
        frameErrorLogged = false;
        lastSnapshot = last;
        grid.detachSource();
        for (LiveChart chart : charts) {
            chart.reset(config);
        }
    }

    /** The views draw their last pictures in the frames that follow, one per frame. */
    @Override
    public void ended(LiveRun run, RunResult result, Throwable failure) {
        lastSnapshot = run.snapshot();
        quietFrames = 1;
        if (failure != null && !run.phase().isFinished()) {
            finalPicturesComplete = true; // no finished snapshot will come for the views' last pictures
        }
    }

    // ---- frames ----

    private void onFrame(long now) {
        perf.frame(now);
        long t0 = System.nanoTime();
        LiveRun run = model.run();
        boolean drew = true; // a quiet frame gives no view its turn
        if (quietFrames > 0) {
            quietFrames--;
        } else if (opened != null && !finalPicturesComplete) {
            drew = drawOpened(false);
            if (finalPicturesDrawn()) {
                finalPicturesComplete = true;
            }
        } else if (run != null && !finalPicturesComplete) {
            drew = drawFrame(run, false);
            if (finalPicturesDrawn()) {
                finalPicturesComplete = true;
            }
        } else {
            // A reset's empty charts, one per frame (a running run's frames draw them as their first update).
            drew = false;
            for (LiveChart chart : charts) {
                if (chart.drawPendingReset()) {
                    drew = true;
                    break;
                }
            }
        }
        for (FrameView v : others) {
            try {
                drew |= v.frame(!drew);
            } catch (RuntimeException e) {
                if (!frameErrorLogged) {
                    frameErrorLogged = true;
                    LOG.warn("a view could not be drawn", e);
                }
            }
        }
        if (perfOverlay.isVisible() && now - lastOverlayNanos >= OVERLAY_REFRESH_NANOS) {
            lastOverlayNanos = now;
            perfOverlay.setText(perf.text());
        }
        perf.work(System.nanoTime() - t0);
    }

    /** Whether every view shows the ended run as it ended. FX thread. */
    boolean finalPicturesDrawn() {
        if (model.state() != RunState.DONE || !gridFinal) {
            return false;
        }
        for (LiveChart c : charts) {
            if (!c.finalPictureDrawn()) {
                return false;
            }
        }
        return true;
    }

    /** Draws what the views still owe of an ended run's last pictures, all now (before a picture). FX thread. */
    void completeFinalPictures() {
        LiveRun run = model.run();
        if (opened != null && model.state() == RunState.DONE && !finalPicturesComplete) {
            drawOpened(true);
            finalPicturesComplete = true;
        } else if (run != null && model.state() == RunState.DONE && !finalPicturesComplete) {
            drawFrame(run, true);
            finalPicturesComplete = true;
        }
    }

    /**
     * One turn of an opened result's pictures: the grid takes its packets first (a view of its own), then
     * each chart draws its final picture; {@code all} draws every one now. Returns whether a view drew.
     */
    private boolean drawOpened(boolean all) {
        Opened o = opened;
        try {
            if (!gridFinal) {
                if (o.result().packets() == null) {
                    grid.setSource(null); // a trial too large for its packets to be kept: the grid stays empty
                } else {
                    grid.setSource(o.result().packets(), o.copies());
                    grid.flushAll();
                }
                gridFinal = true;
                if (!all) {
                    return true;
                }
            }
            boolean drew = false;
            for (LiveChart c : charts) {
                if (c.update(o.snapshot(), null, all || !drew)) {
                    drew = true;
                }
            }
            status.showProgress(o.snapshot());
            return drew;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (!frameErrorLogged) {
                frameErrorLogged = true;
                LOG.warn("an opened result could not be drawn", e);
            }
            finalPicturesComplete = true;
            return false;
        }
    }

    /** The last snapshot the views were given, or null. FX thread. */
    RunSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** Shows or hides the F3 overlay of frame figures. FX thread. */
    void setOverlayVisible(boolean on) {
        perfOverlay.setVisible(on);
        if (on) {
            perfOverlay.setText(perf.text());
        }
    }

    /**
     * One engine snapshot, handed to every view; the first view from {@link #nextSlot} on that has a
     * repaint due takes this frame's turn ({@code all}: every view that has something to show repaints).
     */
    private boolean drawFrame(LiveRun run, boolean all) {
        try {
            long t0 = System.nanoTime();
            RunSnapshot s = run.snapshot();
            perf.snapshotTaken();
            lastSnapshot = s;
            SenderTelemetry telemetry = run.telemetry();
            long snapshotNanos = System.nanoTime() - t0;
            long gridNanos = 0;
            long statusNanos = 0;
            long t1 = System.nanoTime();
            boolean last = s.phase().isFinished();
            boolean ended = model.state() == RunState.DONE;
            int taken = -1;
            int first = nextSlot;
            for (int k = 0; k < SLOTS; k++) {
                int slot = (first + k) % SLOTS;
                boolean may = all || taken < 0;
                long slotStart = System.nanoTime();
                boolean did;
                if (slot == 0) {
                    did = gridTurn(may, last && ended);
                } else if (slot < WORDS) {
                    did = charts.get(slot - 1).update(s, telemetry, may);
                } else {
                    long now = System.nanoTime();
                    did = false;
                    if (last || (may && now - lastStatusNanos >= STATUS_REFRESH_NANOS)) {
                        lastStatusNanos = now;
                        status.showProgress(s);
                        statusNanos = System.nanoTime() - now;
                        did = !last; // an ended run's words are cheap: they take no view's turn
                    }
                }
                long slotNanos = System.nanoTime() - slotStart;
                perf.slot(slot, slotNanos);
                if (slot == 0) {
                    gridNanos = slotNanos;
                }
                if (did && taken < 0) {
                    taken = slot;
                }
            }
            if (taken >= 0) {
                nextSlot = (taken + 1) % SLOTS;
            }
            long t3 = System.nanoTime();
            perf.part(PerfMonitor.Part.SNAPSHOT, snapshotNanos);
            perf.part(PerfMonitor.Part.GRID, gridNanos);
            perf.part(PerfMonitor.Part.CHARTS, t3 - t1 - gridNanos - statusNanos);
            perf.part(PerfMonitor.Part.STATUS, statusNanos);
            return taken >= 0;
        } catch (RuntimeException e) {
            if (!frameErrorLogged) {
                frameErrorLogged = true;
                LOG.warn("a frame could not be drawn", e);
            }
            if (model.state() == RunState.DONE) {
                finalPicturesComplete = true; // a view that fails at its last picture is not retried every frame
            }
            return false;
        }
    }

    /**
     * The grid's slot: it takes a started run, or, once the run has ended, every last verdict (not just
     * the per-frame budget's worth; also right after taking the run, when it ended before the grid's
     * turn), or the frame's slice of new verdicts. Returns whether it repainted.
     */
    private boolean gridTurn(boolean may, boolean runOver) {
        boolean painted = false;
        if (gridPending != null && may) {
            attachGrid();
            painted = true;
        }
        if (gridPending == null) {
            if (may && !painted && grid.followSize()) {
                painted = true; // an outside sender's run outgrew the grid, or ended shorter
            }
            if (runOver && !gridFinal) {
                if (may) {
                    grid.flushAll();
                    gridFinal = true;
                    painted = true;
                }
            } else if (!painted) {
                painted = grid.refresh(may);
            }
        }
        return painted;
    }

    private void attachGrid() {
        GridPending p = gridPending;
        gridPending = null;
        try {
            grid.setSource(p.run().packets(), p.copies());
        } catch (OutOfMemoryError e) {
            // The run goes on and its report is whole; only the grid cannot show it.
            LOG.warn("no memory for the grid's copies of {} packets; the grid stays empty", p.run().packets().size());
            grid.setSource(null);
        }
    }
}
