package dev.interleave.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * All the sender-side instruments of one run: a recorder per sending thread and the per-packet log.
 * Built on the control thread before the sending threads start; read by any thread.
 */
public final class SenderTelemetry {
    /** Partial-send events kept in all (32 bytes each: 128 MiB at most); past it they are only counted. */
    public static final int EVENT_BUDGET = 1 << 22;

    /** The share of {@link #EVENT_BUDGET} each of {@code threads} threads keeps (at least 16,384). */
    public static int eventsPerThread(int threads) {
        return Math.max(1 << 14, EVENT_BUDGET / Math.max(1, threads));
    }

    private final ThreadRecorder[] recorders;
    private final PacketLog packets;
    private volatile long startNanos;
    private volatile long endNanos;

    /**
     * @param threads          sending threads
     * @param trackedPackets   packet ids kept in the per-packet log
     * @param eventsPerThread  partial-send events kept per thread
     */
    public SenderTelemetry(int threads, long trackedPackets, int eventsPerThread) {
        this(threads, new PacketLog(trackedPackets), eventsPerThread);
    }

    /** Instruments over a given packet log (a test's, to watch the order of writes). */
    SenderTelemetry(int threads, PacketLog packets, int eventsPerThread) {
        recorders = new ThreadRecorder[threads];
        for (int t = 0; t < threads; t++) {
            recorders[t] = new ThreadRecorder(t, this, eventsPerThread);
        }
        this.packets = packets;
        startNanos = System.nanoTime();
    }

    /** Marks the moment the start gate opened. Control thread, before the gate opens. */
    public void markStart() {
        startNanos = System.nanoTime();
    }

    /** Marks the moment the last sending thread finished. Control thread. */
    public void markEnd() {
        if (endNanos == 0) { // the first mark is the end of sending; later ones (after verifying) are not
            endNanos = System.nanoTime();
        }
    }

    /** {@link System#nanoTime()} when the start gate opened. Any thread. */
    public long startNanos() {
        return startNanos;
    }

    /** Nanoseconds from the start gate to the end (or to now, while sending). Any thread. */
    public long elapsedNanos() {
        long end = endNanos;
        return (end != 0 ? end : System.nanoTime()) - startNanos;
    }

    /** Number of sending threads. Any thread. */
    public int threads() {
        return recorders.length;
    }

    /** The recorder of sending thread {@code t}; only that thread records into it. */
    public ThreadRecorder thread(int t) {
        return recorders[t];
    }

    /** The per-packet log. Any thread. */
    public PacketLog packets() {
        return packets;
    }

    /** The counters of every thread, now. Any thread; costs one pass over the threads, no lock. */
    public TelemetrySnapshot snapshot() {
        List<ThreadSnapshot> list = new ArrayList<>(recorders.length);
        for (ThreadRecorder r : recorders) {
            list.add(r.snapshot());
        }
        return new TelemetrySnapshot(elapsedNanos(), list);
    }

    /**
     * Every partial-send event kept so far, in thread order then time order: a read-only view over the
     * threads' logs (events are materialised one at a time, so millions of them cost no extra heap).
     * The view is fixed to the events readable when it is made. Any thread.
     */
    public List<PartialSendEvent> events() {
        int[] ends = new int[recorders.length];
        int total = 0;
        for (int t = 0; t < recorders.length; t++) {
            total += recorders[t].events().count();
            ends[t] = total;
        }
        int size = total;
        return new java.util.AbstractList<>() {
            @Override
            public PartialSendEvent get(int index) {
                java.util.Objects.checkIndex(index, size);
                int t = java.util.Arrays.binarySearch(ends, index + 1);
                if (t < 0) {
                    t = -t - 1;
                }
                while (t > 0 && ends[t - 1] > index) {
                    t--;
                }
                int local = index - (t == 0 ? 0 : ends[t - 1]);
                return recorders[t].events().get(t, local);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
