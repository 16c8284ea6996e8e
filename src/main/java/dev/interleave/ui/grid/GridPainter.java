package dev.interleave.ui.grid;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Fills a premultiplied-ARGB pixel array from the mirror: one colour per cell, computed from the
 * packets the cell holds (the worst state in verdict mode, the first sender in thread mode), then
 * written as runs of ints. No per-cell drawing calls, no allocation. Any thread, one grid's arrays at a
 * time: the FX thread paints the window's grid, the launch warm-up its own on the worker.
 */
final class GridPainter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A torn cell smaller than this (its smaller side, in pixels) is drawn as a square this big, centred
     * on the cell: at a million packets a torn cell is one pixel, and a dozen of them in a green grid went
     * unseen.
     */
    static final int TORN_MARK = 5;
    /**
     * Marks are drawn while at most this many packets are torn: more show by their number alone, and
     * marking them all cost a repaint of a 1,000,000-cell grid with 125,000 torn cells 5 ms (bench/grid.sh).
     */
    static final int MAX_TORN_MARKS = 2048;

    /**
     * Per thread: colours by one-hot state bits (refilled at each paint) and the torn cells met in a paint
     * (one more than the marks, to tell). The FX thread paints; the launch warm-up paints on the worker.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final int[] byBits = new int[256];
        final int[] tornCells = new int[MAX_TORN_MARKS + 1];
        /** One row's cell colours, and a transparent slot after them for the gaps. */
        int[] rowColors = new int[1024];
    }

    private GridPainter() {
    }

    /**
     * @param pixels       width x height pixels, row-major, overwritten entirely (0 = transparent)
     * @param stateColors  colour by {@link CellState} rank
     * @param threadColors colour by thread index; its length is a power of two
     * @param notSent      colour of a cell in thread mode whose packets nobody has sent yet
     */
    static void paint(int[] pixels, GridGeometry g, PacketMirror m, ColorMode mode,
                      int[] stateColors, int[] threadColors, int notSent) {
        paint(pixels, g, m, mode, stateColors, threadColors, notSent, 0, Integer.MAX_VALUE);
    }

    /**
     * Repaints only the cell rows {@code [rowFrom, rowTo)} (clipped to the grid), i.e. the pixel rows
     * from the first's top edge to the last's bottom edge ({@link GridGeometry#rowEdges}); the other
     * pixels keep what they had. Each cell row's first pixel row is painted cell by cell, then copied to
     * the row's other pixel rows (the gap row, if any, is cleared).
     */
    static void paint(int[] pixels, GridGeometry g, PacketMirror m, ColorMode mode,
                      int[] stateColors, int[] threadColors, int notSent, int rowFrom, int rowTo) {
        int width = g.width();
        int cols = g.columns();
        int r0 = Math.max(0, rowFrom);
        int r1 = Math.min(g.rows(), rowTo);
        if (r0 >= r1 || width == 0) {
            return;
        }
        int[] ys = g.rowEdges();
        int gap = g.gap();
        // Columns one pixel wide: a cell is a pixel of its row's line (no gap at that size). Otherwise the
        // row's cell colours go to a scratch line first, then out to the pixels through the column of each
        // pixel: cells one or two pixels wide, irregularly, cost a mispredicted branch each when filled one
        // by one.
        boolean unit = cols == width;
        long ppc = g.packetsPerCell();
        long first = g.first();
        long count = Math.min(g.count(), m.kept());
        byte[] states = m.states();
        short[] threads = m.threads();
        boolean verdicts = mode == ColorMode.VERDICT;
        int threadMask = threadColors.length - 1; // a power of two: no division per cell
        // Colour by one-hot bits, so a single packet's colour is one lookup.
        Scratch scratch = SCRATCH.get();
        int[] byBits = scratch.byBits;
        int[] tornCells = scratch.tornCells;
        for (int bits = 1; bits < 256; bits++) {
            byBits[bits] = stateColors[Math.min(CellState.COUNT - 1, CellState.rankOf(bits))];
        }
        int[] pixelColumns = g.pixelColumns();
        if (!unit && scratch.rowColors.length < cols + 1) {
            scratch.rowColors = new int[cols + 1]; // only for a grid with more columns than any before
        }
        int[] rowColors = scratch.rowColors;
        int[] out = unit ? pixels : rowColors;

        boolean mark = marksOn(g, m, mode);
        int torn = 0;
        for (int r = r0; r < r1; r++) {
            int line = ys[r] * width;
            int base = unit ? line : 0;
            long rowFirst = first + (long) r * cols * ppc;
            int rowBits = 0; // branch-free per cell; a row with a torn cell is looked at again below
            int cells; // cells of this row that hold packets: columns [0, cells)
            if (ppc == 1) {
                // One packet per cell: the common case for up to a million packets.
                int from = (int) Math.min(count, rowFirst);
                int to = (int) Math.min(count, rowFirst + cols);
                cells = to - from;
                int p = base;
                if (verdicts) {
                    for (int id = from; id < to; id++) {
                        int bits = states[id] & 0xff;
                        out[p++] = byBits[bits];
                        rowBits |= bits;
                    }
                } else {
                    for (int id = from; id < to; id++) {
                        int t = threads[id];
                        out[p++] = t < 0 ? notSent : threadColors[t & threadMask];
                    }
                }
            } else {
                int c = 0;
                for (; c < cols; c++) {
                    long a = rowFirst + c * ppc;
                    if (a >= count) {
                        break;
                    }
                    int from = (int) a;
                    int to = (int) Math.min(count, a + ppc);
                    if (verdicts) {
                        int bits = stateBits(states, from, to);
                        out[base + c] = byBits[bits];
                        rowBits |= bits;
                    } else {
                        int t = firstThread(threads, from, to);
                        out[base + c] = t < 0 ? notSent : threadColors[t & threadMask];
                    }
                }
                cells = c;
            }
            // Past the last packet, and in the gaps (the slot after the last column): nothing (transparent).
            Arrays.fill(out, base + cells, base + cols + (unit ? 0 : 1), 0);
            if (!unit) {
                for (int x = 0; x < width; x++) {
                    pixels[line + x] = rowColors[pixelColumns[x]];
                }
            }
            if (mark && (rowBits & CellState.TORN_BIT) != 0 && torn < tornCells.length) {
                torn = findTorn(g, m, r, r + 1, tornCells, torn);
            }
            int filled = ys[r + 1] - gap;
            for (int y = ys[r] + 1; y < filled; y++) {
                System.arraycopy(pixels, line, pixels, y * width, width);
            }
            for (int y = Math.max(ys[r] + 1, filled); y < ys[r + 1]; y++) {
                Arrays.fill(pixels, y * width, (y + 1) * width, 0);
            }
        }
        if (mark) {
            markTorn(pixels, g, m, tornCells, torn, r0, r1, stateColors[CellState.TORN]);
        }
    }

    /**
     * Marks may cover at most this share of the packets' area: a mark is many times its cell, so past
     * this share the marks would make the torn rate look several times what it is (1.7 % torn in one-pixel
     * cells would show as 35 % of the pixels), and the torn cells are many enough to show as they are.
     */
    static final double MAX_MARKED_SHARE = 0.02;

    /**
     * Whether torn cells get marks: in verdict mode, where cells are smaller than a mark, while the
     * mirror holds at most {@link #MAX_TORN_MARKS} torn packets, and while the marks would cover at most
     * {@link #MAX_MARKED_SHARE} of the packets' area at this zoom (each torn packet's cell of
     * {@code packetsPerCell} packets gets a mark of {@code TORN_MARK²} pixels). One rule for the whole
     * picture, so that the painter and a pointer agree, partial repaints included.
     */
    static boolean marksOn(GridGeometry g, PacketMirror m, ColorMode mode) {
        if (mode != ColorMode.VERDICT || g.rows() == 0 || g.minCellSide() >= TORN_MARK) {
            return false;
        }
        long torn = m.tornPackets();
        if (torn > MAX_TORN_MARKS) {
            return false;
        }
        double fill = (g.cellWidth() - g.gap()) * (g.cellHeight() - g.gap());
        double markedArea = (double) torn * g.packetsPerCell() * TORN_MARK * TORN_MARK;
        return markedArea <= MAX_MARKED_SHARE * g.count() * fill;
    }

    /**
     * How many cell rows (or columns) a torn mark reaches beyond its own, above and below, where the
     * rows are at least {@code side} pixels high.
     */
    static int markReach(int side) {
        return side >= TORN_MARK ? 0 : (TORN_MARK / 2 + side - 1) / Math.max(1, side);
    }

    /**
     * The centre pixel of span {@code i} of {@code edges} (a cell's column or row), its gap left out: a
     * torn mark is centred there, and a pointer finds the mark there.
     */
    static int markCentre(int[] edges, int i, int gap) {
        return edges[i] + (edges[i + 1] - edges[i] - gap) / 2;
    }

    /**
     * Draws a {@link #TORN_MARK}-pixel square over each torn cell, clipped to the cell rows just painted
     * ({@code [r0, r1)}): the first {@code found} of {@code tornCells} lie in those rows; torn cells in
     * the rows within a mark's reach are looked up here, since their marks reach into the painted rows.
     * (With {@link #marksOn} there are at most {@link #MAX_TORN_MARKS}; past that, none is marked.)
     */
    private static void markTorn(int[] pixels, GridGeometry g, PacketMirror m, int[] tornCells, int found, int r0,
                                 int r1, int color) {
        int cols = g.columns();
        if (found > MAX_TORN_MARKS) {
            return;
        }
        int reach = markReach(g.minCellHeight());
        int torn = found;
        torn = findTorn(g, m, Math.max(0, r0 - reach), r0, tornCells, torn);
        torn = findTorn(g, m, r1, Math.min(g.rows(), r1 + reach), tornCells, torn);
        if (torn > MAX_TORN_MARKS) {
            return;
        }
        int[] xs = g.columnEdges();
        int[] ys = g.rowEdges();
        int gap = g.gap();
        int width = g.width();
        int yFrom = ys[r0];
        int yTo = ys[r1];
        int half = TORN_MARK / 2;
        for (int k = 0; k < torn; k++) {
            int cell = tornCells[k];
            int cx = markCentre(xs, cell % cols, gap);
            int cy = markCentre(ys, cell / cols, gap);
            int x0 = Math.max(0, cx - half);
            int x1 = Math.min(width, cx - half + TORN_MARK);
            int y0 = Math.max(yFrom, cy - half);
            int y1 = Math.min(yTo, cy - half + TORN_MARK);
            for (int y = y0; y < y1; y++) {
                Arrays.fill(pixels, y * width + x0, y * width + x1, color);
            }
        }
    }

    /** Appends to {@code tornCells} the torn cells of rows {@code [r0, r1)}; returns the new count. */
    private static int findTorn(GridGeometry g, PacketMirror m, int r0, int r1, int[] tornCells, int torn) {
        int cols = g.columns();
        for (int r = r0; r < r1; r++) {
            for (int c = 0; c < cols && torn < tornCells.length; c++) {
                if (isTorn(g, m, (long) r * cols + c)) {
                    tornCells[torn++] = r * cols + c;
                }
            }
        }
        return torn;
    }

    /** Whether a cell (its index at the geometry's zoom) holds a torn packet among those mirrored. */
    static boolean isTorn(GridGeometry g, PacketMirror m, long cell) {
        long a = g.cellFirstPacket(cell);
        long b = Math.min(g.cellEndPacket(cell), m.kept());
        return a >= 0 && a < b && (stateBits(m.states(), (int) a, (int) b) & CellState.TORN_BIT) != 0;
    }

    /** The OR of the one-hot state bits of {@code states[a..b)}, eight at a time. */
    static int stateBits(byte[] states, int a, int b) {
        long acc = 0;
        int i = a;
        for (; i + 8 <= b; i += 8) {
            acc |= (long) LONGS.get(states, i);
        }
        for (; i < b; i++) {
            acc |= states[i];
        }
        acc |= acc >>> 32;
        acc |= acc >>> 16;
        acc |= acc >>> 8;
        return (int) (acc & 0xff);
    }

    /** The worst state rank among {@code states[a..b)}. */
    static int worstState(byte[] states, int a, int b) {
        return CellState.rankOf(stateBits(states, a, b));
    }

    /**
     * The cell's sender: the first sent packet's thread, -1 when none is sent. (Senders pull ids from
     * one counter, so neighbouring ids belong to threads at random and a majority says no more; the
     * tooltip names the main senders.)
     */
    static int firstThread(short[] threads, int a, int b) {
        for (int i = a; i < b; i++) {
            if (threads[i] >= 0) {
                return threads[i];
            }
        }
        return -1;
    }
}
