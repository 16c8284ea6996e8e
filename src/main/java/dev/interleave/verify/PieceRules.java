package dev.interleave.verify;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Which packet, if any, the bytes at a position continue (docs/PROTOCOL.md, "The parse", rules 1, 2,
 * 3, 5 and 6): a header of the run, a continuation at an open packet's next offset, the rest of a
 * split header, a piece named by its payload words, a header prefix or a short continuation followed
 * by a boundary. Candidates come from
 * the {@link OpenPackets} indexes, so a decision costs a few hash probes however many packets are
 * open; where many packets expect the same bytes at most {@link #SCAN} of them are looked at, and a
 * boundary (which nearby decisions ask about again) is worked out once per stream offset and state of
 * the open table. What a rule looks at is bounded (a boundary at depth 1 reads at most 47 bytes, at
 * depth 2 at most 24), so every answer depends only on bytes within the verifier's look-ahead and
 * chunking never changes it. Not thread-safe (the verifier's feeding thread).
 */
final class PieceRules {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int HDR = WireFormat.HEADER_SIZE;
    /** Bytes a continuation must match before it is believed (or the rest of its packet). */
    static final int CONT_MATCH = 16;
    /** A header prefix must carry the packet id (magic and id: 8 bytes) to be believed. */
    static final int MIN_PREFIX = 8;
    /** The longest short continuation. */
    private static final int MAX_SHORT = CONT_MATCH - 1;
    /** Bytes a boundary at depth 1 and 2 may read: a prefix then a header (23 + 24); a header. */
    private static final int[] BOUNDARY_READS = {0, 47, 24};
    /** Look-ahead the short-piece rules need at a position: a 23-byte prefix, then a depth-1 boundary. */
    static final int SHORT_RULES_LOOKAHEAD = HDR - 1 + 47;
    /** Packets expecting the same bytes that are looked at per question (the lowest id among them wins). */
    static final int SCAN = 16;
    private static final int CACHE = 256;
    private static final int UNKNOWN = Integer.MIN_VALUE;

    private final OpenPackets open;
    private final long maxPayload;
    private final long expected;
    private final long threads;
    private final int runIdLow;
    private final long runId;
    private final CRC32C crc = new CRC32C();
    private final byte[] joinScratch = new byte[HDR];

    // Stream offset of array index 0 in the bytes being decided (cache keys are stream offsets).
    private long base;
    // Boundaries already worked out, per depth: by stream offset and open-table version.
    private final long[][] cacheAt = new long[3][CACHE];
    private final int[][] cacheVersion = new int[3][CACHE];
    private final int[][] cacheValue = new int[3][CACHE];
    private final int[][] cacheSource = new int[3][CACHE];
    private final int[][] cacheValueWithoutSource = new int[3][CACHE];
    private long work;

    // Results (fields: no allocation per decision).
    int prefixLen;
    int shortSlot, shortLen;
    int namedSlot, namedLen;
    long namedId, namedOffset;
    boolean joined;
    /** Where the rest joined the winning prefix: after its first joinAt bytes. */
    int joinAt;
    private int joinFrameRest;
    private int source;

    PieceRules(OpenPackets open, long maxPayload, long runId, long expectedPackets, long threadCount) {
        this.open = open;
        this.expected = expectedPackets;
        this.threads = threadCount;
        this.maxPayload = Math.min(maxPayload, WireFormat.MAX_PAYLOAD);
        this.runIdLow = (int) runId;
        this.runId = runId;
        for (long[] c : cacheAt) {
            Arrays.fill(c, -1);
        }
    }

    /** Array index {@code pos} of the bytes being decided is stream offset {@code streamOffset}. */
    void at(int pos, long streamOffset) {
        base = streamOffset - pos;
    }

    /** Steps of work so far: candidates looked at, boundaries worked out. For tests that bound it. */
    long work() {
        return work;
    }

    // ------------------------------------------------------------------ headers

    /** Null when the 24 bytes at {@code pos} are a valid header of this run, else what is wrong. */
    StreamProblem.Kind checkHeader(byte[] a, int pos) {
        crc.reset();
        crc.update(a, pos, 20);
        if (WireFormat.getInt(a, pos + 20) != (int) crc.getValue()) {
            return StreamProblem.Kind.BAD_HEADER_CRC;
        }
        if (a[pos + 10] != 0 || a[pos + 11] != 0) {
            return StreamProblem.Kind.BAD_HEADER_FLAGS;
        }
        long len = Integer.toUnsignedLong(WireFormat.getInt(a, pos + 12));
        if (len > maxPayload) {
            return StreamProblem.Kind.LENGTH_OVER_LIMIT;
        }
        if (WireFormat.getInt(a, pos + 16) != runIdLow) {
            return StreamProblem.Kind.OTHER_RUN;
        }
        return null;
    }

    private boolean validHeaderAt(byte[] a, int q, int n) {
        return n >= HDR && WireFormat.getInt(a, q) == WireFormat.FRAME_MAGIC && checkHeader(a, q) == null;
    }

    private boolean reportHeaderAt(byte[] a, int q, int n) {
        return n >= SenderReport.HEADER_BYTES && WireFormat.getInt(a, q) == SenderReport.MAGIC
                && SenderReport.checkHeader(a, q, runId) == SenderReport.Problem.NONE;
    }

    // ------------------------------------------------------------------ rule 2: continuations

    /**
     * The open packet whose bytes continue at {@code pos} (rule 2): exactly at its next offset, matching
     * {@code need} bytes (16, or more in a look-back that must also cover the mismatching byte; fewer
     * when less of the packet is left), or, for a split header, its rest joined to a valid header with
     * the frame matching on. The longest match wins, then the lowest slot. Sets {@link #joined}.
     * Returns the slot or -1.
     *
     * @param lookbackCover 0 outside a look-back; else the bytes up to and including the mismatch
     * @param excludeId     a packet that may not continue here (the current piece's), or -1
     */
    int continuation(byte[] a, int pos, int end, boolean eof, int lookbackCover, long excludeId) {
        int n = end - pos;
        int best = -1, bestLen = 0;
        boolean bestJoin = false;
        if (!open.noneExpecting()) {
            // At least 8 bytes matched: the next 8 bytes name the packet (payload words do).
            if (n >= 8) {
                for (int s = open.firstByNext8(OpenPackets.bytesKey(a, pos, 8)), seen = 0; s >= 0 && seen < SCAN;
                        s = open.nextByNext8(s), seen++) {
                    work++;
                    int cmp = continuationLength(a, pos, n, eof, lookbackCover, s, excludeId);
                    if (cmp > bestLen || (cmp == bestLen && cmp > 0 && s < best)) {
                        best = s;
                        bestLen = cmp;
                    }
                }
            }
            // Fewer than 8: a packet with 1..7 bytes left, or (at the end of the stream) any packet.
            if (open.anyTail()) {
                for (int r = Math.min(7, n); r >= 1 && r >= bestLen; r--) {
                    for (int s = open.firstByTail(r, OpenPackets.bytesKey(a, pos, r)), seen = 0; s >= 0 && seen < SCAN;
                            s = open.nextByTail(s), seen++) {
                        work++;
                        int cmp = continuationLength(a, pos, n, eof, lookbackCover, s, excludeId);
                        if (cmp > bestLen || (cmp == bestLen && cmp > 0 && s < best)) {
                            best = s;
                            bestLen = cmp;
                        }
                    }
                }
            }
            if (eof && n < 8 && n > bestLen) {
                for (int s = open.firstByNext(n, OpenPackets.bytesKey(a, pos, n)), seen = 0; s >= 0 && seen < SCAN;
                        s = open.nextByNext(n, s), seen++) {
                    work++;
                    int cmp = continuationLength(a, pos, n, eof, lookbackCover, s, excludeId);
                    if (cmp > bestLen || (cmp == bestLen && cmp > 0 && s < best)) {
                        best = s;
                        bestLen = cmp;
                    }
                }
            }
        }
        if (open.anyPrefix()) {
            int need = lookbackCover > 0 ? Math.max(CONT_MATCH, lookbackCover) : CONT_MATCH;
            for (int h = MIN_PREFIX; h < HDR; h++) {
                if (!open.anyPrefix(h) || !restCouldFollow(a, pos, n, h)) {
                    continue;
                }
                for (int s = open.firstByJoin(h, OpenPackets.restKey(a, pos, h)), seen = 0; s >= 0 && seen < SCAN;
                        s = open.nextByJoin(h, s), seen++) {
                    work++;
                    if (open.id(s) == excludeId) {
                        continue;
                    }
                    int m = joinMatch(a, pos, end, s, h, need);
                    if ((m > bestLen || (m == bestLen && m > 0 && s < best))
                            && (m == need || m == joinFrameRest || (eof && m == n))) {
                        best = s;
                        bestLen = m;
                        bestJoin = true;
                        joinAt = h;
                    }
                }
            }
        }
        joined = bestJoin && best >= 0 && open.prefixOnly(best);
        return best;
    }

    /** Bytes slot {@code s} explains at {@code pos} as a continuation, or 0 when it does not continue here. */
    private int continuationLength(byte[] a, int pos, int n, boolean eof, int lookbackCover, int s, long excludeId) {
        if (open.id(s) == excludeId) {
            return 0;
        }
        int rem = open.limit(s) - open.next(s);
        int need = Math.min(CONT_MATCH, rem);
        if (n < need && open.length(s) < 0) {
            return 0; // at the end of the stream a few bytes of a packet whose end is not known prove nothing
        }
        if (lookbackCover > 0) {
            // An interruption that began before the mismatch must also explain the mismatching byte;
            // otherwise a packet with a byte or two left matches by chance (1/256 a byte).
            if (rem < lookbackCover) {
                return 0;
            }
            need = Math.min(rem, Math.max(need, lookbackCover));
        }
        int cmp = Math.min(need, n);
        if (cmp < need && !eof) {
            return 0;
        }
        return match(a, pos, cmp, open.id(s), open.next(s)) == cmp ? cmp : 0;
    }

    /** Cheap checks before a join's key is worked out: the run id and flag bytes the rest carries. */
    private boolean restCouldFollow(byte[] a, int q, int n, int h) {
        if (n < HDR - h) {
            return false;
        }
        for (int i = Math.max(h, 16); i < 20; i++) {
            if (a[q + i - h] != (byte) (runIdLow >>> (8 * (19 - i)))) {
                return false;
            }
        }
        return (h > 10 || a[q + 10 - h] == 0) && (h > 11 || a[q + 11 - h] == 0);
    }

    /**
     * For a slot holding a header prefix whose first {@code h} bytes' join key the bytes at {@code q}
     * matched: how many of up to {@code need} bytes continue its frame (the header's rest, then the
     * payload), or -1 when the joined header is not valid. The key match proved the CRC32C (see
     * {@link OpenPackets#joinKey}) and the prefix's own fields were checked when it was believed; the
     * fields in the rest are checked here. Sets {@link #joinFrameRest} to the frame's bytes from the
     * join point to its end.
     */
    private int joinMatch(byte[] a, int q, int end, int s, int h, int need) {
        int rest = HDR - h;
        if (end - q < rest) {
            return -1;
        }
        open.copyHeader(s, joinScratch, 0);
        System.arraycopy(a, q, joinScratch, h, rest);
        if (joinScratch[10] != 0 || joinScratch[11] != 0 || WireFormat.getInt(joinScratch, 16) != runIdLow
                || Integer.toUnsignedLong(WireFormat.getInt(joinScratch, 12)) > maxPayload) {
            return -1;
        }
        int len = WireFormat.getInt(joinScratch, 12);
        joinFrameRest = rest + len;
        int more = Math.min(Math.min(need - rest, len), end - q - rest);
        return rest + (more > 0 ? match(a, q + rest, more, open.id(s), 0) : 0);
    }

    // ------------------------------------------------------------------ rule 3: named pieces

    /**
     * A piece named by its payload words (rule 3): one of the 8 alignments at {@code q} holds a whole
     * payload word naming packet p and offset o, and the bytes match p's payload from o for 16 bytes
     * (or what is left of p, when its length is known and the naming word fits in it). p is an open
     * packet whose piece resumes past its next offset (its bytes in between did not come as its own),
     * or a packet not open at all (an orphan piece). Sets {@link #namedSlot} (-1 for an orphan),
     * {@link #namedId}, {@link #namedOffset} and {@link #namedLen}.
     *
     * @param cover     the bytes the piece must cover (1, or in a look-back up to the mismatch)
     * @param excludeId a packet that may not be named (the current piece's), or -1
     */
    boolean named(byte[] a, int q, int end, boolean eof, int cover, long excludeId) {
        int n = end - q;
        for (int lead = 0; lead < 8 && lead + 8 <= n; lead++) {
            long w = WireFormat.getLong(a, q + lead);
            long p = WireFormat.packetOfWord(w);
            long o = (WireFormat.indexOfWord(w) << 3) - lead;
            if (o < 0 || (expected > 0 && p >= expected) || p == excludeId) {
                continue;
            }
            work++;
            int slot = open.find(p);
            long limit = maxPayload;
            if (slot >= 0) {
                if (!open.prefixOnly(slot) && o <= open.next(slot)) {
                    continue; // at its next offset it is a continuation; before it, its bytes came already
                }
                limit = Math.min(limit, open.limit(slot));
            }
            if (o + cover > limit) {
                continue;
            }
            int need = (int) Math.max(Math.min(CONT_MATCH, limit - o), cover);
            if (lead + 8 > need || (need > n && !eof)) {
                continue;
            }
            int m = Math.min(need, n);
            if (match(a, q, m, p, o) == m) {
                namedSlot = slot;
                namedId = p;
                namedOffset = o;
                namedLen = m;
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ boundaries

    /**
     * Bytes explained from {@code q} by something that needs no more proof: a valid header or sender
     * report header (24), a continuation of an open packet other than {@code exclude} matching 16 bytes
     * or the rest of its packet, the rest of a split header (the same), or, below depth 2, a header
     * prefix or a short piece followed by such a boundary. 0 when none. Among open packets the lowest
     * slot answers.
     */
    int boundary(byte[] a, int q, int end, int depth, int exclude) {
        long at = base + q;
        int i = (int) (at & (CACHE - 1));
        int v = open.version();
        if (cacheAt[depth][i] != at || cacheVersion[depth][i] != v) {
            int value = boundaryOf(a, q, Math.min(end, q + BOUNDARY_READS[depth]), depth, -1);
            cacheAt[depth][i] = at;
            cacheVersion[depth][i] = v;
            cacheValue[depth][i] = value;
            cacheSource[depth][i] = source;
            cacheValueWithoutSource[depth][i] = UNKNOWN;
        }
        if (exclude < 0 || exclude != cacheSource[depth][i]) {
            return cacheValue[depth][i];
        }
        if (cacheValueWithoutSource[depth][i] == UNKNOWN) {
            cacheValueWithoutSource[depth][i] = boundaryOf(a, q, Math.min(end, q + BOUNDARY_READS[depth]), depth, exclude);
        }
        return cacheValueWithoutSource[depth][i];
    }

    /** {@link #boundary} worked out; sets {@link #source} to the open slot that answered, or -1. */
    private int boundaryOf(byte[] a, int q, int end, int depth, int exclude) {
        work++;
        source = -1;
        int n = end - q;
        if (n <= 0) {
            return 0;
        }
        if (validHeaderAt(a, q, n) || reportHeaderAt(a, q, n)) {
            return HDR;
        }
        int best = -1, bestValue = 0;
        if (!open.noneExpecting()) {
            if (n >= 8) {
                for (int s = open.firstByNext8(OpenPackets.bytesKey(a, q, 8)), seen = 0; s >= 0 && seen < SCAN;
                        s = open.nextByNext8(s), seen++) {
                    work++;
                    int need = Math.min(CONT_MATCH, open.limit(s) - open.next(s));
                    if (s != exclude && (best < 0 || s < best) && need <= n
                            && match(a, q, need, open.id(s), open.next(s)) == need) {
                        best = s;
                        bestValue = need;
                    }
                }
            }
            if (open.anyTail()) {
                for (int r = 1; r <= 7 && r <= n; r++) {
                    for (int s = open.firstByTail(r, OpenPackets.bytesKey(a, q, r)), seen = 0; s >= 0 && seen < SCAN;
                            s = open.nextByTail(s), seen++) {
                        work++;
                        if (s != exclude && (best < 0 || s < best)) {
                            best = s;
                            bestValue = r;
                        }
                    }
                }
            }
        }
        if (open.anyPrefix()) {
            for (int h = MIN_PREFIX; h < HDR; h++) {
                if (!open.anyPrefix(h) || !restCouldFollow(a, q, n, h)) {
                    continue;
                }
                for (int s = open.firstByJoin(h, OpenPackets.restKey(a, q, h)), seen = 0; s >= 0 && seen < SCAN;
                        s = open.nextByJoin(h, s), seen++) {
                    work++;
                    if (s == exclude || (best >= 0 && s > best)) {
                        continue;
                    }
                    int m = joinMatch(a, q, end, s, h, CONT_MATCH);
                    if (m > 0 && (m == CONT_MATCH || m == joinFrameRest)) {
                        best = s;
                        bestValue = m;
                    }
                }
            }
        }
        if (best >= 0) {
            source = best;
            return bestValue;
        }
        if (depth < 2) {
            int m = prefixAt(a, q, end, depth + 1, 1);
            if (m > 0) {
                source = -1;
                return m;
            }
            int r = shortAt(a, q, end, depth + 1, 1, exclude);
            source = r > 0 ? shortSlot : -1;
            return r;
        }
        return 0;
    }

    // ------------------------------------------------------------------ rules 5 and 6

    /**
     * A header prefix of 8..23 bytes at {@code q} (magic, id, and every field it covers consistent with
     * this run: an id below expectedPackets and a thread below the Hello's thread count, when the Hello
     * gives them, flags 0, a length within the limit, the run
     * id, the CRC bytes) followed by a boundary; the longest such prefix wins. Returns the bytes
     * explained (prefix and boundary) when that is at least {@code covered}, else 0; sets
     * {@link #prefixLen}.
     */
    int prefixAt(byte[] a, int q, int end, int depth, int covered) {
        int n = end - q;
        if (n < MIN_PREFIX || WireFormat.getInt(a, q) != WireFormat.FRAME_MAGIC) {
            return 0;
        }
        int crcValue = 0;
        if (n >= 20) {
            crc.reset();
            crc.update(a, q, 20);
            crcValue = (int) crc.getValue();
        }
        for (int h = Math.min(HDR - 1, n - 1); h >= MIN_PREFIX; h--) {
            if (!prefixConsistent(a, q, h, crcValue)) {
                continue;
            }
            int b = boundary(a, q + h, end, depth, -1);
            if (b > 0 && h + b >= covered) {
                prefixLen = h;
                return h + b;
            }
        }
        return 0;
    }

    private boolean prefixConsistent(byte[] a, int q, int h, int crcValue) {
        // Fields the rest of the header will check (the CRC32C) are checked now against what the Hello
        // says, so that bytes of another piece are not taken for them: a prefix is a claim.
        if (expected > 0 && Integer.toUnsignedLong(WireFormat.getInt(a, q + 4)) >= expected) {
            return false;
        }
        if (threads > 0 && threads <= 0xFFFF && h > 8
                && ((a[q + 8] & 0xFF) << 8 | (h > 9 ? a[q + 9] & 0xFF : 0)) > (h > 9 ? threads - 1 : (threads - 1) & 0xFF00)) {
            return false;
        }
        if ((h > 10 && a[q + 10] != 0) || (h > 11 && a[q + 11] != 0)) {
            return false;
        }
        if (h >= 16 && Integer.toUnsignedLong(WireFormat.getInt(a, q + 12)) > maxPayload) {
            return false;
        }
        for (int i = 16; i < Math.min(h, 20); i++) {
            if (a[q + i] != (byte) (runIdLow >>> (8 * (19 - i)))) {
                return false;
            }
        }
        for (int i = 20; i < h; i++) {
            if (a[q + i] != (byte) (crcValue >>> (8 * (23 - i)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A continuation of 1..15 bytes of an open packet (not {@code exclude}), short of its packet's
     * end, followed by a boundary. The longest such piece wins, then the lowest packet id. Returns the
     * bytes explained when at least {@code covered}, else 0; sets {@link #shortSlot} and
     * {@link #shortLen}.
     */
    int shortAt(byte[] a, int q, int end, int depth, int covered, int exclude) {
        int n = end - q;
        int maxK = Math.min(MAX_SHORT, n - 1);
        if (maxK < 1 || open.noneExpecting()) {
            return 0;
        }
        // Candidates of k bytes share their first k expected bytes; none for k means none for k + 1.
        int deepest = 0;
        while (deepest < Math.min(OpenPackets.SHORT_KEYS, maxK)
                && open.firstByNext(deepest + 1, OpenPackets.bytesKey(a, q, deepest + 1)) >= 0) {
            deepest++;
            work++;
        }
        int s8 = -1, m8 = 0;
        if (deepest == OpenPackets.SHORT_KEYS && maxK >= 8) {
            s8 = open.firstByNext8(OpenPackets.bytesKey(a, q, 8));
            if (s8 >= 0 && s8 != exclude && open.length(s8) >= 0) {
                work++;
                int rem = open.limit(s8) - open.next(s8);
                m8 = match(a, q, Math.min(maxK, rem - 1), open.id(s8), open.next(s8));
            }
        }
        for (int k = Math.max(m8, deepest); k >= 1; k--) {
            int bestSlot = -1;
            int bestExplained = 0;
            if (k >= 8) {
                int b = boundary(a, q + k, end, depth, s8);
                if (b > 0 && k + b >= covered) {
                    bestSlot = s8;
                    bestExplained = k + b;
                }
            } else if (boundary(a, q + k, end, depth, -1) > 0) {
                // (Without a boundary for anyone there is none for any one candidate.)
                long key = OpenPackets.bytesKey(a, q, k);
                for (int s = open.firstByNext(k, key), seen = 0; s >= 0 && seen < SCAN; s = open.nextByNext(k, s), seen++) {
                    work++;
                    // A packet whose length is not known might have ended: a few bytes prove nothing.
                    if (s == exclude || open.length(s) < 0 || (bestSlot >= 0 && open.id(s) > open.id(bestSlot))) {
                        continue;
                    }
                    int b = boundary(a, q + k, end, depth, s);
                    if (b > 0 && k + b >= covered) {
                        bestSlot = s;
                        bestExplained = k + b;
                    }
                }
            }
            if (bestSlot >= 0) {
                shortSlot = bestSlot;
                shortLen = k;
                return bestExplained;
            }
        }
        return 0;
    }

    /**
     * True when a header, a continuation or a header prefix explains a position after {@code x} up to
     * the mismatching byte at {@code x + lookbackLeft}.
     */
    boolean strongUpToMismatch(byte[] a, int x, int end, int lookbackLeft, int exclude) {
        int m = x + lookbackLeft;
        for (int y = x + 1; y <= m; y++) {
            int covered = m - y + 1;
            int b = boundary(a, y, end, 2, exclude);
            if (b >= covered || prefixAt(a, y, end, 2, covered) > 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ payload

    /**
     * How many of {@code max} bytes at {@code pos} equal packet {@code id}'s payload from offset
     * {@code off}. The fast path: whole words compared as one big-endian long.
     */
    static int match(byte[] a, int pos, int max, long id, long off) {
        int k = 0;
        while (k < max && ((off + k) & 7) != 0) {
            if (a[pos + k] != WireFormat.payloadByte(id, off + k)) {
                return k;
            }
            k++;
        }
        long high = (id << 32) ^ WireFormat.WORD_SALT;
        long word = (off + k) >>> 3;
        int limit = max - 8;
        while (k <= limit) {
            long x = (long) LONG_BE.get(a, pos + k) ^ (high ^ word);
            if (x != 0) {
                return k + (Long.numberOfLeadingZeros(x) >>> 3);
            }
            k += 8;
            word++;
        }
        while (k < max) {
            if (a[pos + k] != WireFormat.payloadByte(id, off + k)) {
                return k;
            }
            k++;
        }
        return k;
    }
}
