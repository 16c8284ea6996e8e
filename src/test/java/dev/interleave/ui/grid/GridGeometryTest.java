package dev.interleave.ui.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grid's geometry alone: cells share the whole area, packets and cells map both ways, the pointer. */
class GridGeometryTest {

    /** Areas: tiny, thin, square, the window's grid at 1024 x 700 and 1600 x 1000, and others. */
    private static final int[][] SIZES = {{1, 1}, {3, 2}, {7, 5}, {40, 40}, {100, 100}, {1, 300}, {300, 2},
            {350, 115}, {475, 185}, {64, 32}, {733, 211}, {1000, 1000}, {1260, 520}};

    private static List<Long> counts(int w, int h) {
        long px = (long) w * h;
        List<Long> out = new ArrayList<>(List.of(0L, 1L, 2L, 3L, 7L, 50L, 999L, 1_000L, 10_000L, 10_007L,
                px - 1, px, px + 1, 2 * px - 1, 3 * px + 5, 40 * px + 3));
        out.removeIf(n -> n < 0);
        return out;
    }

    private static GridGeometry geometry(int w, int h, long count) {
        GridGeometry g = new GridGeometry();
        g.resize(w, h);
        g.setCount(count);
        return g;
    }

    /** Every pixel belongs to exactly one span; spans differ by at most a pixel. */
    private static void assertShares(int[] edges, int spans, int size, String what) {
        assertThat(edges).as(what).hasSize(spans + 1);
        assertThat(edges[0]).as(what).isZero();
        assertThat(edges[spans]).as(what).isEqualTo(size);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < spans; i++) {
            int span = edges[i + 1] - edges[i];
            min = Math.min(min, span);
            max = Math.max(max, span);
        }
        assertThat(min).as(what + ": no empty span").isGreaterThanOrEqualTo(1);
        assertThat(max - min).as(what + ": spans within a pixel").isLessThanOrEqualTo(1);
    }

    /** Pixels of the cells that hold packets, over the whole area. */
    private static double areaUsed(GridGeometry g) {
        long used = 0;
        for (long cell = 0; cell < g.cellsVisible(); cell++) {
            if (g.cellFirstPacket(cell) >= 0) {
                used += (long) g.cellWidth(cell) * g.cellHeight(cell);
            }
        }
        return used / ((double) g.width() * g.height());
    }

    @Test
    void atTheFitLevelTheCellsShareTheWholeAreaAndHoldEveryPacketOnce() {
        for (int[] size : SIZES) {
            int w = size[0];
            int h = size[1];
            for (long n : counts(w, h)) {
                String at = w + " x " + h + ", " + n + " packets";
                GridGeometry g = geometry(w, h, n);
                assertThat(g.isFit()).as(at).isTrue();
                assertShares(g.columnEdges(), g.columns(), w, at + ", columns");
                assertShares(g.rowEdges(), g.rows(), h, at + ", rows");
                assertThat(g.gap()).as(at).isBetween(0, 1);
                // As few packets per cell as the pixels allow.
                long ppc = g.packetsPerCell();
                assertThat(ppc).as(at).isEqualTo(Math.max(1, (n + (long) w * h - 1) / ((long) w * h)));
                // Every packet is shown, and only the last row has cells without one.
                assertThat(g.visibleFrom()).as(at).isZero();
                assertThat(g.visibleTo()).as(at).isEqualTo(n);
                long cells = (n + ppc - 1) / ppc;
                assertThat(g.cellsVisible()).as(at).isGreaterThanOrEqualTo(cells);
                if (n > 0) {
                    assertThat(g.cellsVisible() - cells).as(at + ": empty cells").isLessThan(g.columns());
                }
                // Cells in order hold consecutive packets; each packet is in exactly one cell, and back.
                long next = 0;
                List<String> wrong = new ArrayList<>();
                for (long cell = 0; cell < g.cellsVisible() && wrong.size() < 5; cell++) {
                    long a = g.cellFirstPacket(cell);
                    if (a < 0) {
                        if (next != n) {
                            wrong.add("cell " + cell + " holds no packet, but packet " + next + " has no cell");
                        }
                        continue;
                    }
                    long b = g.cellEndPacket(cell);
                    if (a != next || b - a < 1 || b - a > ppc) {
                        wrong.add("cell " + cell + " holds [" + a + ", " + b + "), the next packet is " + next);
                    }
                    next = b;
                }
                assertThat(wrong).as(at).isEmpty();
                assertThat(next).as(at).isEqualTo(n);
                long step = Math.max(1, n / 5_000);
                for (long id = 0; id < n; id += step) {
                    long cell = g.cellOf(id);
                    assertThat(g.cellFirstPacket(cell)).as(at + ", packet " + id).isLessThanOrEqualTo(id);
                    assertThat(g.cellEndPacket(cell)).as(at + ", packet " + id).isGreaterThan(id);
                }
            }
        }
    }

    @Test
    void thePointerPicksTheCellWhosePixelsItIsOnRightUpToTheEdges() {
        for (int[] size : SIZES) {
            int w = size[0];
            int h = size[1];
            if ((long) w * h > 300_000) {
                continue;
            }
            for (long n : counts(w, h)) {
                String at = w + " x " + h + ", " + n + " packets";
                GridGeometry g = geometry(w, h, n);
                if (g.rows() == 0) {
                    continue;
                }
                int[] xs = g.columnEdges();
                int[] ys = g.rowEdges();
                List<String> wrong = new ArrayList<>();
                for (int c = 0; c < g.columns(); c++) {
                    for (int x = xs[c]; x < xs[c + 1]; x++) {
                        // The pixel's left edge, middle and last bit all pick its column.
                        for (double px : new double[] {x, x + 0.5, Math.nextDown(x + 1.0)}) {
                            if (g.columnAt(px) != c) {
                                wrong.add("x " + px + " picks column " + g.columnAt(px) + ", not " + c);
                            }
                        }
                    }
                }
                for (int r = 0; r < g.rows(); r++) {
                    for (int y = ys[r]; y < ys[r + 1]; y++) {
                        for (double py : new double[] {y, y + 0.5, Math.nextDown(y + 1.0)}) {
                            if (g.rowAt(py) != r) {
                                wrong.add("y " + py + " picks row " + g.rowAt(py) + ", not " + r);
                            }
                        }
                    }
                }
                assertThat(wrong).as(at).isEmpty();
                assertThat(g.cellAt(0, 0)).isZero();
                assertThat(g.cellAt(Math.nextDown((double) w), Math.nextDown((double) h)))
                        .isEqualTo(g.cellsVisible() - 1);
                assertThat(g.cellAt(-0.01, 0)).isEqualTo(-1);
                assertThat(g.cellAt(0, -0.01)).isEqualTo(-1);
                assertThat(g.cellAt(w, 0)).isEqualTo(-1);
                assertThat(g.cellAt(0, h)).isEqualTo(-1);
                assertThat(g.cellAt(Double.NaN, 0)).isEqualTo(-1);
                // A cell's pixels are where the pointer picks it.
                long last = Math.max(0, g.cellsVisible() - 1);
                for (long cell : new long[] {0, last / 2, last}) {
                    int x0 = g.cellX(cell);
                    int y0 = g.cellY(cell);
                    assertThat(g.cellAt(x0, y0)).as(at).isEqualTo(cell);
                    assertThat(g.cellAt(x0 + g.cellWidth(cell) - 0.01, y0 + g.cellHeight(cell) - 0.01)).as(at)
                            .isEqualTo(cell);
                }
            }
        }
    }

    @Test
    void tenThousandPacketsFillAStripThatSquareIntegerCellsLeftHalfEmpty() {
        // Square cells of whole pixels would be 2 px (3 px fit only 9,638): 10,000 x 4 px of 87,875 = 46 %.
        GridGeometry g = geometry(475, 185, 10_000);
        assertThat(areaUsed(g)).isGreaterThanOrEqualTo(0.95);
        // Cells nearly square, about 3 px.
        assertThat(g.cellWidth() / g.cellHeight()).isBetween(0.9, 1.1);
        assertThat(g.cellWidth()).isBetween(2.5, 3.5);
        assertThat(geometry(350, 115, 10_000).cellWidth()).isBetween(1.8, 2.2);
        // And others: the area used is all but the rest of the last row.
        for (int[] size : SIZES) {
            if (size[0] >= 40 && size[1] >= 40) {
                for (long n : List.of(999L, 10_007L, (long) size[0] * size[1] + 1, 3L * size[0] * size[1] + 5)) {
                    GridGeometry geo = geometry(size[0], size[1], n);
                    int[] ys = geo.rowEdges();
                    double lastRow = (ys[geo.rows()] - ys[geo.rows() - 1]) / (double) size[1];
                    assertThat(areaUsed(geo)).as("%d x %d, %d packets", size[0], size[1], n)
                            .isGreaterThan(1 - lastRow).isGreaterThanOrEqualTo(0.9);
                }
            }
        }
        // Ten million packets in 1000 x 1000: ten a cell, one-pixel cells.
        GridGeometry big = geometry(1000, 1000, 10_000_000);
        assertThat(big.packetsPerCell()).isEqualTo(10);
        assertThat(big.columns()).isEqualTo(1000);
        assertThat(big.rows()).isEqualTo(1000);
    }

    @Test
    void zoomingInAndOutRetracesItsStepsKeepsThePacketUnderTheCursorAndFillsTheArea() {
        GridGeometry g = geometry(475, 185, 1_000_000); // 12 packets a cell at the fit level
        long fitPpc = g.packetsPerCell();
        assertThat(fitPpc).isEqualTo(12);
        double x = 301.3;
        double y = 77.8;
        long under = g.packetAt(x, y);
        List<Long> perCell = new ArrayList<>();
        List<Double> sides = new ArrayList<>();
        while (g.zoomIn(x, y)) {
            perCell.add(g.packetsPerCell());
            sides.add(g.cellWidth());
            assertShares(g.columnEdges(), g.columns(), 475, "zoomed columns");
            assertShares(g.rowEdges(), g.rows(), 185, "zoomed rows");
            // Zoomed in, the cells are all full: the view is a window onto the packets.
            assertThat(g.visibleTo() - g.visibleFrom()).isEqualTo(g.cellsVisible() * g.packetsPerCell());
            long now = g.packetAt(x, y);
            assertThat(now).isLessThanOrEqualTo(under);
            assertThat(under).isLessThan(now + Math.max(g.packetsPerCell(), fitPpc));
        }
        assertThat(perCell).startsWith(6L, 3L, 1L, 1L);
        assertThat(sides.getLast()).isLessThanOrEqualTo(GridLayout.MAX_CELL);
        assertThat(sides.getLast()).isGreaterThan(GridLayout.MAX_CELL / 2);
        for (int k = perCell.size() - 1; k > 0; k--) {
            assertThat(g.zoomOut(x, y)).isTrue();
            assertThat(g.packetsPerCell()).isEqualTo(perCell.get(k - 1));
            assertThat(g.cellWidth()).isEqualTo(sides.get(k - 1));
        }
        assertThat(g.zoomOut(x, y)).isTrue();
        assertThat(g.isFit()).isTrue();
        assertThat(g.zoomOut(x, y)).isFalse();

        // A few packets in big cells: the closest level stops before MAX_CELL.
        GridGeometry few = geometry(100, 100, 50);
        assertThat(few.columns() * few.rows()).isBetween(50, 60);
        assertThat(few.zoomIn(50, 50)).isTrue(); // ~27 px
        assertThat(few.zoomIn(50, 50)).isTrue(); // ~53 px
        assertThat(few.zoomIn(50, 50)).isFalse();
        assertThat(geometry(1000, 700, 2).zoomIn(10, 10)).as("cells beyond MAX_CELL at the fit level").isFalse();
    }

    @Test
    void panMovesWholeRowsAndCellsAndStaysWithinThePackets() {
        GridGeometry g = geometry(475, 185, 1_000_000);
        for (int i = 0; i < 5; i++) {
            g.zoomIn(0, 0);
        }
        assertThat(g.packetsPerCell()).isEqualTo(1);
        long top = g.first();
        double rowHeight = g.cellHeight();
        g.pan(0, -2.5 * rowHeight); // drag up: later rows come into view
        assertThat(g.first()).isEqualTo(top + 2L * g.columns());
        g.pan(0, -0.6 * rowHeight); // the half row left over and this make a third
        assertThat(g.first()).isEqualTo(top + 3L * g.columns());
        g.pan(-1.2 * g.cellWidth(), 0);
        assertThat(g.first()).isEqualTo(top + 3L * g.columns() + 1);
        g.pan(0, 1e9);
        assertThat(g.first()).isZero();
        g.pan(0, -1e9);
        assertThat(g.visibleTo()).isEqualTo(1_000_000);
        assertThat(g.visibleTo() - g.visibleFrom()).isEqualTo(g.cellsVisible());
    }

    @Test
    void aResizeRefitsAtTheFitLevelAndKeepsTheZoomLevelOtherwise() {
        GridGeometry g = geometry(350, 115, 10_000);
        g.resize(475, 185);
        assertThat(g.isFit()).isTrue();
        assertThat(areaUsed(g)).isGreaterThanOrEqualTo(0.95);
        g.zoomIn(100, 100);
        assertThat(g.cellWidth()).isCloseTo(2 * geometry(475, 185, 10_000).cellWidth(), withPercentage(15));
        g.resize(600, 300);
        // One step in from the fit level at the new size.
        assertThat(g.isFit()).isFalse();
        assertThat(g.cellWidth()).isCloseTo(2 * geometry(600, 300, 10_000).cellWidth(), withPercentage(15));
        assertShares(g.columnEdges(), g.columns(), 600, "columns after resize");
        assertShares(g.rowEdges(), g.rows(), 300, "rows after resize");
        g.resize(0, 0);
        assertThat(g.cellAt(0, 0)).isEqualTo(-1);
        assertThat(g.visibleTo() - g.visibleFrom()).isZero();
        g.resize(475, 185);
        g.fit();
        assertThat(areaUsed(g)).isGreaterThanOrEqualTo(0.95);
    }
}
