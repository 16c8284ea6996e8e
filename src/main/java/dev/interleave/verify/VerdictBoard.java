package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The verdicts of one run, aggregated from any number of verifiers (one per connection) while the UI
 * reads them live. Per-packet state lives in primitive chunks ({@link #SMALL_CHUNK_BITS} or
 * {@link #LARGE_CHUNK_BITS}) allocated only for id ranges seen: 10,000,000 packets take about 30 MB (a
 * verdict byte and a thread short each). Chunks are drawn from a {@link Budget} of bytes: a peer that
 * claims ids far apart gets chunks until the budget says no, and events in a refused range are
 * counted as untracked, never stored. Ids never seen cost nothing, even once sealed as missing.
 *
 * <p>Thread-safe: the {@link VerdictSink} methods may be called from any number of verifier
 * threads at once; readers may call any reader from any thread at any time (per-packet reads are
 * racy-but-safe: a reader sees a verdict a little late, never a torn value).
 */
public final class VerdictBoard implements VerdictSink {
    /** Chunks of 65,536 ids: a small board (a server's connection, a test) costs little. */
    public static final int SMALL_CHUNK_BITS = 16;
    /**
     * Chunks of 524,288 ids, for the board of a run in a long-lived process (the window): with G1's
     * 1 MB regions (heaps up to 2 GB) they are allocated outside the young generation, so young pauses
     * do not copy a growing run's verdicts (20-68 ms pauses in a 10,000,000-packet run with small
     * chunks, 8-15 ms with these), at the price of region slack (~60 MB of heap for 10,000,000 ids).
     */
    public static final int LARGE_CHUNK_BITS = 19;
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle SHORTS = MethodHandles.arrayElementVarHandle(short[].class);

    private record Chunk(byte[] verdicts, short[] threads) {
    }

    /** The slot of a range the budget refused: its events are counted as untracked, for good. */
    private static final Chunk REFUSED = new Chunk(new byte[0], new short[0]);

    /** Listener for verdict changes (the back channel uses it); called on the thread that changed it. */
    @FunctionalInterface
    public interface VerdictListener {
        void changed(long packetId, Verdict verdict, int thread);
    }

    /** Reader callback of {@link #forEachVerdict}. */
    @FunctionalInterface
    public interface VerdictConsumer {
        void accept(long packetId, Verdict verdict);
    }

    private final VerifierLimits limits;
    private final int chunkBits;
    private final int chunkSize;
    private final AtomicReferenceArray<Chunk> chunks;
    private final LongAdder[] counts = new LongAdder[Verdict.values().length];
    private final LongAdder received = new LongAdder(), hello = new LongAdder(), whole = new LongAdder(),
            pieces = new LongAdder(), report = new LongAdder(), unattributable = new LongAdder();
    private final LongAdder[] problemCounts = new LongAdder[StreamProblem.Kind.values().length];
    private final List<StreamProblem> problems = new ArrayList<>();
    private final List<TornPacket> torn = new ArrayList<>();
    private final LongAdder untracked = new LongAdder();
    private final LongAdder allocated = new LongAdder();
    private final AtomicReference<Hello> firstHello = new AtomicReference<>();
    private final AtomicLong expected = new AtomicLong();
    /** Ids below this were sealed: a never-seen one is MISSING without a chunk. */
    private final AtomicLong sealedBelow = new AtomicLong();
    private final Budget memory;
    private final int chunkBytes;
    private volatile VerdictListener listener;

    /** A board with default limits. Any thread. */
    public VerdictBoard() {
        this(VerifierLimits.defaults());
    }

    /** A board bounded by {@code limits} (maxPackets, maxTornDetails, maxProblemDetails). Any thread. */
    public VerdictBoard(VerifierLimits limits) {
        this(limits, SMALL_CHUNK_BITS);
    }

    /** Refuses a chunk size a board cannot use: 2^12 to 2^24 ids. Any thread. */
    public static void checkChunkBits(int chunkBits) {
        if (chunkBits < 12 || chunkBits > 24) {
            throw new IllegalArgumentException("chunkBits must be 12..24: " + chunkBits);
        }
    }

    /** As {@link #VerdictBoard(VerifierLimits)}, storing ids in chunks of 2^chunkBits (12-24). Any thread. */
    public VerdictBoard(VerifierLimits limits, int chunkBits) {
        this(limits, chunkBits, Budget.UNLIMITED);
    }

    /**
     * As {@link #VerdictBoard(VerifierLimits, int)}, taking every chunk's bytes ({@link #chunkBytes})
     * from {@code memory} first. Any thread.
     */
    public VerdictBoard(VerifierLimits limits, int chunkBits, Budget memory) {
        checkChunkBits(chunkBits);
        this.limits = limits;
        this.chunkBits = chunkBits;
        this.chunkSize = 1 << chunkBits;
        this.chunkBytes = chunkSize * (Byte.BYTES + Short.BYTES);
        this.memory = memory;
        this.chunks = new AtomicReferenceArray<>((int) ((limits.maxPackets() + chunkSize - 1) >>> chunkBits));
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        for (int i = 0; i < problemCounts.length; i++) {
            problemCounts[i] = new LongAdder();
        }
    }

    /** Sets the one listener told about every verdict change (null: none). Any thread, before feeding. */
    public void listener(VerdictListener l) {
        this.listener = l;
    }

    // ------------------------------------------------------------ sink (verifier threads)

    /** Keeps the first Hello (several connections of one run share it). Any thread. */
    @Override
    public void hello(Hello h) {
        if (firstHello.compareAndSet(null, h)) {
            expected.accumulateAndGet(h.expectedPackets(), Math::max);
        }
    }

    /** INTACT the first time, DUPLICATE after; a torn packet stays torn. Any thread. */
    @Override
    public void packetWhole(long packetId, int thread, int payloadLength) {
        Chunk c = chunkFor(packetId, true);
        if (c == null) {
            return;
        }
        int i = (int) (packetId & (chunkSize - 1));
        SHORTS.setOpaque(c.threads, i, (short) thread);
        while (true) {
            byte old = (byte) BYTES.getVolatile(c.verdicts, i);
            Verdict o = Verdict.ofCode(old);
            Verdict n = switch (o) {
                case PENDING, MISSING -> Verdict.INTACT;
                case INTACT, DUPLICATE -> Verdict.DUPLICATE;
                case TORN -> Verdict.TORN;
            };
            if (n == o && o != Verdict.DUPLICATE) {
                return;
            }
            if (BYTES.compareAndSet(c.verdicts, i, old, n.code())) {
                moved(packetId, o, n, thread);
                return;
            }
        }
    }

    /** TORN wins over everything; keeps the details while under the bound. Any thread. */
    @Override
    public void packetTorn(TornPacket t) {
        applyVerdict(t.packetId(), Verdict.TORN, t.thread());
        synchronized (torn) {
            if (torn.size() < limits.maxTornDetails()) {
                torn.add(t);
            }
        }
    }

    /**
     * Takes back the TORN verdict of a packet that a stopped run cut off: its stream ended inside it
     * and nothing else was spliced into it, so it was not torn, only not sent whole. It becomes PENDING
     * (not sent) and leaves the torn list. Returns whether it changed. Call after every verifier of the
     * run finished; any thread.
     */
    public boolean revertCut(TornPacket t) {
        boolean cutOnly = !t.complete() && !t.truncated()
                && t.segments().stream().allMatch(s -> s.kind() == SpliceSegment.Kind.SELF);
        Chunk c = cutOnly ? chunkFor(t.packetId(), false) : null;
        if (c == null) {
            return false;
        }
        int i = (int) (t.packetId() & (chunkSize - 1));
        if (!BYTES.compareAndSet(c.verdicts, i, Verdict.TORN.code(), Verdict.PENDING.code())) {
            return false;
        }
        counts[Verdict.TORN.ordinal()].decrement();
        synchronized (torn) {
            torn.remove(t);
        }
        return true;
    }

    /** Counts it; keeps the first few. Any thread. */
    @Override
    public void problem(StreamProblem p) {
        problemCounts[p.kind().ordinal()].increment();
        synchronized (problems) {
            if (problems.size() < limits.maxProblemDetails()) {
                problems.add(p);
            }
        }
    }

    /** Adds a byte-account delta. Any thread. */
    @Override
    public void bytes(ByteAccount d) {
        received.add(d.received());
        hello.add(d.hello());
        whole.add(d.wholeFrames());
        pieces.add(d.pieces());
        report.add(d.report());
        unattributable.add(d.unattributable());
    }

    /**
     * Merges a verdict decided elsewhere (the back channel): the higher rank wins
     * (torn > duplicate > intact > missing > pending). A thread of -1 keeps the known thread. Any thread.
     */
    public void applyVerdict(long packetId, Verdict v, int thread) {
        Chunk c = chunkFor(packetId, v != Verdict.PENDING);
        if (c == null) {
            return;
        }
        int i = (int) (packetId & (chunkSize - 1));
        if (thread >= 0) {
            SHORTS.setOpaque(c.threads, i, (short) thread);
        }
        while (true) {
            byte old = (byte) BYTES.getVolatile(c.verdicts, i);
            Verdict o = Verdict.ofCode(old);
            if (o.rank() >= v.rank()) {
                return;
            }
            if (BYTES.compareAndSet(c.verdicts, i, old, v.code())) {
                moved(packetId, o, v, thread);
                return;
            }
        }
    }

    /** Adds byte counts and problem counts that arrived in a summary (the back channel). Any thread. */
    void addProblemCount(StreamProblem.Kind kind, long n) {
        problemCounts[kind.ordinal()].add(n);
    }

    /**
     * The end of the run: ids below {@code expectedPackets} never seen become MISSING. Ranges never
     * seen are counted, not allocated, so a claim of 2^32 packets costs nothing; ranges the budget
     * refused stay PENDING (nobody knows). Call once all verifiers finished (their incomplete packets
     * were already reported torn). Any thread, but not while a verifier still feeds this board.
     */
    public void seal(long expectedPackets) {
        expected.accumulateAndGet(expectedPackets, Math::max);
        long n = Math.min(expectedPackets, limits.maxPackets());
        long before = sealedBelow.getAndAccumulate(n, Math::max);
        for (long base = 0; base < n; base += chunkSize) {
            Chunk c = chunks.get((int) (base >>> chunkBits));
            int m = (int) Math.min(chunkSize, n - base);
            if (c == null) {
                long from = Math.max(base, before);
                if (from < base + m) {
                    counts[Verdict.MISSING.ordinal()].add(base + m - from);
                }
            } else if (c != REFUSED) {
                for (int i = 0; i < m; i++) {
                    if ((byte) BYTES.getVolatile(c.verdicts, i) == Verdict.PENDING.code()
                            && BYTES.compareAndSet(c.verdicts, i, Verdict.PENDING.code(), Verdict.MISSING.code())) {
                        moved(base + i, Verdict.PENDING, Verdict.MISSING, -1);
                    }
                }
            }
        }
    }

    private void moved(long id, Verdict from, Verdict to, int thread) {
        if (from != Verdict.PENDING) {
            counts[from.ordinal()].decrement();
        }
        counts[to.ordinal()].increment();
        VerdictListener l = listener;
        if (l != null) {
            l.changed(id, to, thread);
        }
    }

    private Chunk chunkFor(long id, boolean create) {
        if (id < 0 || id >= limits.maxPackets()) {
            if (create) {
                untracked.increment();
            }
            return null;
        }
        int ci = (int) (id >>> chunkBits);
        Chunk c = chunks.get(ci);
        if (c == null && create) {
            c = newChunk(ci);
        }
        if (c == REFUSED) {
            if (create) {
                untracked.increment();
            }
            return null;
        }
        return c;
    }

    private Chunk newChunk(int ci) {
        if (!memory.tryTake(chunkBytes)) {
            Chunk c = chunks.compareAndExchange(ci, null, REFUSED);
            return c == null ? REFUSED : c;
        }
        Chunk fresh = new Chunk(new byte[chunkSize], new short[chunkSize]);
        // A range first seen after the seal: its ids below the sealed bound were counted missing.
        long base = (long) ci << chunkBits;
        long sealed = sealedBelow.get();
        if (sealed > base) {
            java.util.Arrays.fill(fresh.verdicts, 0, (int) Math.min(chunkSize, sealed - base), Verdict.MISSING.code());
        }
        Chunk c = chunks.compareAndExchange(ci, null, fresh);
        if (c != null) {
            memory.giveBack(chunkBytes);
            return c;
        }
        allocated.increment();
        return fresh;
    }

    /** The heap bytes of one chunk (a verdict byte and a thread short per id). Any thread. */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** Bytes of verdict chunks allocated so far. Any thread. */
    public long allocatedBytes() {
        return allocated.sum() * chunkBytes;
    }

    /** Chunks the memory budget refused (their ids are untracked). Any thread. */
    public long refusedChunks() {
        long n = 0;
        for (int ci = 0; ci < chunks.length(); ci++) {
            if (chunks.get(ci) == REFUSED) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------ readers (any thread)

    /** The verdict of one packet (PENDING when never seen). Any thread. */
    public Verdict verdict(long packetId) {
        Chunk c = chunkFor(packetId, false);
        if (c == null) {
            return packetId >= 0 && packetId < sealedBelow.get() && !isRefused(packetId)
                    ? Verdict.MISSING : Verdict.PENDING;
        }
        return Verdict.ofCode((byte) BYTES.getOpaque(c.verdicts, (int) (packetId & (chunkSize - 1))));
    }

    private boolean isRefused(long packetId) {
        return packetId < limits.maxPackets() && chunks.get((int) (packetId >>> chunkBits)) == REFUSED;
    }

    /** The sending thread of one packet, -1 when never seen (0 when only an orphan piece named it). Any thread. */
    public int thread(long packetId) {
        Chunk c = chunkFor(packetId, false);
        if (c == null) {
            return -1;
        }
        int i = (int) (packetId & (chunkSize - 1));
        byte v = (byte) BYTES.getOpaque(c.verdicts, i);
        return v == Verdict.PENDING.code() || v == Verdict.MISSING.code() ? -1
                : Short.toUnsignedInt((short) SHORTS.getOpaque(c.threads, i));
    }

    /** Packets with verdict {@code v}; PENDING = expected packets not decided yet. Any thread. */
    public long count(Verdict v) {
        if (v == Verdict.PENDING) {
            long decided = 0;
            for (int i = 1; i < counts.length; i++) {
                decided += counts[i].sum();
            }
            return Math.max(0, expected.get() - decided);
        }
        return counts[v.ordinal()].sum();
    }

    /** All counts at once. Any thread. */
    public VerdictCounts snapshotCounts() {
        return new VerdictCounts(count(Verdict.PENDING), count(Verdict.INTACT), count(Verdict.TORN),
                count(Verdict.MISSING), count(Verdict.DUPLICATE));
    }

    /** The torn packets kept with details (bounded by maxTornDetails), in arrival order. Any thread. */
    public List<TornPacket> tornPackets() {
        synchronized (torn) {
            return List.copyOf(torn);
        }
    }

    /** Byte totals of all connections. Any thread. */
    public ByteAccount byteAccount() {
        return new ByteAccount(received.sum(), hello.sum(), whole.sum(), pieces.sum(), report.sum(),
                unattributable.sum());
    }

    /** The first problems (bounded by maxProblemDetails). Any thread. */
    public List<StreamProblem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Exact problem counts by kind (kinds never seen are absent). Any thread. */
    public Map<StreamProblem.Kind, Long> problemCounts() {
        Map<StreamProblem.Kind, Long> m = new EnumMap<>(StreamProblem.Kind.class);
        for (StreamProblem.Kind k : StreamProblem.Kind.values()) {
            long n = problemCounts[k.ordinal()].sum();
            if (n > 0) {
                m.put(k, n);
            }
        }
        return m;
    }

    /** The first Hello seen, or null. Any thread. */
    public Hello hello() {
        return firstHello.get();
    }

    /** Events for ids at or above limits.maxPackets (not stored). Any thread. */
    public long untrackedEvents() {
        return untracked.sum();
    }

    /**
     * Copies the verdict codes of ids {@code from .. from+len-1} into {@code dst} (the UI's grid);
     * unseen ids are PENDING (0), or MISSING once sealed. Any thread.
     */
    public void copyVerdicts(long from, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        int done = 0;
        while (done < len) {
            long id = from + done;
            int inChunk = (int) Math.min(len - done, chunkSize - (id & (chunkSize - 1)));
            Chunk c = id >= 0 && id < limits.maxPackets() ? chunks.get((int) (id >>> chunkBits)) : null;
            if (c == REFUSED || c == null) {
                long missingTo = c == null ? Math.min(id + inChunk, Math.max(id, sealedBelow.get())) : id;
                int k = (int) (missingTo - id);
                java.util.Arrays.fill(dst, off + done, off + done + k, Verdict.MISSING.code());
                java.util.Arrays.fill(dst, off + done + k, off + done + inChunk, Verdict.PENDING.code());
            } else {
                System.arraycopy(c.verdicts, (int) (id & (chunkSize - 1)), dst, off + done, inChunk);
            }
            done += inChunk;
        }
    }

    /**
     * Calls {@code consumer} for every id with a verdict other than PENDING, in id order, visiting only
     * the id ranges ever seen (missing ids of ranges never seen are not visited). Any thread.
     */
    public void forEachDecided(VerdictConsumer consumer) {
        for (int ci = 0; ci < chunks.length(); ci++) {
            Chunk c = chunks.get(ci);
            if (c == null || c == REFUSED) {
                continue;
            }
            for (int i = 0; i < chunkSize; i++) {
                byte v = (byte) BYTES.getOpaque(c.verdicts, i);
                if (v != 0) {
                    consumer.accept(((long) ci << chunkBits) + i, Verdict.ofCode(v));
                }
            }
        }
    }

    /**
     * Visits, in id order, every id with a verdict from its bytes (intact, torn, duplicate) and every
     * run of MISSING ids as one range. Costs one step per chunk slot and one per id of the chunks ever
     * allocated: a sealed claim of 2^32 ids never seen is one range, not 2^32 steps. Ids the memory
     * budget refused stay PENDING and break a range. Any thread, but read after the verifiers finished.
     */
    public void forEachPacket(PacketListing.Visitor visitor) {
        long sealed = sealedBelow.get();
        long first = -1; // the missing run being built: first..last, or first = -1 for none
        long last = -1;
        for (int ci = 0; ci < chunks.length(); ci++) {
            long base = (long) ci << chunkBits;
            Chunk c = chunks.get(ci);
            if (c == null) {
                long end = Math.min(base + chunkSize, sealed); // ids below the seal never seen: missing
                if (end > base) {
                    if (first < 0 || last != base - 1) {
                        if (first >= 0) {
                            visitor.missing(first, last);
                        }
                        first = base;
                    }
                    last = end - 1;
                }
                continue;
            }
            if (c == REFUSED) {
                continue; // its ids stay pending: a gap, which the next missing id sees
            }
            for (int i = 0; i < chunkSize; i++) {
                byte v = (byte) BYTES.getOpaque(c.verdicts, i);
                long id = base + i;
                if (v == Verdict.MISSING.code()) {
                    if (first < 0 || last != id - 1) {
                        if (first >= 0) {
                            visitor.missing(first, last);
                        }
                        first = id;
                    }
                    last = id;
                } else if (v != Verdict.PENDING.code()) {
                    if (first >= 0) {
                        visitor.missing(first, last);
                        first = -1;
                    }
                    visitor.packet(id, Verdict.ofCode(v), Short.toUnsignedInt((short) SHORTS.getOpaque(c.threads, i)));
                }
            }
        }
        if (first >= 0) {
            visitor.missing(first, last);
        }
    }

    /** Calls {@code consumer} for ids {@code from} (inclusive) to {@code to} (exclusive). Any thread. */
    public void forEachVerdict(long from, long to, VerdictConsumer consumer) {
        for (long id = Math.max(0, from); id < to && id <= WireFormat.MAX_PACKET_ID; id++) {
            consumer.accept(id, verdict(id));
        }
    }
}
