package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import java.util.Locale;

/** Words for a hovered cell, and the packet a click on it means. Reads the mirror, never the engine's arrays. */
final class CellSummary {
    /** A thread-mode tooltip names at most this many senders. */
    private static final int TOP_THREADS = 3;

    private CellSummary() {
    }

    /** One packet: id, thread, verdict and partial sends (details may be null when unavailable). */
    static String ofPacket(PacketMirror m, long id, PacketDetails details) {
        int state = CellState.rankOf(m.states()[(int) id]);
        int thread = m.threads()[(int) id];
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Packet #%,d%n", id));
        sb.append(thread < 0 ? "not sent yet" : "thread " + thread);
        sb.append(" · ").append(CellState.LABELS[state]);
        if (details != null) {
            sb.append(String.format(Locale.ROOT, " · %,d partial send%s", details.partialSends(),
                    details.partialSends() == 1 ? "" : "s"));
            if (!details.splice().isEmpty()) {
                sb.append(System.lineSeparator()).append(details.splice());
            }
        }
        return sb.toString();
    }

    /** Several packets: the id range and how many have each state (and, in thread mode, the main senders). */
    static String ofRange(PacketMirror m, long from, long to, ColorMode mode) {
        long[] counts = new long[CellState.COUNT];
        byte[] states = m.states();
        for (int i = (int) from; i < to; i++) {
            counts[CellState.rankOf(states[i])]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Packets #%,d–#%,d (%,d)%n",
                from, to - 1, to - from));
        String sep = "";
        for (byte s : new byte[] {CellState.TORN, CellState.MISSING, CellState.DUPLICATE, CellState.PENDING,
                CellState.NOT_SENT, CellState.INTACT}) {
            if (counts[s] > 0) {
                sb.append(sep).append(String.format(Locale.ROOT, "%,d %s", counts[s], CellState.LABELS[s]));
                sep = " · ";
            }
        }
        if (mode == ColorMode.THREAD) {
            long[] perThread = new long[ThreadPalette.SIZE];
            short[] threads = m.threads();
            for (int i = (int) from; i < to; i++) {
                if (threads[i] >= 0) {
                    perThread[threads[i] % ThreadPalette.SIZE]++;
                }
            }
            sb.append(System.lineSeparator()).append("senders:");
            for (int k = 0; k < TOP_THREADS; k++) {
                int best = -1;
                for (int t = 0; t < perThread.length; t++) {
                    if (perThread[t] > 0 && (best < 0 || perThread[t] > perThread[best])) {
                        best = t;
                    }
                }
                if (best < 0) {
                    break;
                }
                sb.append(String.format(Locale.ROOT, " thread %d ×%,d", best, perThread[best]));
                perThread[best] = 0;
            }
        }
        return sb.toString();
    }

    /** The packet a click on a cell selects: its first worst packet, or its first sent packet. */
    static long representative(PacketMirror m, long from, long to, ColorMode mode) {
        if (mode == ColorMode.VERDICT) {
            byte[] states = m.states();
            byte worst = CellState.bit(GridPainter.worstState(states, (int) from, (int) to));
            for (int i = (int) from; i < to; i++) {
                if (states[i] == worst) {
                    return i;
                }
            }
        } else {
            short[] threads = m.threads();
            int t = GridPainter.firstThread(threads, (int) from, (int) to);
            for (int i = (int) from; i < to; i++) {
                if (threads[i] == t) {
                    return i;
                }
            }
        }
        return from;
    }
}
