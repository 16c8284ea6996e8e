package dev.interleave.ui.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.verify.Verdict;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The painter alone, over geometries whose cells are not whole pixels. */
class GridPainterTest {
    private static final int[] COLORS = {0xff00aa00, 0xffdddddd, 0xff888888, 0xff9900ff, 0xffffaa00, 0xffee0000};
    private static final int[] PALETTE = ThreadPalette.argb();

    private static void paint(int[] pixels, GridGeometry g, PacketMirror m, ColorMode mode, long rowFrom, long rowTo) {
        GridPainter.paint(pixels, g, m, mode, COLORS, PALETTE, COLORS[CellState.NOT_SENT], (int) rowFrom, (int) rowTo);
    }

    /** Index of the first pixel that differs, or -1. */
    private static int firstDifference(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRepaintOfTheChangedRowsLooksExactlyAsAWholeRepaint() {
        // width, height, packets, zoom steps in; 200,000 packets in 733 x 211: two a cell of ~1.24 px, and
        // the mirror's change chunks (65,536 packets) end mid-screen.
        int[][] cases = {{733, 211, 200_000, 0}, {475, 185, 200_000, 0}, {475, 185, 200_000, 2}, {1000, 300, 140_000, 0},
                {640, 260, 300_000, 3}};
        for (int[] k : cases) {
            for (ColorMode mode : ColorMode.values()) {
                String at = k[0] + " x " + k[1] + ", " + k[2] + " packets, " + k[3] + " steps in, " + mode;
                int n = k[2];
                FakePacketView view = new FakePacketView(n);
                SplittableRandom r = new SplittableRandom(n + k[3]);
                for (int i = 0; i < n; i++) {
                    view.set(i, r.nextInt(50) == 0 ? Verdict.MISSING : Verdict.INTACT, r.nextInt(20));
                }
                int boundary = PacketMirror.CHUNK;
                for (int i = 0; i < 12; i++) {
                    view.set(r.nextInt(n), Verdict.TORN, 3);
                }
                view.set(boundary - 2, Verdict.TORN, 4); // its mark reaches down into the rows repainted below
                PacketMirror m = new PacketMirror();
                m.setSource(view);
                m.refreshAll();
                m.takeChanged();
                GridGeometry g = new GridGeometry();
                g.resize(k[0], k[1]);
                g.setCount(m.kept());
                // Zoom in around the chunk boundary's cell, so that it stays on screen.
                for (int s = 0; s < k[3]; s++) {
                    long cell = g.cellOf(boundary);
                    assertThat(g.zoomIn(g.cellX(cell) + 0.5, g.cellY(cell) + 0.5)).as(at).isTrue();
                }
                assertThat(g.cellOf(boundary)).as(at + ": the chunk boundary on screen").isNotNegative();
                // Torn packets in the rows just outside those a change in chunk 1 repaints: their marks reach
                // into the repainted rows, and the painter must look them up.
                int reachRows = GridPainter.markReach(g.minCellHeight());
                long perRow = g.columns() * g.packetsPerCell();
                long above = g.first() + (g.rowOf(boundary) - reachRows - 1) * perRow;
                long below = g.first() + (g.rowOf(2L * boundary - 1) + reachRows + 1) * perRow;
                assertThat(above).as(at).isNotNegative();
                view.set((int) above, Verdict.TORN, 4);
                if (below < n && g.cellOf(below) >= 0) {
                    view.set((int) below, Verdict.TORN, 4);
                }
                m.refreshAll();
                m.takeChanged();
                int[] pixels = new int[k[0] * k[1]];
                paint(pixels, g, m, mode, 0, Integer.MAX_VALUE);
                boolean marks = GridPainter.marksOn(g, m, mode);
                assertThat(marks).as(at).isEqualTo(mode == ColorMode.VERDICT);

                // A torn packet just after the boundary (its mark reaches up into the rows before it), and
                // changes further into chunk 1.
                view.set(boundary + 1, Verdict.TORN, 4);
                view.set(boundary + 5_000, Verdict.DUPLICATE, 5);
                view.set(boundary + 9_000, Verdict.PENDING, -1);
                m.refreshAll();
                long changed = m.takeChanged();
                long from = changed >>> 32;
                long to = changed & 0xffffffffL;
                assertThat(GridPainter.marksOn(g, m, mode)).as(at).isEqualTo(marks);
                // As PacketGrid repaints the rows of the changed packets.
                int reach = marks ? GridPainter.markReach(g.minCellHeight()) : 0;
                long rowFrom = Math.max(0, g.rowOf(from) - reach);
                long rowTo = Math.min(g.rows(), g.rowOf(to - 1) + 1 + reach);
                assertThat(rowFrom).as(at + ": a repaint of some rows only").isPositive();
                paint(pixels, g, m, mode, rowFrom, rowTo);

                int[] whole = new int[pixels.length];
                paint(whole, g, m, mode, 0, Integer.MAX_VALUE);
                int diff = firstDifference(pixels, whole);
                assertThat(diff).as(at + ": first pixel that differs, at (%d, %d)", diff % k[0], diff / k[0])
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void everyPixelOfACellIsItsColourAndTheGapsAreEmpty() {
        // 60 packets in 100 x 70: cells of ~11 x 10 px with a one-pixel gap.
        FakePacketView view = new FakePacketView(60);
        for (int i = 0; i < 60; i++) {
            view.set(i, i % 2 == 0 ? Verdict.INTACT : Verdict.MISSING, i % 3);
        }
        PacketMirror m = new PacketMirror();
        m.setSource(view);
        m.refreshAll();
        GridGeometry g = new GridGeometry();
        g.resize(100, 70);
        g.setCount(m.kept());
        assertThat(g.gap()).isEqualTo(1);
        int[] pixels = new int[100 * 70];
        java.util.Arrays.fill(pixels, 0x12345678); // what a paint must overwrite
        paint(pixels, g, m, ColorMode.VERDICT, 0, Integer.MAX_VALUE);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 100; x++) {
                long cell = g.cellAt(x + 0.5, y + 0.5);
                boolean gap = x == g.cellX(cell) + g.cellWidth(cell) - 1 || y == g.cellY(cell) + g.cellHeight(cell) - 1;
                long id = g.cellFirstPacket(cell);
                int expected = gap || id < 0 ? 0 : COLORS[id % 2 == 0 ? CellState.INTACT : CellState.MISSING];
                assertThat(pixels[y * 100 + x]).as("(%d, %d), cell %d", x, y, cell).isEqualTo(expected);
            }
        }
    }
}
