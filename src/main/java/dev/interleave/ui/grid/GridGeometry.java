package dev.interleave.ui.grid;

import java.util.Arrays;

/**
 * Where each packet sits on the grid: packets run row-major, {@code packetsPerCell} to a cell, starting
 * at packet {@code first} in the top-left cell, over {@code columns} x {@code rows} cells that share the
 * whole drawing area between them. Column {@code c} spans the pixels {@code [floor(c * width / columns),
 * floor((c + 1) * width / columns))}, and rows likewise, so every pixel belongs to exactly one cell
 * column and one cell row, and cells differ by at most a pixel in each direction: the grid fills its
 * area at any size and packet count, with nothing empty but the rest of the last row.
 *
 * <p>The fit level shows every packet; zooming in and out steps through the {@link GridLayout}s from
 * there and back, and keeps the packet under the cursor under the cursor (the rows re-flow around it).
 * Pure arithmetic, recomputed only on resize, zoom and pan. One thread at a time: the FX thread for the
 * window's grid, any thread for a grid of its own (the launch warm-up).
 */
final class GridGeometry {
    /** Cells at least this big (their smaller side) get a one-pixel gap so neighbours stay apart. */
    static final int GAP_FROM = 4;

    private long count;
    private int width;
    private int height;
    private GridLayout fitLayout = GridLayout.NONE;
    /** Zoom steps in from the fit level (0: fit). */
    private int level;
    private long packetsPerCell = 1;
    private int columns = 1;
    private int rows;
    private int[] columnEdges = {0, 0};
    private int[] rowEdges = {0};
    private int[] pixelColumns = new int[0];
    private long first;
    private double panX;
    private double panY;

    /** Sets the packet count and shows them all. */
    void setCount(long packets) {
        count = Math.max(0, packets);
        computeFit();
        fit();
    }

    /** Sets the drawing area; at the fit level the grid refits, otherwise it keeps its zoom level. */
    void resize(int w, int h) {
        boolean wasFit = isFit();
        width = Math.max(0, w);
        height = Math.max(0, h);
        computeFit();
        if (wasFit) {
            fit();
            return;
        }
        int keep = level;
        while (keep > 0 && layoutAt(keep) == null) {
            keep--;
        }
        apply(keep, layoutAt(keep));
        clamp();
    }

    /** Back to the level that shows every packet. */
    void fit() {
        apply(0, fitLayout);
        first = 0;
        panX = panY = 0;
    }

    private void computeFit() {
        fitLayout = GridLayout.fit(count, width, height);
    }

    /** The layout {@code steps} zoom steps in from the fit level, or null past the closest one. */
    private GridLayout layoutAt(int steps) {
        return GridLayout.zoomed(fitLayout, steps, width, height);
    }

    private void apply(int steps, GridLayout layout) {
        level = steps;
        packetsPerCell = layout.packetsPerCell();
        columns = layout.columns();
        rows = layout.rows();
        columnEdges = edges(columns, width);
        rowEdges = edges(rows, height);
        int gap = gap();
        pixelColumns = new int[width];
        for (int c = 0; c < columns && rows > 0; c++) {
            Arrays.fill(pixelColumns, columnEdges[c], columnEdges[c + 1] - gap, c);
            Arrays.fill(pixelColumns, columnEdges[c + 1] - gap, columnEdges[c + 1], columns);
        }
    }

    /** {@code n + 1} pixel edges that share {@code size} pixels between {@code n} spans. */
    private static int[] edges(int n, int size) {
        int[] e = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            e[i] = (int) ((long) i * size / n);
        }
        return e;
    }

    boolean isFit() {
        return level == 0 && first == 0;
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

    long packetsPerCell() {
        return packetsPerCell;
    }

    long first() {
        return first;
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    /** A cell's width in pixels, on average (cells are this wide or a pixel either side of it). */
    double cellWidth() {
        return rows == 0 ? 0 : (double) width / columns;
    }

    /** A cell's height in pixels, on average. */
    double cellHeight() {
        return rows == 0 ? 0 : (double) height / rows;
    }

    /** The narrowest column in pixels. */
    int minCellWidth() {
        return rows == 0 ? 0 : width / columns;
    }

    /** The lowest row in pixels. */
    int minCellHeight() {
        return rows == 0 ? 0 : height / rows;
    }

    /** The smaller side of the smallest cell, in pixels. */
    int minCellSide() {
        return Math.min(minCellWidth(), minCellHeight());
    }

    /** One pixel at the right and bottom of each cell once cells are {@link #GAP_FROM} pixels or more. */
    int gap() {
        return minCellSide() >= GAP_FROM ? 1 : 0;
    }

    /** Column {@code c} spans the pixels {@code [edges[c], edges[c + 1])}. Shared: not to be changed. */
    int[] columnEdges() {
        return columnEdges;
    }

    /** Row {@code r} spans the pixel rows {@code [edges[r], edges[r + 1])}. Shared: not to be changed. */
    int[] rowEdges() {
        return rowEdges;
    }

    /**
     * The column of each pixel of a line, or {@link #columns()} for a gap pixel (the painter's transparent
     * slot). Shared: not to be changed.
     */
    int[] pixelColumns() {
        return pixelColumns;
    }

    long cellsVisible() {
        return (long) columns * rows;
    }

    /** First packet id on screen (clipped to the packets that exist). */
    long visibleFrom() {
        return Math.max(0, Math.min(count, first));
    }

    /** One past the last packet id on screen. */
    long visibleTo() {
        return Math.max(0, Math.min(count, first + cellsVisible() * packetsPerCell));
    }

    /** The column under a point's x, or -1 outside the area. */
    int columnAt(double x) {
        if (!(x >= 0 && x < width) || rows == 0) {
            return -1;
        }
        // The c with floor(c * width / columns) <= px < floor((c + 1) * width / columns).
        long px = (long) x;
        return (int) (((px + 1) * columns - 1) / width);
    }

    /** The row under a point's y, or -1 outside the area. */
    int rowAt(double y) {
        if (!(y >= 0 && y < height) || rows == 0) {
            return -1;
        }
        long py = (long) y;
        return (int) (((py + 1) * rows - 1) / height);
    }

    /** The cell index at a point, or -1 outside the cells. */
    long cellAt(double x, double y) {
        int col = columnAt(x);
        int row = rowAt(y);
        return col < 0 || row < 0 ? -1 : (long) row * columns + col;
    }

    /** First packet of a cell, or -1 when the cell holds no packet. */
    long cellFirstPacket(long cell) {
        if (cell < 0 || cell >= cellsVisible()) {
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

    /** The cell that holds a packet, or -1 when it is not on screen. */
    long cellOf(long packet) {
        if (packet < 0 || packet >= count || packet < first) {
            return -1;
        }
        long cell = (packet - first) / packetsPerCell;
        return cell < cellsVisible() ? cell : -1;
    }

    /** The cell row a packet falls in at this zoom: negative above the screen, {@code rows()} or more below. */
    long rowOf(long packet) {
        return Math.floorDiv(packet - first, (long) columns * packetsPerCell);
    }

    /** The first packet under a point, or -1. */
    long packetAt(double x, double y) {
        return cellFirstPacket(cellAt(x, y));
    }

    /** Left pixel column of a cell. */
    int cellX(long cell) {
        return columnEdges[(int) (cell % columns)];
    }

    /** Top pixel row of a cell. */
    int cellY(long cell) {
        return rowEdges[(int) (cell / columns)];
    }

    /** A cell's width in pixels, its gap included. */
    int cellWidth(long cell) {
        int c = (int) (cell % columns);
        return columnEdges[c + 1] - columnEdges[c];
    }

    /** A cell's height in pixels, its gap included. */
    int cellHeight(long cell) {
        int r = (int) (cell / columns);
        return rowEdges[r + 1] - rowEdges[r];
    }

    /** One step closer around a point; returns false when already at the closest level. */
    boolean zoomIn(double x, double y) {
        GridLayout next = layoutAt(level + 1);
        if (next == null) {
            return false;
        }
        zoomTo(x, y, level + 1, next);
        return true;
    }

    /** One step further out around a point, never past the fit level; false when already there. */
    boolean zoomOut(double x, double y) {
        if (isFit()) {
            return false;
        }
        if (level <= 1) {
            fit();
            return true;
        }
        zoomTo(x, y, level - 1, layoutAt(level - 1));
        return true;
    }

    private void zoomTo(double x, double y, int steps, GridLayout layout) {
        double cx = Math.max(0, Math.min(x, width - 1));
        double cy = Math.max(0, Math.min(y, height - 1));
        long anchor = first + Math.max(0, cellAt(cx, cy)) * packetsPerCell;
        apply(steps, layout);
        long newCell = Math.max(0, cellAt(cx, cy));
        first = anchor - newCell * packetsPerCell;
        panX = panY = 0;
        clamp();
    }

    /** Moves the content by a drag of (dx, dy) pixels: whole rows vertically, whole cells horizontally. */
    void pan(double dx, double dy) {
        if (rows == 0) {
            return;
        }
        panX += dx;
        panY += dy;
        long cols = (long) (panX / cellWidth());
        long rowsMoved = (long) (panY / cellHeight());
        if (cols == 0 && rowsMoved == 0) {
            return;
        }
        panX -= cols * cellWidth();
        panY -= rowsMoved * cellHeight();
        first -= (rowsMoved * columns + cols) * packetsPerCell;
        clamp();
    }

    private void clamp() {
        long max = Math.max(0, count - cellsVisible() * packetsPerCell);
        first = Math.max(0, Math.min(first, max));
    }
}
