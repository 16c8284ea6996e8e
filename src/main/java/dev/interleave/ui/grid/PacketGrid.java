package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.ui.charts.PngWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet grid: one cell per packet on a Canvas, coloured by verdict or by sending thread. State
 * changes (a new snapshot, a zoom, a colour) only mark the picture dirty; {@link #refresh()} copies a
 * bounded slice of the engine's packet arrays and repaints at most once, writing every pixel into an
 * int array shown through a {@link PixelBuffer} (no per-cell drawing calls). Where there are more
 * packets than pixels a cell aggregates several: the worst verdict wins (torn, missing, duplicate,
 * pending, not sent, intact), or in thread mode the first sender.
 *
 * <p>Mouse: wheel zooms around the cursor, drag pans, double-click resets, hover shows a summary, a
 * click selects a packet. Keys: {@code +}/{@code -} zoom, {@code 0} resets.
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
    private static final double WHEEL_STEP = 40;

    private static final StyleablePropertyFactory<PacketGrid> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Color> intactColor = CSS.createStyleableColorProperty(
            this, "intactColor", "-il-intact-color", g -> g.intactColor, Color.web("#2da44e"));
    private final StyleableProperty<Color> tornColor = CSS.createStyleableColorProperty(
            this, "tornColor", "-il-torn-color", g -> g.tornColor, Color.web("#e5484d"));
    private final StyleableProperty<Color> missingColor = CSS.createStyleableColorProperty(
            this, "missingColor", "-il-missing-color", g -> g.missingColor, Color.web("#e8a317"));
    private final StyleableProperty<Color> duplicateColor = CSS.createStyleableColorProperty(
            this, "duplicateColor", "-il-duplicate-color", g -> g.duplicateColor, Color.web("#9a6dd7"));
    private final StyleableProperty<Color> pendingColor = CSS.createStyleableColorProperty(
            this, "pendingColor", "-il-pending-color", g -> g.pendingColor, Color.web("#8c959f"));
    private final StyleableProperty<Color> notSentColor = CSS.createStyleableColorProperty(
            this, "notSentColor", "-il-not-sent-color", g -> g.notSentColor, Color.web("#d0d7de"));
    private final StyleableProperty<Color> hoverColor = CSS.createStyleableColorProperty(
            this, "hoverColor", "-il-hover-color", g -> g.hoverColor, Color.web("#0969da"));

    private final ObjectProperty<ColorMode> colorMode = new SimpleObjectProperty<>(this, "colorMode",
            ColorMode.VERDICT);
    /** The cells: a PixelBuffer image, of which a repaint uploads only the changed rows. */
    private final ImageView picture = new ImageView();
    /** Above the cells: the focus ring and the hover outline, redrawn only when they change. */
    private final Canvas canvas = new Canvas();
    private final Pane surface = new Pane(picture, canvas);
    private final GridGeometry geometry = new GridGeometry();
    private final PacketMirror mirror = new PacketMirror();
    private final GridLegend legend = new GridLegend();
    private final Tooltip tooltip = new Tooltip();
    private final int[] stateColors = new int[CellState.COUNT];

    private int[] pixels = new int[0];
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;
    private boolean pixelsDirty = true;
    private boolean dataDirty;
    private boolean canvasDirty = true;
    private long hoverCell = -1;
    /** Whether the picture was painted with torn marks ({@link GridPainter#marksOn}). */
    private boolean marksShown;
    private boolean tooltipInstalled;
    private double lastX = Double.NaN;
    private double lastY;
    private double wheel;
    private int legendThreads = -1;
    private Consumer<PacketDetails> onPacketSelected;
    private long repaints;
    /** Data-driven repaints wait until then, so painting takes at most a quarter of the FX thread. */
    private long nextDataPaintNanos;
    private final PauseTransition deferredPaint = new PauseTransition();

    public PacketGrid() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        getChildren().add(surface);
        picture.setSmooth(false);
        picture.setMouseTransparent(true);
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setHideDelay(Duration.millis(100));
        updateColors();
        for (StyleableProperty<Color> p : List.of(intactColor, tornColor, missingColor, duplicateColor,
                pendingColor, notSentColor, hoverColor)) {
            ((ObservableValue<?>) p).addListener((o, a, b) -> {
                updateColors();
                invalidatePixels();
            });
        }
        colorMode.addListener((o, a, b) -> {
            updateLegend();
            hoverCell = -1;
            invalidatePixels();
        });
        updateLegend();
        deferredPaint.setOnFinished(e -> {
            if (dataDirty) {
                paintData();
            }
        });
        // The focus ring is drawn on the canvas: a CSS border would change the insets and re-size the cells.
        focusedProperty().addListener((o, a, b) -> {
            canvasDirty = true;
            paintIfDirty();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(Double.NaN, Double.NaN));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            lastX = e.getX();
            lastY = e.getY();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        addEventHandler(KeyEvent.KEY_TYPED, this::key);
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
        hover(Double.NaN, Double.NaN);
        legendThreads = -1;
        updateLegend();
        invalidatePixels();
        refresh();
    }

    /**
     * Lets go of the source (so a finished run can be freed before the next one is built) but keeps the
     * picture as it is, without a repaint; hovering still names the cells, a click finds no details.
     * {@link #setSource} replaces it. FX thread.
     */
    public void detachSource() {
        mirror.detach();
    }

    /**
     * Runs the copy and paint paths once over made-up packets and clears them again, so that the JIT
     * has compiled them before the first run: cold, the first setSource of a 1,000,000-packet run took
     * the FX thread 270 ms. Does nothing while a source is set. FX thread.
     */
    public void warmUp() {
        if (getSource() != null) {
            return;
        }
        // Both sides of the torn marks: a few torn packets (marked), then many (not marked). Compiled
        // without the first, the painter hit an uncommon trap at a run's first torn packet and ran
        // deoptimised for a second (grid turns of 20-110 ms in a first run).
        for (boolean fewTorn : new boolean[] {true, false}) {
            setSource(new WarmUpView(fewTorn, 1 << 20));
            for (int i = 0; i < 4; i++) {
                flush();
                repaint();
            }
        }
        setSource(null);
    }

    /**
     * Has the JIT compile the mirror's copy and the painter's paths on the calling thread (the worker, at
     * launch), with made-up packets in small grids of its own: cells of one packet, of a few, of about 40
     * (a 10,000,000-packet run's), big cells with gaps; both colour modes, torn marks on and off, whole and
     * partial repaints. {@link #warmUp()} on the FX thread paints a few times only: without an AOT cache
     * ({@code ./mvnw javafx:run}) the painter was still compiled during the first run, whose first grid
     * turns took 76-109 ms, and a 10,000,000-packet run's first paint took 27-90 ms. Touches no grid. Any
     * thread.
     */
    public static void warmUpPainter() {
        int[] colors = new int[CellState.COUNT];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = 0xff000000 | (i * 0x203040);
        }
        int[] palette = ThreadPalette.argb();
        GridGeometry g = new GridGeometry();
        PacketMirror m = new PacketMirror();
        // width, height, packets
        int[][] shapes = {{64, 32, 2_000}, {64, 32, 9_000}, {64, 32, 80_000}, {64, 32, 60}};
        for (int round = 0; round < 400; round++) {
            int[] shape = shapes[round % shapes.length];
            g.resize(shape[0], shape[1]);
            m.setSource(new WarmUpView(round % 3 != 2, shape[2]));
            g.setCount(m.kept());
            m.refreshAll();
            int[] pixels = new int[shape[0] * shape[1]];
            ColorMode mode = round % 5 == 4 ? ColorMode.THREAD : ColorMode.VERDICT;
            GridPainter.paint(pixels, g, m, mode, colors, palette, colors[CellState.NOT_SENT]);
            GridPainter.paint(pixels, g, m, mode, colors, palette, colors[CellState.NOT_SENT], g.rows() / 3,
                    2 * g.rows() / 3);
        }
    }

    /**
     * Made-up packets for the warm-ups: every verdict, a few threads, some not sent yet; with
     * {@code fewTorn}, mostly intact and one torn packet in 1,000 (fewer than {@link GridPainter#MAX_TORN_MARKS}).
     */
    private record WarmUpView(boolean fewTorn, long size) implements PacketView {
        private static final byte INTACT = dev.interleave.verify.Verdict.INTACT.code();
        private static final byte TORN = dev.interleave.verify.Verdict.TORN.code();
        private static final byte PENDING = dev.interleave.verify.Verdict.PENDING.code();

        @Override
        public void copyVerdicts(long from, byte[] dst, int off, int len) {
            for (int k = 0; k < len; k++) {
                long id = from + k;
                dst[off + k] = notSent(id) || id % 13 == 5 ? PENDING // as in a run going on
                        : fewTorn ? (id % 1000 == 7 ? TORN : INTACT) : (byte) (id % 5);
            }
        }

        @Override
        public void copyThreads(long from, short[] dst, int off, int len) {
            for (int k = 0; k < len; k++) {
                long id = from + k;
                dst[off + k] = notSent(id) ? -1 : (short) (id % 7);
            }
        }

        /** Packets nobody has sent yet (thread -1): a live run has them, and they take a path of their own. */
        private static boolean notSent(long id) {
            return id % 11 == 10;
        }

        @Override
        public dev.interleave.run.PacketDetails details(long packetId) {
            return new dev.interleave.run.PacketDetails(packetId, -1, dev.interleave.verify.Verdict.PENDING, 0, 0, 0,
                    "", java.util.List.of());
        }
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
        long before = repaints;
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
        return repaints != before;
    }

    /**
     * Copies every packet of the source and repaints: for the end of a run, when the per-frame budget
     * would leave the last of millions of verdicts unshown. FX thread; 10-20 ms for 10,000,000 packets.
     */
    public void flushAll() {
        // Also what earlier refreshes copied but did not paint (they may not have had the frame's turn).
        if (mirror.refreshAll() | dataDirty | mirror.hasChanged()) {
            pixelsDirty = true;
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
        boolean marks = GridPainter.marksOn(geometry, mirror, getColorMode());
        if (pixelBuffer == null || pixelsDirty || marks != marksShown) {
            // (marks coming or going change the whole picture)
            pixelsDirty = true;
            paintIfDirty();
            return;
        }
        long from = changed >>> 32;
        long to = changed & 0xffffffffL;
        long perRow = (long) geometry.columns() * geometry.packetsPerCell();
        long first = geometry.first();
        // A torn mark reaches beyond its cell's row: repaint the rows it may cover as well.
        int reach = marks ? GridPainter.markReach(geometry.cellSize()) : 0;
        long rowFrom = Math.max(0, Math.floorDiv(from - first, perRow) - reach);
        long rowTo = Math.min(geometry.rows(), Math.floorDiv(to - 1 - first, perRow) + 1 + reach);
        if (from >= to || rowFrom >= rowTo) {
            return;
        }
        long t0 = System.nanoTime();
        int cs = geometry.cellSize();
        GridPainter.paint(pixels, geometry, mirror, getColorMode(), stateColors, ThreadPalette.argb(),
                stateColors[CellState.NOT_SENT], (int) rowFrom, (int) rowTo);
        int y0 = (int) rowFrom * cs;
        int y1 = (int) Math.min(geometry.height(), rowTo * cs);
        Rectangle2D dirty = new Rectangle2D(0, y0, geometry.width(), Math.max(1, y1 - y0));
        pixelBuffer.updateBuffer(b -> dirty);
        long t1 = System.nanoTime();
        nextDataPaintNanos = t1 + Math.max(DATA_PAINT_INTERVAL_NANOS, 3 * (t1 - t0));
        repaints++;
    }

    /** Repaints every pixel now, changed or not (for theme changes and the benchmark). */
    public void repaint() {
        pixelsDirty = true;
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

    /** Saves the grid as it looks now as a PNG. FX thread. */
    public void savePng(Path file) throws IOException {
        PngWriter.write(picture(), file);
    }

    /** A picture of the grid as it looks now, to be written on another thread. FX thread. */
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
            resizeSurface(w, h);
        }
        paintIfDirty();
    }

    private void resizeSurface(int w, int h) {
        canvas.setWidth(w);
        canvas.setHeight(h);
        geometry.resize(w, h);
        if (w > 0 && h > 0) {
            pixels = new int[w * h];
            pixelBuffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
        } else {
            pixels = new int[0];
            pixelBuffer = null;
            image = null;
        }
        picture.setImage(image);
        hoverCell = -1;
        invalidatePixels();
    }

    private void viewMoved() {
        hoverCell = -1;
        invalidatePixels();
        if (!Double.isNaN(lastX)) {
            hover(lastX, lastY);
        }
        // The visible packets may never have been copied: fetch them now rather than next frame.
        mirror.refresh(geometry.visibleFrom(), geometry.visibleTo(), REFRESH_BUDGET);
        paintIfDirty();
    }

    private void invalidatePixels() {
        pixelsDirty = true;
        canvasDirty = true;
        requestLayout();
    }

    private void paintIfDirty() {
        if (pixelsDirty && pixelBuffer != null) {
            long t0 = System.nanoTime();
            mirror.takeChanged();
            marksShown = GridPainter.marksOn(geometry, mirror, getColorMode());
            GridPainter.paint(pixels, geometry, mirror, getColorMode(), stateColors, ThreadPalette.argb(),
                    stateColors[CellState.NOT_SENT]);
            pixelBuffer.updateBuffer(b -> null);
            long t1 = System.nanoTime();
            nextDataPaintNanos = t1 + Math.max(DATA_PAINT_INTERVAL_NANOS, 3 * (t1 - t0));
            dataDirty = false;
            repaints++;
        }
        pixelsDirty = false;
        if (canvasDirty) {
            drawCanvas();
            canvasDirty = false;
        }
    }

    private void drawCanvas() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops its queued commands, so an unshown grid does not pile up.
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (image == null) {
            return;
        }
        if (isFocused()) {
            gc.setStroke(hoverColor.getValue());
            gc.setLineWidth(1);
            gc.strokeRect(0.5, 0.5, canvas.getWidth() - 1, canvas.getHeight() - 1);
        }
        if (hoverCell >= 0 && geometry.cellFirstPacket(hoverCell) >= 0) {
            int cs = geometry.cellSize();
            double x = geometry.cellX(hoverCell);
            double y = geometry.cellY(hoverCell);
            double pad = cs < GridGeometry.GAP_FROM ? 2 : 0;
            gc.setStroke(hoverColor.getValue());
            gc.setLineWidth(1);
            gc.strokeRect(x - pad - 0.5, y - pad - 0.5, cs - geometry.gap() + 2 * pad + 1,
                    cs - geometry.gap() + 2 * pad + 1);
        }
    }

    private void updateColors() {
        stateColors[CellState.INTACT] = GridColors.argb(intactColor.getValue());
        stateColors[CellState.NOT_SENT] = GridColors.argb(notSentColor.getValue());
        stateColors[CellState.PENDING] = GridColors.argb(pendingColor.getValue());
        stateColors[CellState.DUPLICATE] = GridColors.argb(duplicateColor.getValue());
        stateColors[CellState.MISSING] = GridColors.argb(missingColor.getValue());
        stateColors[CellState.TORN] = GridColors.argb(tornColor.getValue());
        updateLegend();
    }

    private void updateLegend() {
        legendThreads = mirror.maxThread() + 1;
        Color[] states = {intactColor.getValue(), notSentColor.getValue(), pendingColor.getValue(),
                duplicateColor.getValue(), missingColor.getValue(), tornColor.getValue()};
        legend.show(getColorMode(), states, legendThreads, mirror.viewSize(), mirror.kept());
    }

    // ---- interaction ----

    /**
     * The cell a point picks: the one under it, or, where cells are smaller than a torn mark (verdict
     * mode), the torn cell whose mark covers the point (the nearest, if several): what looks torn there
     * is what the tooltip and a click name.
     */
    private long pickCell(double x, double y) {
        long cell = geometry.cellAt(x, y);
        int cs = geometry.cellSize();
        if (!marksShown || !GridPainter.marksOn(geometry, mirror, getColorMode()) || x < 0 || y < 0
                || x >= geometry.width() || y >= (double) geometry.rows() * cs
                || cell >= 0 && GridPainter.isTorn(geometry, mirror, cell)) {
            return cell;
        }
        long col = (long) (x / cs);
        long row = (long) (y / cs);
        int cols = geometry.columns();
        int reach = GridPainter.markReach(cs);
        double half = GridPainter.TORN_MARK / 2.0;
        long best = cell;
        double bestDistance = Double.MAX_VALUE;
        for (long r = Math.max(0, row - reach); r <= Math.min(geometry.rows() - 1L, row + reach); r++) {
            for (long c = Math.max(0, col - reach); c <= Math.min(cols - 1L, col + reach); c++) {
                long candidate = r * cols + c;
                // The mark's centre, as GridPainter draws it (the cell's centre pixel).
                double cx = c * cs + cs / 2 + 0.5;
                double cy = r * cs + cs / 2 + 0.5;
                double dx = x - cx;
                double dy = y - cy;
                if (Math.abs(dx) <= half && Math.abs(dy) <= half && dx * dx + dy * dy < bestDistance
                        && GridPainter.isTorn(geometry, mirror, candidate)) {
                    best = candidate;
                    bestDistance = dx * dx + dy * dy;
                }
            }
        }
        return best;
    }

    private void hover(double x, double y) {
        long cell = Double.isNaN(x) ? -1 : pickCell(x, y);
        if (cell >= 0 && geometry.cellFirstPacket(cell) < 0) {
            cell = -1;
        }
        if (!Double.isNaN(x)) {
            lastX = x;
            lastY = y;
        }
        if (cell == hoverCell) {
            return;
        }
        hoverCell = cell;
        canvasDirty = true;
        if (cell < 0) {
            if (tooltipInstalled) {
                Tooltip.uninstall(canvas, tooltip);
                tooltipInstalled = false;
            }
        } else {
            tooltip.setText(summaryAt(x, y));
            if (!tooltipInstalled) {
                Tooltip.install(canvas, tooltip);
                tooltipInstalled = true;
            }
        }
        paintIfDirty();
    }

    /** The tooltip text for the cell under a point; empty outside the packets. */
    String summaryAt(double x, double y) {
        long cell = pickCell(x, y);
        long a = geometry.cellFirstPacket(cell);
        if (a < 0) {
            return "";
        }
        long b = geometry.cellEndPacket(cell);
        if (b - a == 1) {
            return CellSummary.ofPacket(mirror, a, details(a));
        }
        return CellSummary.ofRange(mirror, a, b, getColorMode());
    }

    /** The packet a click on a point selects: the cell's worst (or first sent) packet, or -1. */
    long selectionAt(double x, double y) {
        long cell = pickCell(x, y);
        long a = geometry.cellFirstPacket(cell);
        if (a < 0) {
            return -1;
        }
        return CellSummary.representative(mirror, a, geometry.cellEndPacket(cell), getColorMode());
    }

    private PacketDetails details(long id) {
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

    private void drag(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || Double.isNaN(lastX)) {
            return;
        }
        geometry.pan(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
        viewMoved();
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        if (e.getClickCount() >= 2) {
            resetZoom();
            return;
        }
        select(e.getX(), e.getY());
    }

    /** Selects the packet under a point, as a click does. */
    void select(double x, double y) {
        long id = selectionAt(x, y);
        Consumer<PacketDetails> handler = onPacketSelected;
        if (id >= 0 && handler != null) {
            PacketDetails d = details(id);
            if (d != null) {
                handler.accept(d);
            }
        }
    }

    private void scroll(ScrollEvent e) {
        wheel += e.getDeltaY();
        while (wheel >= WHEEL_STEP) {
            wheel -= WHEEL_STEP;
            zoomIn(e.getX(), e.getY());
        }
        while (wheel <= -WHEEL_STEP) {
            wheel += WHEEL_STEP;
            zoomOut(e.getX(), e.getY());
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        double x = Double.isNaN(lastX) ? geometry.width() / 2.0 : lastX;
        double y = Double.isNaN(lastX) ? geometry.height() / 2.0 : lastY;
        switch (e.getCharacter()) {
            case "+", "=" -> zoomIn(x, y);
            case "-", "_" -> zoomOut(x, y);
            case "0" -> resetZoom();
            default -> {
                return;
            }
        }
        e.consume();
    }

    // ---- for tests and the benchmark in this package ----

    int stateArgb(byte state) {
        return stateColors[state];
    }

    int[] pixels() {
        return pixels;
    }

    long repaintCount() {
        return repaints;
    }

    Canvas canvas() {
        return canvas;
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
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
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
