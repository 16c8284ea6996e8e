package dev.interleave.run;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What an outside sender's frames said of themselves, as the verifier decided them: packets and bytes
 * per thread index (the only per-thread facts this process can know of a sender it did not run), the
 * highest packet id, and whether every payload had one length. Thread indexes up to
 * {@link #MAX_THREADS} - 1 are kept per thread (as many as a sender report can name); frames of higher
 * indexes are counted in all, not per thread, so a peer's claims bound nothing here.
 *
 * <p>One writer: the connection's verifier thread ({@link #frame}); readers on any thread see each
 * count with acquire loads, a little late, never torn.
 */
final class FramesSeen {
    /** Thread indexes kept one by one: the sender report's limit. */
    static final int MAX_THREADS = SenderReport.MAX_THREADS;
    /** {@link #uniformPayload()} before any frame. */
    static final int NO_FRAME = 0;
    /** {@link #uniformPayload()} when frames had different payload lengths. */
    static final int MIXED = -1;

    private final AtomicLongArray packets = new AtomicLongArray(MAX_THREADS);
    private final AtomicLongArray bytes = new AtomicLongArray(MAX_THREADS);
    private volatile int maxThread = -1;
    private volatile long maxId = -1;
    private volatile long frames;
    private volatile long beyondThreads;
    /** The payload length every frame so far had; -2 before the first, {@link #MIXED} once they differ. */
    private volatile int payload = -2;

    /**
     * One frame decided (intact, torn or a duplicate): its id, its header's thread index (-1 when the
     * verifier never saw its header) and payload length (-1 when unknown). Writer thread only.
     */
    void frame(long packetId, int thread, int payloadLength) {
        frames = frames + 1;
        if (packetId > maxId) {
            maxId = packetId;
        }
        if (payloadLength >= 0) {
            int p = payload;
            payload = p == -2 || p == payloadLength ? payloadLength : MIXED;
        }
        if (thread < 0) {
            return;
        }
        if (thread >= MAX_THREADS) {
            beyondThreads = beyondThreads + 1;
            return;
        }
        if (payloadLength >= 0) {
            bytes.setRelease(thread, bytes.getPlain(thread) + WireFormat.frameLength(payloadLength));
        }
        packets.setRelease(thread, packets.getPlain(thread) + 1);
        if (thread > maxThread) {
            maxThread = thread;
        }
    }

    /**
     * Takes back a frame counted by {@link #frame} that turned out not to have been sent whole (a stopped
     * or broken stream cut it). Writer thread, or any once the writer has stopped.
     */
    void uncount(int thread, int payloadLength) {
        frames = frames - 1;
        if (thread >= 0 && thread < MAX_THREADS) {
            packets.setRelease(thread, packets.getPlain(thread) - 1);
            if (payloadLength >= 0) {
                bytes.setRelease(thread, bytes.getPlain(thread) - WireFormat.frameLength(payloadLength));
            }
        } else if (thread >= MAX_THREADS) {
            beyondThreads = beyondThreads - 1;
        }
    }

    /** Frames decided so far, duplicates included. Any thread. */
    long frames() {
        return frames;
    }

    /** The highest thread index kept per thread, -1 before the first. Any thread. */
    int maxThread() {
        return maxThread;
    }

    /** The highest packet id decided, -1 before the first. Any thread. */
    long maxId() {
        return maxId;
    }

    /** Frames whose thread index was {@link #MAX_THREADS} or more (counted, not kept per thread). Any thread. */
    long beyondThreads() {
        return beyondThreads;
    }

    /** Frames that thread {@code t} sent, by their headers. Any thread. */
    long packets(int t) {
        return t >= 0 && t < MAX_THREADS ? packets.getAcquire(t) : 0;
    }

    /** Frame bytes (header and payload) of thread {@code t}'s frames. Any thread. */
    long bytes(int t) {
        return t >= 0 && t < MAX_THREADS ? bytes.getAcquire(t) : 0;
    }

    /** The one payload length of every frame, {@link #NO_FRAME} before any, {@link #MIXED} when they differ. */
    int uniformPayload() {
        int p = payload;
        return p == -2 ? NO_FRAME : p;
    }
}
