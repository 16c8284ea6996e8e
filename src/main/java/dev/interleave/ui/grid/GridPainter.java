package dev.interleave.ui.grid;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Fills a premultiplied-ARGB pixel array from the mirror: one colour per cell, computed from the
 * packets the cell holds (the worst state in verdict mode, the first sender in thread mode), then
 * written as runs of ints. No per-cell drawing calls, no allocation. FX thread only.
 */
final class GridPainter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Colour by one-hot state bits; refilled at each paint (FX thread only, so one array serves). */
    private static final int[] BY_BITS = new int[256];

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
     * {@code [rowFrom * cellSize, rowTo * cellSize)}; the other pixels keep what they had.
     */
    static void paint(int[] pixels, GridGeometry g, PacketMirror m, ColorMode mode,
                      int[] stateColors, int[] threadColors, int notSent, int rowFrom, int rowTo) {
        int width = g.width();
        int cs = g.cellSize();
        int fill = cs - g.gap();
        int cols = g.columns();
        int r0 = Math.max(0, rowFrom);
        int rows = Math.min(g.rows(), rowTo);
        if (r0 >= rows) {
            return;
        }
        boolean whole = rowFrom <= 0 && rowTo >= g.rows();
        Arrays.fill(pixels, whole ? 0 : Math.min(pixels.length, r0 * cs * width),
                whole ? pixels.length : Math.min(pixels.length, rows * cs * width), 0);
        long ppc = g.packetsPerCell();
        long first = g.first();
        long count = Math.min(g.count(), m.kept());
        byte[] states = m.states();
        short[] threads = m.threads();
        boolean verdicts = mode == ColorMode.VERDICT;
        int threadMask = threadColors.length - 1; // a power of two: no division per cell
        // Colour by one-hot bits, so a single packet's colour is one lookup.
        int[] byBits = BY_BITS;
        for (int bits = 1; bits < 256; bits++) {
            byBits[bits] = stateColors[Math.min(CellState.COUNT - 1, CellState.rankOf(bits))];
        }

        if (cs == 1 && ppc == 1) {
            // One packet per pixel: the common case for up to a million packets.
            for (int r = r0; r < rows; r++) {
                long rowFirst = first + (long) r * cols;
                int from = (int) Math.max(0, Math.min(count, rowFirst));
                int to = (int) Math.max(0, Math.min(count, rowFirst + cols));
                int p = r * width + (int) (from - rowFirst);
                if (verdicts) {
                    for (int id = from; id < to; id++) {
                        pixels[p++] = byBits[states[id] & 0xff];
                    }
                } else {
                    for (int id = from; id < to; id++) {
                        int t = threads[id];
                        pixels[p++] = t < 0 ? notSent : threadColors[t & threadMask];
                    }
                }
            }
            return;
        }

        for (int r = r0; r < rows; r++) {
            int y0 = r * cs;
            long rowFirst = first + (long) r * cols * ppc;
            for (int c = 0; c < cols; c++) {
                long a = rowFirst + c * ppc;
                if (a >= count) {
                    break;
                }
                long b = Math.min(count, a + ppc);
                if (b <= 0) {
                    continue;
                }
                int from = (int) Math.max(0, a);
                int color;
                if (verdicts) {
                    color = byBits[stateBits(states, from, (int) b)];
                } else {
                    int t = firstThread(threads, from, (int) b);
                    color = t < 0 ? notSent : threadColors[t & threadMask];
                }
                int x0 = c * cs;
                if (fill == 1) {
                    pixels[y0 * width + x0] = color;
                } else {
                    for (int dy = 0; dy < fill; dy++) {
                        int p = (y0 + dy) * width + x0;
                        Arrays.fill(pixels, p, p + fill, color);
                    }
                }
            }
        }
    }

    /**
     * Runs the paths of cells holding many packets (a 10,000,000-packet run's: about 40 per cell) until
     * the JIT has compiled them: the launch warm-up's runs are too small to reach them, and cold, the
     * first paint of such a run took the FX thread 30-90 ms. Pure; any thread. Returns a value only so
     * that the work is not optimised away.
     */
    static int warmUpDense() {
        byte[] states = new byte[1 << 16];
        short[] threads = new short[1 << 16];
        Arrays.fill(threads, (short) -1);
        int acc = 0;
        for (int round = 0; round < 64; round++) {
            for (int a = 0; a + 48 <= states.length; a += 48) {
                acc |= stateBits(states, a, a + 48);
                acc += firstThread(threads, a, a + 48);
            }
        }
        return acc;
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
