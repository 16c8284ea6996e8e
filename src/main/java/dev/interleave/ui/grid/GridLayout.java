package dev.interleave.ui.grid;

/**
 * How many packets a cell holds and how many columns and rows of cells share the grid's area, at the
 * fit level or some zoom steps in from it ({@link GridGeometry} turns them into pixel edges). The fit
 * level shows every packet: as few packets per cell as the pixels allow (one, unless there are more
 * packets than pixels), and the columns and rows that keep the cells nearest to square with the least
 * left empty. Zooming in halves the packets per cell until one is left (the fit's columns and rows
 * stay), then doubles the cells' side. Pure; any thread.
 *
 * @param rows 0 when the area is empty
 */
record GridLayout(long packetsPerCell, int columns, int rows) {
    /** Zooming stops before the cells' side passes this many pixels. */
    static final double MAX_CELL = 64;
    /**
     * How much a fit layout's cell shape weighs against the area it leaves empty: the cost of a layout
     * is the empty share of its cells plus this times |ln(cell width / cell height)|, so a layout may
     * leave about 10 % of a small grid empty (the rest of a last row) to keep its cells within 1.2 : 1.
     */
    static final double SHAPE_WEIGHT = 0.5;
    /** The layout of an empty area. */
    static final GridLayout NONE = new GridLayout(1, 1, 0);

    /** The fit level of {@code count} packets in a {@code width x height} area. */
    static GridLayout fit(long count, int width, int height) {
        if (width <= 0 || height <= 0) {
            return NONE;
        }
        long pixels = (long) width * height;
        long ppc = Math.max(1, (count + pixels - 1) / pixels);
        long cells = Math.max(1, (count + ppc - 1) / ppc);
        // Of all the shapes with a cell for each (cells <= pixels, so some fit) and no row left wholly
        // empty, the one with the least cost.
        GridLayout best = new GridLayout(ppc, width, height);
        double bestCost = Double.MAX_VALUE;
        long maxRows = Math.min(height, cells);
        for (long r = 1; r <= maxRows; r++) {
            long c = (cells + r - 1) / r;
            if (c > width) {
                continue;
            }
            long usedRows = (cells + c - 1) / c;
            double empty = (double) (c * usedRows - cells) / (c * usedRows);
            double shape = Math.abs(Math.log(((double) width / c) / ((double) height / usedRows)));
            double cost = empty + SHAPE_WEIGHT * shape;
            if (cost < bestCost) {
                bestCost = cost;
                best = new GridLayout(ppc, (int) c, (int) usedRows);
            }
        }
        return best;
    }

    /**
     * The layout {@code steps} zoom steps in from {@code fit} (0: {@code fit} itself), or null past the
     * closest one: a side over {@link #MAX_CELL}, or a step that would show no fewer cells.
     */
    static GridLayout zoomed(GridLayout fit, int steps, int width, int height) {
        long ppc = fit.packetsPerCell();
        int k = steps;
        while (k > 0 && ppc > 1) {
            ppc = Math.max(1, ppc / 2);
            k--;
        }
        if (k == 0) {
            return new GridLayout(ppc, fit.columns(), fit.rows());
        }
        if (fit.rows() == 0) {
            return null;
        }
        double fitSide = Math.sqrt((double) width / fit.columns() * height / fit.rows());
        GridLayout previous = new GridLayout(1, fit.columns(), fit.rows());
        for (int j = 1; j <= k; j++) {
            double side = fitSide * Math.pow(2, j);
            if (side > MAX_CELL) {
                return null;
            }
            int c = (int) Math.max(1, Math.min(width, Math.round(width / side)));
            int r = (int) Math.max(1, Math.min(height, Math.round(height / side)));
            if ((long) c * r >= (long) previous.columns() * previous.rows()) {
                return null; // a grid of one cell, or a side that rounds to the same cells
            }
            previous = new GridLayout(1, c, r);
        }
        return previous;
    }
}
