package dev.interleave.ui.grid;

import dev.interleave.run.PacketView;
import java.util.Arrays;

/**
 * The grid's own copy of the engine's per-packet state, in primitive arrays the painter reads without
 * touching the engine. Refreshed incrementally: each call copies at most a budget of packets, the
 * visible ones first, then the next stretch of a sweep over all of them, so 10,000,000 packets cost a
 * bounded slice per frame. A chunk whose packets all have their final verdict and thread is skipped by
 * most sweeps (verdicts only move forward). FX thread only.
 */
final class PacketMirror {
    /** Packets kept at most: 16,777,216, which costs 64 MB (verdict and state bytes, a thread short each). */
    static final int CAP = 1 << 24;
    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    /** Settled chunks are re-read once every this many sweeps. */
    private static final int SETTLED_RECHECK = 8;

    private PacketView view;
    private long viewSize;
    private int kept;
    private byte[] verdicts = new byte[0];
    private byte[] states = new byte[0];
    private short[] threads = new short[0];
    private boolean[] settled = new boolean[0];
    private int sweepChunk;
    private int sweeps;
    private int maxThread = -1;
    /** Mirrored packets whose state is torn (for the grid's torn marks). */
    private long tornPackets;
    /** Packets changed since {@link #takeChanged()}: [changedFrom, changedTo), empty when from >= to. */
    private int changedFrom = Integer.MAX_VALUE;
    private int changedTo;

    private final byte[] verdictScratch = new byte[CHUNK];
    private final short[] threadScratch = new short[CHUNK];

    /**
     * The per-packet copies for a source of {@code size} packets, allocated and filled as "not sent".
     * For a big run that is tens of megabytes of fresh memory, whose first touch cost the FX thread
     * 75-150 ms: a caller may make them on another thread and hand them to {@link #setSource}. Any thread.
     */
    static Copies copiesFor(long size) {
        long viewSize = Math.max(0, size);
        int kept = (int) Math.min(CAP, viewSize);
        byte[] verdicts = new byte[kept];
        Arrays.fill(verdicts, (byte) -1); // no verdict code: the first copy always differs
        byte[] states = new byte[kept];
        Arrays.fill(states, CellState.bit(CellState.NOT_SENT));
        short[] threads = new short[kept];
        Arrays.fill(threads, (short) -1);
        return new Copies(viewSize, verdicts, states, threads, new boolean[(kept + CHUNK - 1) >>> CHUNK_BITS]);
    }

    /** Fresh per-packet copies (see {@link #copiesFor}); used once. */
    record Copies(long viewSize, byte[] verdicts, byte[] states, short[] threads, boolean[] settled) {
    }

    /** Starts mirroring {@code source} (null clears): every packet starts as not sent. */
    void setSource(PacketView source) {
        setSource(source, null);
    }

    /**
     * As {@link #setSource(PacketView)}, with copies made beforehand for this source's size (null: make
     * them now; copies of another size are not used).
     */
    void setSource(PacketView source, Copies copies) {
        long size = source == null ? 0 : Math.max(0, source.size());
        Copies c = copies != null && copies.viewSize() == size ? copies : copiesFor(size);
        view = source;
        viewSize = c.viewSize();
        kept = c.states().length;
        verdicts = c.verdicts();
        states = c.states();
        threads = c.threads();
        settled = c.settled();
        sweepChunk = 0;
        sweeps = 0;
        maxThread = -1;
        tornPackets = 0;
        changedFrom = Integer.MAX_VALUE;
        changedTo = 0;
    }

    /** Lets go of the source but keeps the copies: the picture stays, with no details behind it. */
    void detach() {
        view = null;
    }

    boolean hasSource() {
        return view != null;
    }

    PacketView view() {
        return view;
    }

    /** Packets in the source (may exceed {@link #kept()}). */
    long viewSize() {
        return viewSize;
    }

    /** Packets mirrored: ids 0..kept-1. */
    int kept() {
        return kept;
    }

    /** One-hot state bits by packet id ({@link CellState#bit}). */
    byte[] states() {
        return states;
    }

    short[] threads() {
        return threads;
    }

    /** Highest thread index seen so far, -1 if none. */
    int maxThread() {
        return maxThread;
    }

    /** Mirrored packets whose state is torn now. */
    long tornPackets() {
        return tornPackets;
    }

    /** True when some packet changed since the last {@link #takeChanged()}. */
    boolean hasChanged() {
        return changedFrom < changedTo;
    }

    /** The packets changed since the last call, as {@code [from, to)} (empty if from >= to); clears them. */
    long takeChanged() {
        long r = ((long) changedFrom << 32) | changedTo;
        changedFrom = Integer.MAX_VALUE;
        changedTo = 0;
        return r;
    }

    /** As {@link #refresh(long, long, int, long)} with no time limit. */
    boolean refresh(long visibleFrom, long visibleTo, int budget) {
        return refresh(visibleFrom, visibleTo, budget, Long.MAX_VALUE);
    }

    /**
     * Copies at most about {@code budget} packets from the source, and stops early (between chunks) once
     * {@link System#nanoTime()} passes {@code deadline}; the sweep carries on next call. Returns true when
     * a packet in {@code [visibleFrom, visibleTo)} changed, i.e. when the visible picture needs a repaint.
     */
    boolean refresh(long visibleFrom, long visibleTo, int budget, long deadline) {
        if (view == null || kept == 0) {
            return false;
        }
        long vFrom = Math.max(0, visibleFrom);
        long vTo = Math.min(kept, visibleTo);
        boolean visibleChanged = false;
        int spent = 0;
        if (vTo > vFrom && vTo - vFrom <= budget / 2) {
            for (int c = (int) (vFrom >>> CHUNK_BITS); c <= (int) ((vTo - 1) >>> CHUNK_BITS); c++) {
                if (!settled[c]) {
                    spent += chunkLength(c);
                    visibleChanged |= copyChunk(c);
                }
            }
        }
        int chunks = settled.length;
        for (int i = 0; i < chunks && spent < budget && (spent == 0 || System.nanoTime() < deadline); i++) {
            int c = sweepChunk;
            if (++sweepChunk == chunks) {
                sweepChunk = 0;
                sweeps++;
            }
            if (settled[c] && sweeps % SETTLED_RECHECK != 0) {
                continue;
            }
            spent += chunkLength(c);
            if (copyChunk(c)) {
                long from = (long) c << CHUNK_BITS;
                visibleChanged |= from < vTo && from + chunkLength(c) > vFrom;
            }
        }
        return visibleChanged;
    }

    /**
     * Copies every chunk, settled or not, with no budget: once, when a run ends, so that the last
     * verdicts of a large run (millions of packets) are all shown. Returns true if anything changed.
     */
    boolean refreshAll() {
        boolean changed = false;
        for (int c = 0; view != null && c < settled.length; c++) {
            changed |= copyChunk(c);
        }
        return changed;
    }

    private int chunkLength(int c) {
        return Math.min(CHUNK, kept - (c << CHUNK_BITS));
    }

    /** Copies one chunk; returns true if any verdict or thread in it changed. */
    private boolean copyChunk(int c) {
        int off = c << CHUNK_BITS;
        int len = chunkLength(c);
        view.copyVerdicts(off, verdictScratch, 0, len);
        view.copyThreads(off, threadScratch, 0, len);
        // The usual case, nothing new: two vectorised compares and done.
        if (Arrays.mismatch(verdictScratch, 0, len, verdicts, off, off + len) < 0
                && Arrays.mismatch(threadScratch, 0, len, threads, off, off + len) < 0) {
            return false;
        }
        System.arraycopy(verdictScratch, 0, verdicts, off, len);
        System.arraycopy(threadScratch, 0, threads, off, len);
        boolean done = true;
        int maxT = maxThread;
        long torn = tornPackets;
        for (int i = 0; i < len; i++) {
            short t = threadScratch[i];
            byte s = CellState.of(verdictScratch[i], t);
            byte bit = CellState.bit(s);
            // (a verdict can go from torn back to pending: the verifier re-decides a packet)
            torn += (bit == CellState.TORN_BIT ? 1 : 0) - (states[off + i] == CellState.TORN_BIT ? 1 : 0);
            states[off + i] = bit;
            // Final: decided, and its sender is known (a verdict can land before the thread is logged).
            done &= (s == CellState.INTACT || s > CellState.PENDING) && (t >= 0 || s == CellState.MISSING);
            maxT = Math.max(maxT, t);
        }
        settled[c] = done;
        maxThread = maxT;
        tornPackets = torn;
        changedFrom = Math.min(changedFrom, off);
        changedTo = Math.max(changedTo, off + len);
        return true;
    }
}
