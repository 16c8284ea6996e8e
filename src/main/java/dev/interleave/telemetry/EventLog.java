package dev.interleave.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An append-only log of partial-send events with one writer (the sending thread) and any number of
 * readers. Events live in primitive chunks allocated by the writer as it goes; the count is
 * published last with a release store, so a reader that reads the count with an acquire load sees
 * every event below it. Bounded: past {@code capacity} events are only counted.
 */
public final class EventLog {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIELDS = 4; // packetId, asked, written, nanos
    private static final VarHandle COUNT;
    private static final VarHandle DROPPED;
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(long[][].class);

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(EventLog.class, "count", int.class);
            DROPPED = MethodHandles.lookup().findVarHandle(EventLog.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[][] chunks;
    private final int capacity;
    private int count;
    private long dropped;

    EventLog(int capacity) {
        this.capacity = capacity;
        this.chunks = new long[(capacity + CHUNK - 1) / CHUNK][];
    }

    /** Appends one event. Writer thread only. */
    void add(long packetId, long asked, long written, long nanos) {
        int n = count;
        if (n >= capacity) {
            DROPPED.setRelease(this, dropped + 1);
            return;
        }
        int c = n >>> CHUNK_BITS;
        long[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new long[CHUNK * FIELDS];
            CHUNKS.setRelease(chunks, c, chunk);
        }
        int i = (n & (CHUNK - 1)) * FIELDS;
        chunk[i] = packetId;
        chunk[i + 1] = asked;
        chunk[i + 2] = written;
        chunk[i + 3] = nanos;
        COUNT.setRelease(this, n + 1);
    }

    /** Events readable now. Any thread. */
    public int count() {
        return (int) COUNT.getAcquire(this);
    }

    /** Events not kept because the log was full. Any thread. */
    public long dropped() {
        return (long) DROPPED.getAcquire(this);
    }

    /** Calls {@code visitor} for events {@code from} (inclusive) to {@code to} (exclusive, at most count()). Any thread. */
    public void forEach(int from, int to, EventVisitor visitor) {
        int end = Math.min(to, count());
        for (int n = Math.max(0, from); n < end; n++) {
            long[] chunk = (long[]) CHUNKS.getAcquire(chunks, n >>> CHUNK_BITS);
            int i = (n & (CHUNK - 1)) * FIELDS;
            visitor.event(chunk[i], chunk[i + 1], chunk[i + 2], chunk[i + 3]);
        }
    }

    /** Event {@code n} (below count()) of thread {@code thread}'s log. Any thread. */
    public PartialSendEvent get(int thread, int n) {
        java.util.Objects.checkIndex(n, count());
        long[] chunk = (long[]) CHUNKS.getAcquire(chunks, n >>> CHUNK_BITS);
        int i = (n & (CHUNK - 1)) * FIELDS;
        return new PartialSendEvent(thread, chunk[i], chunk[i + 1], chunk[i + 2], chunk[i + 3]);
    }

    /** Receives events without boxing them. */
    @FunctionalInterface
    public interface EventVisitor {
        void event(long packetId, long asked, long written, long nanos);
    }
}
