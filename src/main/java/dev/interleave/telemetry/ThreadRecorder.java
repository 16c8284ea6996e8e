package dev.interleave.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters and partial-send events of ONE sending thread. Only that thread calls the recording
 * methods; any thread may read. No lock, no shared write: a shared lock here would serialise the
 * sends and hide the very interleaving the lab measures (design.md, invariant 1). Counters are
 * published with release stores and read with acquire loads, which cost a plain store on x86.
 */
public final class ThreadRecorder {
    private static final VarHandle PACKETS;
    private static final VarHandle BYTES;
    private static final VarHandle CALLS;
    private static final VarHandle PARTIALS;
    private static final VarHandle WOULD_BLOCKS;
    private static final VarHandle REJECTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PACKETS = l.findVarHandle(ThreadRecorder.class, "packets", long.class);
            BYTES = l.findVarHandle(ThreadRecorder.class, "bytes", long.class);
            CALLS = l.findVarHandle(ThreadRecorder.class, "sendCalls", long.class);
            PARTIALS = l.findVarHandle(ThreadRecorder.class, "partialSends", long.class);
            WOULD_BLOCKS = l.findVarHandle(ThreadRecorder.class, "wouldBlocks", long.class);
            REJECTED = l.findVarHandle(ThreadRecorder.class, "rejectedWrites", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Padding keeps two threads' counters off one cache line (false sharing would slow the senders).
    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6, p7;
    private long packets;
    private long bytes;
    private long sendCalls;
    private long partialSends;
    private long wouldBlocks;
    private long rejectedWrites;
    // Owner-only state: no publication needed.
    private long packetStartNanos;
    private long partialsAtPacketStart;
    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    private final int thread;
    private final SenderTelemetry owner;
    private final EventLog events;

    ThreadRecorder(int thread, SenderTelemetry owner, int maxEvents) {
        this.thread = thread;
        this.owner = owner;
        this.events = new EventLog(maxEvents);
    }

    /** The index of the thread this recorder belongs to. Any thread. */
    public int thread() {
        return thread;
    }

    /** Marks the start of one packet's send. Owner thread only. */
    public void beginPacket(long packetId) {
        packetStartNanos = System.nanoTime();
        partialsAtPacketStart = partialSends;
    }

    /**
     * Marks the end of one packet's send: the whole frame has been written. The packet's log entry is
     * written first and the count published after it (a release store): a reader that sees the count
     * (an acquire load) sees the entry too, never a counted packet without its entry. Owner thread only.
     */
    public void endPacket(long packetId) {
        long end = System.nanoTime();
        owner.packets().record(packetId, thread, packetStartNanos - owner.startNanos(),
                end - packetStartNanos, partialSends - partialsAtPacketStart);
        PACKETS.setRelease(this, packets + 1);
    }

    /**
     * Records one send call that was asked to write {@code asked} bytes and wrote {@code written}.
     * A call that wrote some but not all is a partial send, and gets an event; a call that wrote
     * nothing (a non-blocking socket with a full buffer) is counted as a would-block. Owner thread.
     */
    public void sendCall(long packetId, long asked, long written) {
        CALLS.setRelease(this, sendCalls + 1);
        if (written > 0) {
            BYTES.setRelease(this, bytes + written);
        }
        if (written <= 0 && asked > 0) {
            WOULD_BLOCKS.setRelease(this, wouldBlocks + 1);
        } else if (written < asked) {
            PARTIALS.setRelease(this, partialSends + 1);
            events.add(packetId, asked, written, System.nanoTime() - owner.startNanos());
        }
    }

    /** Records a write that the API refused because another was pending (async channel). Owner thread. */
    public void rejectedWrite(long packetId) {
        REJECTED.setRelease(this, rejectedWrites + 1);
    }

    /** Packets this thread has finished. Any thread. */
    public long packets() {
        return (long) PACKETS.getAcquire(this);
    }

    /** Bytes this thread's send calls wrote. Any thread. */
    public long bytes() {
        return (long) BYTES.getAcquire(this);
    }

    /** Send calls made. Any thread. */
    public long sendCalls() {
        return (long) CALLS.getAcquire(this);
    }

    /** Send calls that wrote fewer bytes than asked (but more than none). Any thread. */
    public long partialSends() {
        return (long) PARTIALS.getAcquire(this);
    }

    /** Send calls that wrote nothing because the socket would block. Any thread. */
    public long wouldBlocks() {
        return (long) WOULD_BLOCKS.getAcquire(this);
    }

    /** Writes refused because another was pending. Any thread. */
    public long rejectedWrites() {
        return (long) REJECTED.getAcquire(this);
    }

    /** This thread's partial-send events. Any thread may read them. */
    public EventLog events() {
        return events;
    }

    /** An immutable copy of the counters. Any thread. */
    public ThreadSnapshot snapshot() {
        return new ThreadSnapshot(thread, packets(), bytes(), sendCalls(), partialSends(), wouldBlocks(),
                rejectedWrites(), events.count(), events.dropped());
    }
}
