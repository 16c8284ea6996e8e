package dev.interleave.ui.grid;

import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * What the grid shows: the cells as an int array of pixels behind a {@link PixelBuffer} image (a
 * repaint writes every pixel with {@link GridPainter}, no per-cell drawing call, and uploads only the
 * rows it changed), and above them a canvas with the focus ring and the hover outline, redrawn only
 * when they change. It paints when told and keeps what is stale; when to paint is the grid's call.
 * FX thread only.
 */
final class GridSurface extends Pane {
    /** What a paint reads: where the cells are, their packets, the colours. */
    record Paint(GridGeometry geometry, PacketMirror mirror, ColorMode mode, int[] stateColors) {
    }

    private final ImageView picture = new ImageView();
    private final Canvas canvas = new Canvas();
    private int[] pixels = new int[0];
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;
    private boolean pixelsDirty = true;
    private boolean canvasDirty = true;
    /** Whether the picture was painted with torn marks ({@link GridPainter#marksOn}). */
    private boolean marksShown;
    private long repaints;

    GridSurface() {
        getChildren().addAll(picture, canvas);
        picture.setSmooth(false);
        picture.setMouseTransparent(true);
    }

    /** The surface the pointer's events arrive on. */
    Canvas canvas() {
        return canvas;
    }

    /** A new size: new pixel memory, all of it to repaint. */
    void resizePixels(int w, int h) {
        canvas.setWidth(w);
        canvas.setHeight(h);
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
        invalidate();
    }

    /** Everything to repaint (zoom, colours, mode, source). */
    void invalidate() {
        pixelsDirty = true;
        canvasDirty = true;
    }

    /** The outlines to redraw (hover, focus). */
    void invalidateOutlines() {
        canvasDirty = true;
    }

    boolean pixelsDirty() {
        return pixelsDirty;
    }

    boolean hasPixels() {
        return pixelBuffer != null;
    }

    boolean marksShown() {
        return marksShown;
    }

    long repaints() {
        return repaints;
    }

    int[] pixels() {
        return pixels;
    }

    /**
     * Repaints every pixel if they are stale (taking the mirror's changes as painted), then the
     * outlines if they are. Returns the nanoseconds the pixels took, or -1 when they were not painted.
     */
    long paintIfDirty(Paint p, boolean focused, long hoverCell, Color outline) {
        long took = -1;
        if (pixelsDirty && pixelBuffer != null) {
            long t0 = System.nanoTime();
            p.mirror().takeChanged();
            marksShown = GridPainter.marksOn(p.geometry(), p.mirror(), p.mode());
            GridPainter.paint(pixels, p.geometry(), p.mirror(), p.mode(), p.stateColors(), ThreadPalette.argb(),
                    p.stateColors()[CellState.NOT_SENT]);
            pixelBuffer.updateBuffer(b -> null);
            took = System.nanoTime() - t0;
            repaints++;
        }
        pixelsDirty = false;
        if (canvasDirty) {
            drawOutlines(p.geometry(), focused, hoverCell, outline);
            canvasDirty = false;
        }
        return took;
    }

    /**
     * Whether a repaint of some rows can do: false (and the pixels marked stale) when the whole picture
     * must be repainted instead: stale already, no pixels yet, or the torn marks came or went, which
     * changes the whole picture.
     */
    boolean rowsWillDo(Paint p) {
        if (pixelBuffer == null || pixelsDirty || GridPainter.marksOn(p.geometry(), p.mirror(), p.mode()) != marksShown) {
            pixelsDirty = true;
            return false;
        }
        return true;
    }

    /** Repaints the cell rows {@code [rowFrom, rowTo)} and uploads only them; returns the nanoseconds it took. */
    long paintRows(Paint p, long rowFrom, long rowTo) {
        GridGeometry g = p.geometry();
        long t0 = System.nanoTime();
        GridPainter.paint(pixels, g, p.mirror(), p.mode(), p.stateColors(), ThreadPalette.argb(),
                p.stateColors()[CellState.NOT_SENT], (int) rowFrom, (int) rowTo);
        int[] ys = g.rowEdges();
        int y0 = ys[(int) Math.max(0, Math.min(g.rows(), rowFrom))];
        int y1 = ys[(int) Math.max(0, Math.min(g.rows(), rowTo))];
        Rectangle2D dirty = new Rectangle2D(0, y0, g.width(), Math.max(1, y1 - y0));
        pixelBuffer.updateBuffer(b -> dirty);
        repaints++;
        return System.nanoTime() - t0;
    }

    private void drawOutlines(GridGeometry g, boolean focused, long hoverCell, Color outline) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops its queued commands, so an unshown grid does not pile up.
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (image == null) {
            return;
        }
        if (focused) {
            gc.setStroke(outline);
            gc.setLineWidth(1);
            gc.strokeRect(0.5, 0.5, canvas.getWidth() - 1, canvas.getHeight() - 1);
        }
        if (hoverCell >= 0 && g.cellFirstPacket(hoverCell) >= 0) {
            double x = g.cellX(hoverCell);
            double y = g.cellY(hoverCell);
            double w = g.cellWidth(hoverCell) - g.gap();
            double h = g.cellHeight(hoverCell) - g.gap();
            // Around a small cell the outline keeps a pixel off it, so the cell's own colour still shows.
            double pad = g.minCellSide() < GridGeometry.GAP_FROM ? 2 : 0;
            gc.setStroke(outline);
            gc.setLineWidth(1);
            gc.strokeRect(x - pad - 0.5, y - pad - 0.5, w + 2 * pad + 1, h + 2 * pad + 1);
        }
    }
}
