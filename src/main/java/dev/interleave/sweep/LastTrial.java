package dev.interleave.sweep;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.run.RunResult;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.Verdict;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A cell's last trial, kept so the window can open it in the lab views (its grid, its splices, its
 * partial sends) without keeping the engine behind it. A run's own result reads the run's verdict
 * board and sender logs, which are sized for a live run (a board chunk alone is 1.5 MB, an event log
 * chunk 128 KiB per thread); this copy keeps the same figures in arrays sized to the trial, about
 * 12 bytes a packet, so the last trials of a few hundred cells fit in the window.
 */
public final class LastTrial {
    /** Per-packet state is copied for trials up to this many packets; a larger trial keeps only its counts. */
    public static final long MAX_PACKETS = 2_000_000;
    /** Torn packets whose splice details are kept (the counts stay exact); the grid marks at most 2,048. */
    public static final int MAX_TORN_DETAILS = 2_048;
    /** Partial-send events kept, shared evenly by the threads (the counts stay exact). */
    public static final int MAX_EVENTS = 16_384;
    private static final int CHUNK = 64 * 1024;

    private LastTrial() {
    }

    /**
     * A copy of {@code r} that holds no reference to its run: the same counts, its per-packet state in
     * compact arrays (none past {@link #MAX_PACKETS}), at most {@link #MAX_TORN_DETAILS} splice details
     * and {@link #MAX_EVENTS} events. Call after the run ended; any thread.
     */
    public static RunResult compact(RunResult r) {
        List<TornPacket> torn = r.torn().size() <= MAX_TORN_DETAILS ? r.torn()
                : r.torn().subList(0, MAX_TORN_DETAILS);
        Events events = Events.copyOf(r.events(), r.config().threads(), MAX_EVENTS);
        PacketView view = r.packets();
        PacketView packets = view == null || view.size() > MAX_PACKETS ? null : Packets.copyOf(view, torn, events);
        return new RunResult(r.config(), r.environment(), r.startedAt(), r.seconds(), r.outcome(), r.failure(),
                r.sender(), r.verdicts(), r.verdictsKnown(), r.bytesSent(), r.bytesReceived(), r.unattributedBytes(),
                torn, events, r.problems(), packets, r.senderReport());
    }

    /** Partial-send events in primitive arrays, in the order of the run's list (thread, then time). */
    static final class Events extends AbstractList<PartialSendEvent> implements RandomAccess {
        private final int[] thread;
        private final long[] packetId;
        private final long[] asked;
        private final long[] written;
        private final long[] nanos;

        private Events(int n) {
            thread = new int[n];
            packetId = new long[n];
            asked = new long[n];
            written = new long[n];
            nanos = new long[n];
        }

        /** Every event when they fit in {@code max}; else each thread's first {@code max / threads}. */
        static Events copyOf(List<PartialSendEvent> all, int threads, int max) {
            int perThread = all.size() <= max ? Integer.MAX_VALUE : Math.max(1, max / Math.max(1, threads));
            int[] taken = new int[Math.max(1, threads)];
            List<PartialSendEvent> kept = new ArrayList<>(Math.min(all.size(), max));
            for (int i = 0; i < all.size() && kept.size() < max; i++) {
                PartialSendEvent e = all.get(i);
                int t = Math.floorMod(e.thread(), taken.length);
                if (taken[t]++ < perThread) {
                    kept.add(e);
                }
            }
            Events out = new Events(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                PartialSendEvent e = kept.get(i);
                out.thread[i] = e.thread();
                out.packetId[i] = e.packetId();
                out.asked[i] = e.asked();
                out.written[i] = e.written();
                out.nanos[i] = e.nanos();
            }
            return out;
        }

        @Override
        public PartialSendEvent get(int i) {
            java.util.Objects.checkIndex(i, thread.length);
            return new PartialSendEvent(thread[i], packetId[i], asked[i], written[i], nanos[i]);
        }

        @Override
        public int size() {
            return thread.length;
        }

        List<PartialSendEvent> of(long id) {
            List<PartialSendEvent> out = new ArrayList<>();
            for (int i = 0; i < packetId.length; i++) {
                if (packetId[i] == id) {
                    out.add(get(i));
                }
            }
            return List.copyOf(out);
        }
    }

    /** A finished run's per-packet state, copied into arrays of its size. Immutable; any thread. */
    static final class Packets implements PacketView {
        private final byte[] verdicts;
        private final short[] threads;
        private final int[] startMicros;
        private final int[] durationMicros;
        private final byte[] partials;
        private final Map<Long, TornPacket> torn = new HashMap<>();
        private final Events events;

        private Packets(int n, List<TornPacket> torn, Events events) {
            verdicts = new byte[n];
            threads = new short[n];
            startMicros = new int[n];
            durationMicros = new int[n];
            partials = new byte[n];
            for (TornPacket t : torn) {
                this.torn.putIfAbsent(t.packetId(), t);
            }
            this.events = events;
        }

        static Packets copyOf(PacketView view, List<TornPacket> torn, Events events) {
            int n = (int) view.size();
            Packets p = new Packets(n, torn, events);
            for (int from = 0; from < n; from += CHUNK) {
                int len = Math.min(CHUNK, n - from);
                view.copyVerdicts(from, p.verdicts, from, len);
                view.copyThreads(from, p.threads, from, len);
            }
            for (int id = 0; id < n; id++) {
                p.startMicros[id] = (int) Math.min(Integer.MAX_VALUE, view.startMicros(id));
                p.durationMicros[id] = (int) Math.min(Integer.MAX_VALUE, view.durationMicros(id));
                p.partials[id] = (byte) Math.min(127, view.partialSends(id));
            }
            return p;
        }

        @Override
        public long size() {
            return verdicts.length;
        }

        @Override
        public void copyVerdicts(long from, byte[] dst, int off, int len) {
            System.arraycopy(verdicts, Math.toIntExact(from), dst, off, len);
        }

        @Override
        public void copyThreads(long from, short[] dst, int off, int len) {
            System.arraycopy(threads, Math.toIntExact(from), dst, off, len);
        }

        @Override
        public long startMicros(long id) {
            return startMicros[Math.toIntExact(id)];
        }

        @Override
        public long durationMicros(long id) {
            return durationMicros[Math.toIntExact(id)];
        }

        @Override
        public int partialSends(long id) {
            return partials[Math.toIntExact(id)];
        }

        @Override
        public PacketDetails details(long id) {
            int i = Math.toIntExact(id);
            Verdict v = Verdict.ofCode(verdicts[i]);
            String splice = "";
            if (v == Verdict.TORN) {
                TornPacket t = torn.get(id);
                splice = t != null ? t.describe() : "torn (details past the bound kept for a sweep were not kept)";
            }
            return new PacketDetails(id, threads[i], v, startMicros[i], durationMicros[i], partials[i], splice,
                    partials[i] > 0 ? events.of(id) : List.of());
        }
    }
}
