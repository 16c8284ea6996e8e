package dev.interleave.ui.grid;

/**
 * Where each packet sits on the grid: packets run row-major, {@code packetsPerCell} to a square cell
 * of {@code cellSize} pixels, starting at packet {@code first} in the top-left cell. The fit level
 * shows every packet; zooming in halves the packets per cell until one is left, then doubles the cell
 * size; zooming keeps the packet under the cursor under the cursor (the rows re-flow around it).
 * Pure arithmetic, recomputed only on resize, zoom and pan. FX thread only.
 */
final class GridGeometry {
    /** Largest cell the fit level picks (bigger cells are for zooming). */
    static final int MAX_FIT_CELL = 24;
    static final int MAX_CELL = 64;
    /** Cells at least this big get a one-pixel gap so neighbours stay apart. */
    static final int GAP_FROM = 4;

    private long count;
    private int width;
    private int height;
    private int cellSize = 1;
    private long packetsPerCell = 1;
    private long first;
    private int fitCell = 1;
    private long fitPackets = 1;
    private double panX;
    private double panY;

    /** Sets the packet count and shows them all. */
    void setCount(long packets) {
        count = Math.max(0, packets);
        fit();
    }

    /** Sets the drawing area; at the fit level the grid refits, otherwise it keeps its zoom. */
    void resize(int w, int h) {
        boolean wasFit = isFit();
        width = Math.max(0, w);
        height = Math.max(0, h);
        computeFit();
        if (wasFit) {
            fit();
        } else {
            clamp();
        }
    }

    /** Back to the level that shows every packet. */
    void fit() {
        computeFit();
        cellSize = fitCell;
        packetsPerCell = fitPackets;
        first = 0;
        panX = panY = 0;
    }

    private void computeFit() {
        fitCell = 1;
        fitPackets = 1;
        if (width <= 0 || height <= 0) {
            return;
        }
        for (int cs = MAX_FIT_CELL; cs >= 1; cs--) {
            if ((long) (width / cs) * (height / cs) >= count) {
                fitCell = cs;
                return;
            }
        }
        long pixels = (long) width * height;
        fitPackets = (count + pixels - 1) / pixels;
    }

    boolean isFit() {
        return cellSize == fitCell && packetsPerCell == fitPackets && first == 0;
    }

    long count() {
        return count;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int cellSize() {
        return cellSize;
    }

    long packetsPerCell() {
        return packetsPerCell;
    }

    long first() {
        return first;
    }

    int gap() {
        return cellSize >= GAP_FROM ? 1 : 0;
    }

    int columns() {
        return Math.max(1, width / cellSize);
    }

    int rows() {
        return height / cellSize;
    }

    long cellsVisible() {
        return (long) columns() * rows();
    }

    /** First packet id on screen (clipped to the packets that exist). */
    long visibleFrom() {
        return Math.max(0, Math.min(count, first));
    }

    /** One past the last packet id on screen. */
    long visibleTo() {
        return Math.max(0, Math.min(count, first + cellsVisible() * packetsPerCell));
    }

    /** The cell index at a point, or -1 outside the cells. */
    long cellAt(double x, double y) {
        if (x < 0 || y < 0) {
            return -1;
        }
        long col = (long) (x / cellSize);
        long row = (long) (y / cellSize);
        if (col >= columns() || row >= rows()) {
            return -1;
        }
        return row * columns() + col;
    }

    /** First packet of a cell, or -1 when the cell holds no packet. */
    long cellFirstPacket(long cell) {
        if (cell < 0) {
            return -1;
        }
        long a = first + cell * packetsPerCell;
        long b = a + packetsPerCell;
        return b <= 0 || a >= count ? -1 : Math.max(0, a);
    }

    /** One past the last packet of a cell (use with {@link #cellFirstPacket}). */
    long cellEndPacket(long cell) {
        return Math.min(count, first + (cell + 1) * packetsPerCell);
    }

    /** The first packet under a point, or -1. */
    long packetAt(double x, double y) {
        return cellFirstPacket(cellAt(x, y));
    }

    /** Top-left pixel x of a cell. */
    int cellX(long cell) {
        return (int) (cell % columns()) * cellSize;
    }

    /** Top-left pixel y of a cell. */
    int cellY(long cell) {
        return (int) (cell / columns()) * cellSize;
    }

    /** One step closer around a point; returns false when already at the closest level. */
    boolean zoomIn(double x, double y) {
        if (packetsPerCell > 1) {
            return zoomTo(x, y, cellSize, Math.max(1, packetsPerCell / 2));
        }
        if (cellSize >= MAX_CELL) {
            return false;
        }
        return zoomTo(x, y, Math.min(MAX_CELL, cellSize * 2), 1);
    }

    /** One step further out around a point, never past the fit level; false when already there. */
    boolean zoomOut(double x, double y) {
        if (isFit()) {
            return false;
        }
        int cs = cellSize;
        long ppc = packetsPerCell;
        if (cs > 1) {
            cs = Math.max(1, cs / 2);
        } else {
            ppc = ppc * 2;
        }
        // Packets per pixel: the fit level is the densest we go.
        if ((double) ppc / ((double) cs * cs) >= (double) fitPackets / ((double) fitCell * fitCell)) {
            fit();
            return true;
        }
        return zoomTo(x, y, cs, ppc);
    }

    private boolean zoomTo(double x, double y, int cs, long ppc) {
        double cx = Math.max(0, Math.min(x, columns() * cellSize - 1));
        double cy = Math.max(0, Math.min(y, rows() * cellSize - 1));
        long anchorCell = cellAt(cx, cy);
        long anchor = first + Math.max(0, anchorCell) * packetsPerCell;
        cellSize = cs;
        packetsPerCell = ppc;
        long newCell = Math.max(0, cellAt(Math.min(cx, columns() * cs - 1), Math.min(cy, Math.max(0, rows() * cs - 1))));
        first = anchor - newCell * ppc;
        panX = panY = 0;
        clamp();
        return true;
    }

    /** Moves the content by a drag of (dx, dy) pixels: whole rows vertically, whole cells horizontally. */
    void pan(double dx, double dy) {
        panX += dx;
        panY += dy;
        long cols = (long) (panX / cellSize);
        long rowsMoved = (long) (panY / cellSize);
        if (cols == 0 && rowsMoved == 0) {
            return;
        }
        panX -= cols * cellSize;
        panY -= rowsMoved * cellSize;
        first -= (rowsMoved * columns() + cols) * packetsPerCell;
        clamp();
    }

    private void clamp() {
        long max = Math.max(0, count - cellsVisible() * packetsPerCell);
        first = Math.max(0, Math.min(first, max));
    }
}
