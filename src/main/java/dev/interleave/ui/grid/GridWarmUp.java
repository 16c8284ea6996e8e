package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.verify.Verdict;
import java.util.List;

/**
 * Has the JIT compile the grid's copy and paint paths before a person's first run, over made-up
 * packets: cold, the first setSource of a 1,000,000-packet run takes the FX thread 270 ms, and without
 * an AOT cache the JIT compiles the painter during the first run (grid turns of 76-109 ms).
 * Pure work on arrays; see each method for its thread.
 */
final class GridWarmUp {
    private GridWarmUp() {
    }

    /**
     * Runs {@code grid}'s own copy and paint paths a few times over made-up packets and clears them
     * again. Both sides of the torn marks: a few torn packets (marked), then many (not): compiled without
     * the first, the painter hits an uncommon trap at a run's first torn packet and runs deoptimised for
     * a second. FX thread.
     */
    static void warmUp(PacketGrid grid) {
        for (boolean fewTorn : new boolean[] {true, false}) {
            grid.setSource(new WarmUpView(fewTorn, 1 << 20));
            for (int i = 0; i < 4; i++) {
                grid.flush();
                grid.repaint();
            }
        }
        grid.setSource(null);
    }

    /**
     * The mirror's copy and the painter's paths in small grids of this method's own: one-pixel columns
     * of one packet and of 40 (a 10,000,000-packet run's), cells one or two pixels wide of one packet and
     * of a few, big cells with gaps; both colour modes, torn marks on and off, whole and partial repaints.
     * Touches no grid: any thread (the worker, at launch).
     */
    static void warmUpPainter() {
        int[] colors = new int[CellState.COUNT];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = 0xff000000 | (i * 0x203040);
        }
        int[] palette = ThreadPalette.argb();
        GridGeometry g = new GridGeometry();
        PacketMirror m = new PacketMirror();
        // width, height, packets
        int[][] shapes = {{64, 32, 2_048}, {64, 32, 2_000}, {64, 32, 9_000}, {64, 32, 81_920}, {64, 32, 60}};
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
     * Made-up packets: every verdict, a few threads, some not sent yet; with {@code fewTorn}, mostly
     * intact and one torn packet in 50,000 (at least one: few enough to be marked, {@link GridPainter#marksOn}).
     */
    private record WarmUpView(boolean fewTorn, long size) implements PacketView {
        private static final byte INTACT = Verdict.INTACT.code();
        private static final byte TORN = Verdict.TORN.code();
        private static final byte PENDING = Verdict.PENDING.code();

        @Override
        public void copyVerdicts(long from, byte[] dst, int off, int len) {
            for (int k = 0; k < len; k++) {
                long id = from + k;
                dst[off + k] = notSent(id) || id % 13 == 5 ? PENDING // as in a run going on
                        : fewTorn ? (id % 50_000 == 7 ? TORN : INTACT) : (byte) (id % 5);
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
        public PacketDetails details(long packetId) {
            return new PacketDetails(packetId, -1, Verdict.PENDING, 0, 0, 0, "", List.of());
        }
    }
}
