package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.ui.charts.PngWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet grid: one cell per packet, coloured by verdict or by sending thread. State changes (a
 * new snapshot, a zoom, a colour) only mark the picture stale; {@link #refresh()} copies a bounded
 * slice of the engine's packet arrays into the {@link PacketMirror} and repaints at most once, through
 * the {@link GridSurface}. Where there are more packets than pixels a cell aggregates several: the
 * worst verdict wins (torn, missing, duplicate, pending, not sent, intact), or in thread mode the
 * first sender. The pointer and the keys are the {@link GridPointer}'s; the JIT warm-ups, GridWarmUp's.
 *
 * <p>This class is the grid's public face and its pacing (when new data repaints), and stays that: it
 * is over the ~400 lines the other files keep to (about 500) because its public API, kept whole for
 * the window, the tests and the benchmark, and the accessors its tests use are declarations that
 * delegate; the logic is in {@link GridSurface}, {@link GridPointer}, {@link GridStyle},
 * {@link GridPainter}, {@link GridGeometry} and {@link PacketMirror}.
 *
 * <p>Every method is for the FX thread only; callbacks run on the FX thread.
 */
public final class PacketGrid extends Region {
    public static final String STYLE_CLASS = "packet-grid";
    public static final String LEGEND_STYLE_CLASS = "packet-grid-legend";
    static final String STYLESHEET = "/dev/interleave/ui/grid.css";
    /** Packets copied from the engine per refresh at most (about a millisecond of work). */
    static final int REFRESH_BUDGET = 1 << 19;
    /** Time a refresh may spend copying packets; the sweep carries on next frame. */
    static final long REFRESH_NANOS = 2_000_000L;
    /** While data streams in, the picture repaints at most about 7 times a second: under the software
     * pipeline each repaint costs the renderer 20-45 ms, which a 60 fps frame budget cannot pay often. */
    static final long DATA_PAINT_INTERVAL_NANOS = 150_000_000L;
    /** How long after due the fallback paint of deferred data comes when no refresh paints it. */
    static final long DEFERRED_FALLBACK_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(PacketGrid.class);

    private final ObjectProperty<ColorMode> colorMode = new SimpleObjectProperty<>(this, "colorMode",
            ColorMode.VERDICT);
    private final GridSurface surface = new GridSurface();
    private final GridGeometry geometry = new GridGeometry();
    private final PacketMirror mirror = new PacketMirror();
    private final GridLegend legend = new GridLegend();
    private final GridPointer pointer;
    private final GridStyle style;
    /** Copied data waits for a repaint (the pacing below). */
    private boolean dataDirty;
    private int legendThreads = -1;
    private Consumer<PacketDetails> onPacketSelected;
    /** Data-driven repaints wait until then, so painting takes at most a quarter of the FX thread. */
    private long nextDataPaintNanos;
    private final PauseTransition deferredPaint = new PauseTransition();

    public PacketGrid() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        getChildren().add(surface);
        pointer = new GridPointer(this, geometry, mirror, surface.canvas());
        style = new GridStyle(this, () -> {
            updateLegend();
            invalidatePixels();
        });
        colorMode.addListener((o, a, b) -> {
            updateLegend();
            pointer.forgetHover();
            invalidatePixels();
        });
        updateLegend();
        deferredPaint.setOnFinished(e -> {
            if (dataDirty) {
                paintData();
            }
        });
        // The focus ring is drawn on the canvas: a CSS border would change the insets and re-size the cells.
        focusedProperty().addListener((o, a, b) -> outlinesChanged());
    }

    // ---- the shell's per-frame calls ----

    /** Shows the packets of {@code view}, all at once (the zoom resets); null clears the grid. */
    public void setSource(PacketView view) {
        setSource(view, null);
    }

    /**
     * Memory for the grid's copies of {@code packets} packets, made ahead of {@link #setSource(PacketView,
     * Copies)} so that the FX thread does not first-touch tens of megabytes. Any thread.
     */
    public static Copies copiesFor(long packets) {
        return new Copies(PacketMirror.copiesFor(packets));
    }

    /** The grid's per-packet copies made ahead by {@link #copiesFor}; good for one setSource. */
    public static final class Copies {
        private final PacketMirror.Copies copies;

        private Copies(PacketMirror.Copies copies) {
            this.copies = copies;
        }
    }

    /** As {@link #setSource(PacketView)}, using copies made ahead for this many packets (null: none). */
    public void setSource(PacketView view, Copies copies) {
        mirror.setSource(view, copies == null ? null : copies.copies);
        geometry.setCount(mirror.kept());
        pointer.leave();
        legendThreads = -1;
        updateLegend();
        invalidatePixels();
        refresh();
    }

    /**
     * Takes the source's new size when it changed (an outside sender's run that announced no count
     * grows by doubling, and is exact at its end): the grid re-fits and copies again. Returns whether it
     * did. A few times per run, not per frame: the copies for the new size are made here.
     */
    public boolean followSize() {
        PacketView v = mirror.view();
        if (v == null || v.size() == mirror.viewSize()) {
            return false;
        }
        setSource(v);
        return true;
    }

    /**
     * Lets go of the source (so a finished run can be freed before the next one is built) but keeps the
     * picture as it is, without a repaint; hovering still names the cells, a click finds no details.
     * {@link #setSource} replaces it.
     */
    public void detachSource() {
        mirror.detach();
    }

    /**
     * Runs the copy and paint paths once over made-up packets and clears them again, so that the JIT
     * has compiled them before the first run ({@link GridWarmUp#warmUp}). Does nothing while a source
     * is set.
     */
    public void warmUp() {
        if (getSource() == null) {
            GridWarmUp.warmUp(this);
        }
    }

    /** The JIT warm-up of the copy and paint paths in grids of its own ({@link GridWarmUp#warmUpPainter}). Any thread. */
    public static void warmUpPainter() {
        GridWarmUp.warmUpPainter();
    }

    /** The packets shown, or null. */
    public PacketView getSource() {
        return mirror.view();
    }

    /**
     * Once per frame: copies a bounded slice of the source's verdicts and threads (the visible ones
     * first, at most {@link #REFRESH_NANOS} of work) and repaints if anything visible changed. Never blocks.
     */
    public void refresh() {
        refresh(true);
    }

    /**
     * As {@link #refresh()}; with {@code mayPaint} false the new data is only copied, and painted by a
     * later call (so a frame's shell can give the expensive repaint to one view per frame). Returns true
     * when the picture was repainted.
     */
    public boolean refresh(boolean mayPaint) {
        long start = System.nanoTime();
        if (mirror.refresh(geometry.visibleFrom(), geometry.visibleTo(), REFRESH_BUDGET, start + REFRESH_NANOS)) {
            dataDirty = true;
        }
        if (getColorMode() == ColorMode.THREAD && mirror.maxThread() + 1 != legendThreads) {
            updateLegend();
        }
        // New data waits while the last repaint's cost says so (10,000,000 aggregated packets cost
        // several ms); a person's zoom, pan or mode change repaints at once.
        long before = surface.repaints();
        if (dataDirty && mayPaint) {
            long wait = nextDataPaintNanos - System.nanoTime();
            if (wait <= 0) {
                deferredPaint.stop();
                paintData();
            } else if (deferredPaint.getStatus() != Animation.Status.RUNNING) {
                // Paints the deferred data if no further refresh comes (the run may have ended). Only a
                // fallback, a little later than due: while refreshes come each frame, the shell's turn
                // taking paints it, and a timer of its own would land in a frame another view repaints.
                deferredPaint.setDuration(Duration.millis(Math.max(1, wait / 1e6) + DEFERRED_FALLBACK_MILLIS));
                deferredPaint.playFromStart();
            }
        }
        paintIfDirty();
        return surface.repaints() != before;
    }

    /**
     * Copies every packet of the source and repaints: for the end of a run, when the per-frame budget
     * would leave the last of millions of verdicts unshown. 10-20 ms for 10,000,000 packets.
     */
    public void flushAll() {
        // Also what earlier refreshes copied but did not paint (they may not have had the frame's turn).
        if (mirror.refreshAll() | dataDirty | mirror.hasChanged()) {
            surface.invalidate();
            deferredPaint.stop();
        }
        paintIfDirty();
    }

    /** Paints whatever data is pending now, ignoring the repaint rate (for a run's last frame). */
    public void flush() {
        mirror.refresh(geometry.visibleFrom(), geometry.visibleTo(), REFRESH_BUDGET);
        if (dataDirty || mirror.hasChanged()) {
            paintData();
        }
        paintIfDirty();
    }

    /** Repaints the cell rows holding packets that changed since the last paint. */
    private void paintData() {
        long changed = mirror.takeChanged();
        dataDirty = false;
        GridSurface.Paint p = paint();
        if (!surface.rowsWillDo(p)) {
            paintIfDirty();
            return;
        }
        long from = changed >>> 32;
        long to = changed & 0xffffffffL;
        // A torn mark reaches beyond its cell's row: repaint the rows it may cover as well.
        int reach = surface.marksShown() ? GridPainter.markReach(geometry.minCellHeight()) : 0;
        long rowFrom = Math.max(0, geometry.rowOf(from) - reach);
        long rowTo = Math.min(geometry.rows(), geometry.rowOf(to - 1) + 1 + reach);
        if (from >= to || rowFrom >= rowTo) {
            return;
        }
        paced(surface.paintRows(p, rowFrom, rowTo));
    }

    /** The next data-driven repaint waits at least three times as long as this one took. */
    private void paced(long tookNanos) {
        if (tookNanos >= 0) {
            nextDataPaintNanos = System.nanoTime() + Math.max(DATA_PAINT_INTERVAL_NANOS, 3 * tookNanos);
        }
    }

    /** Repaints every pixel now, changed or not (for theme changes and the benchmark). */
    public void repaint() {
        surface.invalidate();
        paintIfDirty();
    }

    // ---- properties ----

    /** Verdict or sending thread. */
    public ObjectProperty<ColorMode> colorModeProperty() {
        return colorMode;
    }

    public ColorMode getColorMode() {
        return colorMode.get();
    }

    public void setColorMode(ColorMode mode) {
        colorMode.set(Objects.requireNonNull(mode));
    }

    /** Called with a packet's details when a person clicks its cell (FX thread). */
    public void setOnPacketSelected(Consumer<PacketDetails> handler) {
        onPacketSelected = handler;
    }

    public Consumer<PacketDetails> getOnPacketSelected() {
        return onPacketSelected;
    }

    /** A legend that follows the colour mode; put it anywhere (one legend per grid). */
    public Node legend() {
        return legend.node();
    }

    // ---- zoom ----

    /** One step closer around the centre. */
    public void zoomIn() {
        zoomIn(geometry.width() / 2.0, geometry.height() / 2.0);
    }

    /** One step further out around the centre. */
    public void zoomOut() {
        zoomOut(geometry.width() / 2.0, geometry.height() / 2.0);
    }

    /** Shows every packet again. */
    public void resetZoom() {
        geometry.fit();
        viewMoved();
    }

    void zoomIn(double x, double y) {
        if (geometry.zoomIn(x, y)) {
            viewMoved();
        }
    }

    void zoomOut(double x, double y) {
        if (geometry.zoomOut(x, y)) {
            viewMoved();
        }
    }

    /** True when every packet is on screen. */
    public boolean isZoomReset() {
        return geometry.isFit();
    }

    /** The first packet id under a point in this grid's canvas coordinates, or -1. */
    public long packetAt(double x, double y) {
        return geometry.packetAt(x, y);
    }

    /** Packets that each cell holds now (1 when not aggregated). */
    public long packetsPerCell() {
        return geometry.packetsPerCell();
    }

    /** Ids on screen: {@code [from, to)} as a two-element array. */
    public long[] visibleRange() {
        return new long[] {geometry.visibleFrom(), geometry.visibleTo()};
    }

    /** Saves the grid as it looks now as a PNG. */
    public void savePng(Path file) throws IOException {
        PngWriter.write(picture(), file);
    }

    /** A picture of the grid as it looks now, to be written on another thread. */
    public BufferedImage picture() {
        paintIfDirty();
        return PngWriter.capture(surface, Color.TRANSPARENT);
    }

    // ---- painting ----

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        int w = (int) Math.max(0, Math.floor(getWidth() - in.getLeft() - in.getRight()));
        int h = (int) Math.max(0, Math.floor(getHeight() - in.getTop() - in.getBottom()));
        surface.relocate(snapPositionX(in.getLeft()), snapPositionY(in.getTop()));
        surface.resize(w, h);
        if (w != geometry.width() || h != geometry.height()) {
            geometry.resize(w, h);
            surface.resizePixels(w, h);
            pointer.forgetHover();
            requestLayout();
        }
        paintIfDirty();
    }

    /** The cells moved under the pointer (zoom, pan): copy what came into view, repaint now. */
    void viewMoved() {
        pointer.forgetHover();
        invalidatePixels();
        pointer.hoverAgain();
        // The visible packets may never have been copied: fetch them now rather than next frame.
        mirror.refresh(geometry.visibleFrom(), geometry.visibleTo(), REFRESH_BUDGET);
        paintIfDirty();
    }

    /** The hover outline or the focus changed: redraw the outlines. */
    void outlinesChanged() {
        surface.invalidateOutlines();
        paintIfDirty();
    }

    private void invalidatePixels() {
        surface.invalidate();
        requestLayout();
    }

    private void paintIfDirty() {
        long took = surface.paintIfDirty(paint(), isFocused(), pointer.hoverCell(), style.hover());
        if (took >= 0) {
            paced(took);
            dataDirty = false;
        }
    }

    private GridSurface.Paint paint() {
        return new GridSurface.Paint(geometry, mirror, getColorMode(), style.stateColors());
    }

    /** Whether the picture shows torn marks: what looks torn is what the pointer picks. */
    boolean marksShown() {
        return surface.marksShown();
    }

    private void updateLegend() {
        legendThreads = mirror.maxThread() + 1;
        legend.show(getColorMode(), style.states(), legendThreads, mirror.viewSize(), mirror.kept());
    }

    /** A packet's details from the source, or null (none set, or it cannot tell). */
    PacketDetails details(long id) {
        PacketView view = mirror.view();
        if (view == null) {
            return null;
        }
        try {
            return view.details(id);
        } catch (RuntimeException e) {
            LOG.warn("no details for packet {}", id, e);
            return null;
        }
    }

    // ---- for tests and the benchmark in this package ----

    /** The tooltip text for the cell under a point; empty outside the packets. */
    String summaryAt(double x, double y) {
        return pointer.summaryAt(x, y);
    }

    /** The packet a click on a point selects: the cell's worst (or first sent) packet, or -1. */
    long selectionAt(double x, double y) {
        return pointer.selectionAt(x, y);
    }

    /** Selects the packet under a point, as a click does. */
    void select(double x, double y) {
        pointer.select(x, y);
    }

    Tooltip tooltip() {
        return pointer.tooltip();
    }

    int stateArgb(byte state) {
        return style.stateColors()[state];
    }

    /** Its colours, for the CSS metadata of {@link GridStyle}. */
    GridStyle style() {
        return style;
    }

    int[] pixels() {
        return surface.pixels();
    }

    long repaintCount() {
        return surface.repaints();
    }

    Canvas canvas() {
        return surface.canvas();
    }

    /** The cells with the outlines on top, as shown. */
    Node surface() {
        return surface;
    }

    GridGeometry geometry() {
        return geometry;
    }

    // ---- CSS ----

    @Override
    public String getUserAgentStylesheet() {
        return Objects.requireNonNull(PacketGrid.class.getResource(STYLESHEET)).toExternalForm();
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return GridStyle.CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return GridStyle.CSS.getCssMetaData();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 480;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 320;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 40;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 40;
    }
}
