package dev.interleave.telemetry;

/**
 * Per-packet send facts in primitive arrays (design.md, invariant 5): which thread sent it, when its
 * send began (microseconds after the start gate), how long it took, and how many partial sends it
 * needed. Each packet id is written once, by the thread that sent it, so no two threads write the
 * same element; readers see a racy but eventually complete picture, and the whole picture once the
 * sending threads are joined. Ids at or above {@link #capacity()} are not kept.
 */
public class PacketLog {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Marks a packet nobody has sent (yet). */
    public static final short NO_THREAD = -1;

    private final long capacity;
    private final short[][] thread;
    private final int[][] startMicros;
    private final int[][] durationMicros;
    private final byte[][] partials;

    /** A log for packet ids {@code 0..capacity-1}. */
    public PacketLog(long capacity) {
        this.capacity = capacity;
        int chunks = (int) ((capacity + CHUNK - 1) >>> CHUNK_BITS);
        thread = new short[chunks][];
        startMicros = new int[chunks][];
        durationMicros = new int[chunks][];
        partials = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            int size = (int) Math.min(CHUNK, capacity - ((long) c << CHUNK_BITS));
            thread[c] = new short[size];
            java.util.Arrays.fill(thread[c], NO_THREAD);
            startMicros[c] = new int[size];
            durationMicros[c] = new int[size];
            partials[c] = new byte[size];
        }
    }

    /** Packet ids this log keeps. Any thread. */
    public long capacity() {
        return capacity;
    }

    /** Writes the entry of {@code packetId}; its sending thread only (the package's recorder). */
    void record(long packetId, int threadIndex, long startNanos, long durationNanos, long partialSends) {
        if (packetId < 0 || packetId >= capacity) {
            return;
        }
        int c = (int) (packetId >>> CHUNK_BITS);
        int i = (int) (packetId & (CHUNK - 1));
        startMicros[c][i] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, startNanos / 1000));
        durationMicros[c][i] = (int) Math.min(Integer.MAX_VALUE, durationNanos / 1000);
        partials[c][i] = (byte) Math.min(127, partialSends);
        // Plain stores: a reader during the run may see the thread a moment before the timing; after the
        // sending threads are joined every field is visible.
        thread[c][i] = (short) threadIndex;
    }

    /** The thread that sent {@code packetId}, or {@link #NO_THREAD}. Any thread. */
    public int thread(long packetId) {
        if (packetId < 0 || packetId >= capacity) {
            return NO_THREAD;
        }
        return thread[(int) (packetId >>> CHUNK_BITS)][(int) (packetId & (CHUNK - 1))];
    }

    /** When the send of {@code packetId} began, in microseconds after the start gate. Any thread. */
    public int startMicros(long packetId) {
        return startMicros[(int) (packetId >>> CHUNK_BITS)][(int) (packetId & (CHUNK - 1))];
    }

    /** How long the send of {@code packetId} took, in microseconds. Any thread. */
    public int durationMicros(long packetId) {
        return durationMicros[(int) (packetId >>> CHUNK_BITS)][(int) (packetId & (CHUNK - 1))];
    }

    /** Partial sends that {@code packetId} needed (saturates at 127). Any thread. */
    public int partialSends(long packetId) {
        return partials[(int) (packetId >>> CHUNK_BITS)][(int) (packetId & (CHUNK - 1))];
    }

    /**
     * Copies the sending threads of ids {@code from..from+len-1} into {@code dst} ({@link #NO_THREAD}
     * past the capacity), one array copy per chunk: the grid pulls these every frame. Any thread.
     */
    public void copyThreads(long from, short[] dst, int off, int len) {
        int done = 0;
        while (done < len) {
            long id = from + done;
            if (id < 0 || id >= capacity) {
                java.util.Arrays.fill(dst, off + done, off + len, NO_THREAD);
                return;
            }
            int c = (int) (id >>> CHUNK_BITS);
            int i = (int) (id & (CHUNK - 1));
            int n = Math.min(len - done, thread[c].length - i);
            System.arraycopy(thread[c], i, dst, off + done, n);
            done += n;
        }
    }
}
