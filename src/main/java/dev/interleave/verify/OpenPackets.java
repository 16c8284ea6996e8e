package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The torn packets a verifier waits on (header seen, bytes still to come), in dense primitive arrays,
 * with indexes that answer "which open packet expects these bytes next?" in a few hash probes
 * however many are open: by id, by the next 8 expected payload bytes, by the next 1..7 (short pieces),
 * by the last 1..7 (packets near their end), and, for packets whose header arrived split, by what the
 * rest of their header must be (a CRC32C key, so no join is tried by computing one CRC per packet).
 * Slots are dense: removing one moves the last into its place ({@link #remove} says which moved).
 * Memory grows with the packets actually open, up to the bound. Not thread-safe (the feeding thread).
 */
final class OpenPackets {
    private static final int HDR = WireFormat.HEADER_SIZE;
    /** Short pieces are 1..7 bytes below a whole word: the index keys them by that many next bytes. */
    static final int SHORT_KEYS = 7;

    private final int capacity;
    private int size;
    private int version;

    private long[] id = new long[8];
    private int[] thread = new int[8];
    private int[] len = new int[8];
    private int[] next = new int[8];
    private int[] hdrLen = new int[8];
    private boolean[] gap = new boolean[8];
    private long[] prefixAt = new long[8];
    private int prefixes;
    private byte[] hdr = new byte[8 * HDR];
    // Age order (oldest first), for closing the oldest when the table is full.
    private int[] older = new int[8];
    private int[] newer = new int[8];
    private int oldest = -1, newest = -1;

    private final SlotIndex byId;
    private final SlotIndex byNext8;
    private final SlotIndex[] byNextK = new SlotIndex[SHORT_KEYS + 1];
    private final SlotIndex byTail;
    /** By h (8..23): header prefixes of at least h bytes, keyed by what the rest after h bytes must be. */
    private final SlotIndex[] byJoin = new SlotIndex[HDR];

    // What the scan through unattributable bytes asks ({@link GarbageScan}), kept as slots change: the
    // first byte of every frame end too short to hold a whole payload word (a 256-bit set, with counts),
    // and how many slots have each trait; per slot, what it put in.
    static final int KNOWN_LENGTH = 1, SHORTABLE = 2, SMALL_JOIN_AFTER_RUN_ID = 4;
    private final int[] startCount = new int[256];
    private final long[] startBits = new long[4];
    private long[] starts = new long[8];
    private byte[] startsLen = new byte[8];
    private byte[] traits = new byte[8];
    private int knownLength, shortable, smallJoinsAfterRunId;

    OpenPackets(int capacity) {
        this.capacity = capacity;
        long salt = ThreadLocalRandom.current().nextLong();
        byId = new SlotIndex(salt);
        byNext8 = new SlotIndex(salt + 1);
        for (int k = 1; k <= SHORT_KEYS; k++) {
            byNextK[k] = new SlotIndex(salt + 1 + k);
        }
        byTail = new SlotIndex(salt + 9);
        for (int h = PieceRules.MIN_PREFIX; h < HDR; h++) {
            byJoin[h] = new SlotIndex(salt + 10 + h);
        }
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Changes whenever any packet is added, removed or moves on: cached look-ahead answers expire. */
    int version() {
        return version;
    }

    long id(int s) {
        return id[s];
    }

    int thread(int s) {
        return thread[s];
    }

    /** Payload length L, or -1 while its header is not known (a prefix, or none). */
    int length(int s) {
        return len[s];
    }

    /** How far its payload may go: L, or the largest payload while L is not known. */
    int limit(int s) {
        return len[s] >= 0 ? len[s] : WireFormat.MAX_PAYLOAD;
    }

    /** True while only a prefix of its header arrived (thread, length unknown; its rest may join). */
    boolean prefixOnly(int s) {
        return hdrLen[s] > 0 && hdrLen[s] < HDR;
    }

    /** The next payload offset expected. */
    int next(int s) {
        return next[s];
    }

    /** True when some of its bytes were not seen as its own (a piece resumed further on): it cannot complete. */
    boolean hasGap(int s) {
        return gap[s];
    }

    /** A piece of it resumed past its next offset. */
    void markGap(int s) {
        gap[s] = true;
    }

    /** Its pieces came without its header: thread and length unknown, and it cannot complete. */
    void setHeaderless(int s) {
        hdrLen[s] = 0;
        thread[s] = -1;
        len[s] = -1;
        gap[s] = true;
        index(s);
    }

    /** Header bytes seen: 24, the length of the prefix that arrived, or 0 (none). */
    int headerLength(int s) {
        return hdrLen[s];
    }

    /** Copies the header bytes seen into {@code dst} at {@code off}. */
    void copyHeader(int s, byte[] dst, int off) {
        System.arraycopy(hdr, s * HDR, dst, off, hdrLen[s]);
    }

    /** The slot of open packet {@code packetId}, or -1. */
    int find(long packetId) {
        return byId.first(packetId);
    }

    /** The longest-open packet (closed first when the table is full), or -1. */
    int oldest() {
        return oldest;
    }

    /** Slots whose header is whole and whose next 8 payload bytes (of at least 8 left) are {@code key}. */
    int firstByNext8(long key) {
        return byNext8.first(key);
    }

    int nextByNext8(int s) {
        return byNext8.next(s);
    }

    /** Slots whose header is whole, with more than {@code k} bytes left, whose next {@code k} are {@code key}. */
    int firstByNext(int k, long key) {
        return byNextK[k].first(key);
    }

    int nextByNext(int k, int s) {
        return byNextK[k].next(s);
    }

    /** True when no packet has a whole header and anything left. */
    boolean noneExpecting() {
        return byNextK[1].isEmpty() && byTail.isEmpty();
    }

    /** Slots whose header is whole with exactly {@code r} (1..7) bytes left, and those bytes are {@code key}. */
    int firstByTail(int r, long key) {
        return byTail.first(tailKey(r, key));
    }

    int nextByTail(int s) {
        return byTail.next(s);
    }

    boolean anyTail() {
        return !byTail.isEmpty();
    }

    /**
     * Slots holding a header prefix of at least {@code h} bytes whose first {@code h} have join key
     * {@code key} (see {@link #joinKey}): the rest of the header may begin after any of the bytes a
     * prefix holds, as the prefix's own bytes are only confirmed by the joined header's CRC32C.
     */
    int firstByJoin(int h, int key) {
        return byJoin[h].first(Integer.toUnsignedLong(key));
    }

    int nextByJoin(int h, int s) {
        return byJoin[h].next(s);
    }

    /** True when some slot holds a header prefix of at least {@code h} bytes. */
    boolean anyPrefix(int h) {
        return !byJoin[h].isEmpty();
    }

    boolean anyPrefix() {
        return prefixes > 0;
    }

    /**
     * Bit {@code b & 63} of word {@code b >>> 6} is set when some frame end too short to hold a whole
     * payload word may start with byte {@code b}: the last 1..15 bytes of a packet whose header is
     * whole, or the rest of a split header (after 20..23 bytes) of a frame with fewer than 8 payload
     * bytes, which starts with its CRC32C bytes.
     */
    long shortEndStarts(int word) {
        return startBits[word];
    }

    /** Slots whose header is whole (their length is known). */
    int knownLengths() {
        return knownLength;
    }

    /** Slots whose header is whole with 2 or more bytes left: a short piece of them may come. */
    int shortable() {
        return shortable;
    }

    /**
     * Header prefixes of 17 or more bytes of a frame with fewer than 8 payload bytes: the rest after
     * 17..19 bytes starts with the run id's last 3..1 bytes.
     */
    int smallJoinsAfterRunId() {
        return smallJoinsAfterRunId;
    }

    /** Stream offset of a header prefix's first byte. */
    long prefixAt(int s) {
        return prefixAt[s];
    }

    // ------------------------------------------------------------------ changes

    /** Opens packet {@code packetId} with a whole header; the table must not be full. Returns its slot. */
    int add(long packetId, int packetThread, int length, int nextOffset) {
        if (size == capacity) {
            throw new IllegalStateException("open table full");
        }
        int s = size++;
        ensure(size);
        id[s] = packetId;
        thread[s] = packetThread;
        len[s] = length;
        next[s] = nextOffset;
        hdrLen[s] = HDR;
        gap[s] = false;
        older[s] = newest;
        newer[s] = -1;
        if (newest >= 0) {
            newer[newest] = s;
        } else {
            oldest = s;
        }
        newest = s;
        byId.put(s, packetId);
        index(s);
        return s;
    }

    /**
     * Keeps only a header prefix of {@code h} (8..23) bytes from {@code src[off..]}, which started at
     * stream offset {@code streamAt}; its thread and length are unknown (-1) until the rest joins.
     */
    void setPrefix(int s, byte[] src, int off, int h, long streamAt) {
        System.arraycopy(src, off, hdr, s * HDR, h);
        hdrLen[s] = h;
        prefixAt[s] = streamAt;
        thread[s] = -1;
        len[s] = -1;
        next[s] = 0;
        prefixes++;
        index(s);
    }

    /**
     * Completes a prefix's header: its first {@code h} bytes, then the rest from {@code src[off..]};
     * the payload is expected from 0.
     */
    void join(int s, byte[] src, int off, int h) {
        prefixes--;
        System.arraycopy(src, off, hdr, s * HDR + h, HDR - h);
        int base = s * HDR;
        hdrLen[s] = HDR;
        thread[s] = ((hdr[base + 8] & 0xFF) << 8) | (hdr[base + 9] & 0xFF);
        len[s] = WireFormat.getInt(hdr, base + 12);
        next[s] = 0;
        index(s);
    }

    /** Packet in slot {@code s} now expects payload offset {@code nextOffset}. */
    void setNext(int s, int nextOffset) {
        next[s] = nextOffset;
        index(s);
    }

    /**
     * Closes slot {@code s}. The last slot moves into its place: returns the slot that moved (so that
     * state kept beside the table can follow), or -1 when none did.
     */
    int remove(int s) {
        if (prefixOnly(s)) {
            prefixes--;
        }
        unindex(s);
        byId.remove(s);
        unlinkAge(s);
        int last = --size;
        version++;
        if (s == last) {
            return -1;
        }
        id[s] = id[last];
        thread[s] = thread[last];
        len[s] = len[last];
        next[s] = next[last];
        hdrLen[s] = hdrLen[last];
        gap[s] = gap[last];
        prefixAt[s] = prefixAt[last];
        starts[s] = starts[last];
        startsLen[s] = startsLen[last];
        traits[s] = traits[last];
        startsLen[last] = 0; // what the moved slot put in is counted once, under s
        traits[last] = 0;
        System.arraycopy(hdr, last * HDR, hdr, s * HDR, HDR);
        byId.move(last, s);
        byNext8.move(last, s);
        for (int k = 1; k <= SHORT_KEYS; k++) {
            byNextK[k].move(last, s);
        }
        byTail.move(last, s);
        for (int h = PieceRules.MIN_PREFIX; h < HDR; h++) {
            byJoin[h].move(last, s);
        }
        older[s] = older[last];
        newer[s] = newer[last];
        if (older[s] >= 0) {
            newer[older[s]] = s;
        } else {
            oldest = s;
        }
        if (newer[s] >= 0) {
            older[newer[s]] = s;
        } else {
            newest = s;
        }
        return last;
    }

    private void unlinkAge(int s) {
        int o = older[s];
        int n = newer[s];
        if (o >= 0) {
            newer[o] = n;
        } else {
            oldest = n;
        }
        if (n >= 0) {
            older[n] = o;
        } else {
            newest = o;
        }
    }

    private void ensure(int n) {
        if (n > id.length) {
            int c = Math.min(capacity, Math.max(n, id.length * 2));
            id = Arrays.copyOf(id, c);
            thread = Arrays.copyOf(thread, c);
            len = Arrays.copyOf(len, c);
            next = Arrays.copyOf(next, c);
            hdrLen = Arrays.copyOf(hdrLen, c);
            gap = Arrays.copyOf(gap, c);
            prefixAt = Arrays.copyOf(prefixAt, c);
            starts = Arrays.copyOf(starts, c);
            startsLen = Arrays.copyOf(startsLen, c);
            traits = Arrays.copyOf(traits, c);
            hdr = Arrays.copyOf(hdr, c * HDR);
            older = Arrays.copyOf(older, c);
            newer = Arrays.copyOf(newer, c);
        }
    }

    // ------------------------------------------------------------------ keys

    /** Puts slot {@code s} under the keys its state calls for. */
    private void index(int s) {
        version++;
        unindex(s);
        int h = hdrLen[s];
        if (prefixOnly(s)) {
            for (int j = PieceRules.MIN_PREFIX; j <= h; j++) {
                byJoin[j].put(s, Integer.toUnsignedLong(joinKey(hdr, s * HDR, j)));
            }
            summarizePrefix(s, h);
            return;
        }
        int rem = limit(s) - next[s];
        int t = len[s] < 0 ? 0 : rem >= 2 ? KNOWN_LENGTH | SHORTABLE : KNOWN_LENGTH;
        boolean shortEnd = rem > 0 && rem < 16;
        summarize(s, t, shortEnd ? WireFormat.payloadByte(id[s], next[s]) & 0xFF : 0, shortEnd ? 1 : 0);
        if (rem <= 0) {
            return;
        }
        long ahead = expected8(id[s], next[s]);
        if (rem >= 8) {
            byNext8.put(s, ahead);
        } else {
            byTail.put(s, tailKey(rem, ahead >>> (64 - 8 * rem)));
        }
        for (int k = 1; k <= SHORT_KEYS && k < rem; k++) {
            byNextK[k].put(s, ahead >>> (64 - 8 * k));
        }
    }

    private void unindex(int s) {
        unsummarize(s);
        byNext8.remove(s);
        for (int k = 1; k <= SHORT_KEYS; k++) {
            byNextK[k].remove(s);
        }
        byTail.remove(s);
        for (int h = PieceRules.MIN_PREFIX; h < HDR; h++) {
            byJoin[h].remove(s);
        }
    }

    /**
     * A header prefix of {@code h} bytes: when it holds a length under 8, the rest of its header after
     * 17..23 bytes (with too few payload bytes after it to hold payload word 0) is told by its first
     * bytes.
     */
    private void summarizePrefix(int s, int h) {
        int base = s * HDR;
        if (h < 17 || Integer.compareUnsigned(WireFormat.getInt(hdr, base + 12), 8) >= 0) {
            return;
        }
        long packed = 0;
        int n = 0;
        if (h >= 20) {
            int crc = ~Crc32cRegister.update(~0, hdr, base, 20);
            for (int j = 20; j <= h; j++) {
                packed |= (long) ((crc >>> (8 * (23 - j))) & 0xFF) << (8 * n++);
            }
        }
        summarize(s, SMALL_JOIN_AFTER_RUN_ID, packed, n);
    }

    /** Slot {@code s} (just unindexed) has {@code slotTraits} and {@code n} frame-end first bytes, packed low byte first. */
    private void summarize(int s, int slotTraits, long packed, int n) {
        traits[s] = (byte) slotTraits;
        knownLength += slotTraits & KNOWN_LENGTH;
        shortable += (slotTraits & SHORTABLE) >> 1;
        smallJoinsAfterRunId += (slotTraits & SMALL_JOIN_AFTER_RUN_ID) >> 2;
        starts[s] = packed;
        startsLen[s] = (byte) n;
        for (int i = 0; i < n; i++) {
            int b = (int) (packed >>> (8 * i)) & 0xFF;
            if (startCount[b]++ == 0) {
                startBits[b >>> 6] |= 1L << b;
            }
        }
    }

    private void unsummarize(int s) {
        int t = traits[s];
        knownLength -= t & KNOWN_LENGTH;
        shortable -= (t & SHORTABLE) >> 1;
        smallJoinsAfterRunId -= (t & SMALL_JOIN_AFTER_RUN_ID) >> 2;
        traits[s] = 0;
        for (int i = 0; i < startsLen[s]; i++) {
            int b = (int) (starts[s] >>> (8 * i)) & 0xFF;
            if (--startCount[b] == 0) {
                startBits[b >>> 6] &= ~(1L << b);
            }
        }
        startsLen[s] = 0;
    }

    /** Payload bytes {@code off..off+7} of packet {@code packetId}, big-endian in a long. */
    static long expected8(long packetId, long off) {
        long w = WireFormat.payloadWord(packetId, off >>> 3);
        int shift = 8 * (int) (off & 7);
        if (shift == 0) {
            return w;
        }
        return (w << shift) | (WireFormat.payloadWord(packetId, (off >>> 3) + 1) >>> (64 - shift));
    }

    /** {@code k} (1..8) bytes at {@code q}, big-endian in the low bytes of a long. */
    static long bytesKey(byte[] a, int q, int k) {
        long v = 0;
        for (int i = 0; i < k; i++) {
            v = (v << 8) | (a[q + i] & 0xFF);
        }
        return v;
    }

    private static long tailKey(int r, long bytes) {
        return ((long) r << 56) | bytes;
    }

    /**
     * What the rest of a header whose first {@code h} bytes are {@code b[off..]} is keyed by. Below 20
     * bytes: the CRC32C register after the prefix, run on over 20 - h zero bytes; the rest at q then
     * joins when {@code key == ~crc ^ update(0, q's next 20 - h bytes)} ({@link #restKey}). From 20
     * bytes on the CRC is known: the key is its last 24 - h bytes, which the rest must start with.
     */
    static int joinKey(byte[] b, int off, int h) {
        if (h < 20) {
            return Crc32cRegister.zeros(Crc32cRegister.update(~0, b, off, h), 20 - h);
        }
        int crc = ~Crc32cRegister.update(~0, b, off, 20);
        return h == 20 ? crc : crc & (int) ((1L << (8 * (HDR - h))) - 1);
    }

    /** The join key the {@code 24 - h} bytes at {@code q} call for (they must be there). */
    static int restKey(byte[] a, int q, int h) {
        if (h < 20) {
            int crcField = WireFormat.getInt(a, q + 20 - h);
            return ~crcField ^ Crc32cRegister.update(0, a, q, 20 - h);
        }
        return (int) bytesKey(a, q, HDR - h);
    }
}
