package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The incremental verifier of one connection's stream (docs/PROTOCOL.md, "What the verifier
 * decides"). Pure: no I/O, no threads. Fed chunks of any size; reports to a {@link VerdictSink} as it
 * goes. Memory is bounded by {@link VerifierLimits}, never by a length read from the wire.
 *
 * <p>Not thread-safe: one thread at a time feeds it (the sink is called on that thread).
 *
 * <p>Decisions are made with a fixed look-ahead of 24 bytes (or the rest of the stream at its end),
 * so how the stream is chunked never changes the result. At a position not inside a piece the
 * verifier tries, in order: (a) a valid header of the run; (b) the continuation of an open packet
 * at exactly its next expected offset (16 bytes of look-ahead, or what is left of the packet); (c) an
 * orphan piece named by its payload words (16 bytes matching); then, with 64 bytes of look-ahead,
 * a header prefix (8..23 bytes) or a short continuation (1..15 bytes) followed by a decisive
 * boundary; else (d) the byte is unattributable. Before all of these it tries the sender report,
 * whose decision waits for its whole record (at most {@link SenderReport#MAX_ENCODED_LENGTH} bytes).
 * A bad Hello makes the whole stream unattributable: without a run id no header can be trusted.
 */
public final class StreamVerifier {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int HDR = WireFormat.HEADER_SIZE;
    /** Every decision waits for this much look-ahead: a whole header. */
    private static final int LOOKAHEAD = HDR;
    /** Bytes a continuation or an orphan piece must match before it is believed. */
    private static final int CONT_MATCH = 16;
    /** On a mismatch, how far back interrupting bytes may have matched by chance. */
    private static final int LOOKBACK = 32;
    private static final int CARRY_FILL = 128;
    /**
     * Look-ahead of the rules for short pieces (a continuation under 16 bytes, a header prefix): a
     * short piece (≤ 15) or a header prefix (≤ 23), then one more of them, then a confirming header
     * (24) or continuation (16) fits in 64 bytes.
     */
    private static final int EXT_LOOKAHEAD = 64;
    /** A header prefix must carry the packet id (magic and id: 8 bytes) to be believed. */
    private static final int MIN_PREFIX = 8;

    private static final int HELLO_WAITING = 0, HELLO_OK = 1, HELLO_BAD = 2;
    private static final int NONE = 0, FIRST = 1, CONT = 2, ORPHAN = 3;
    private static final int D_NONE = 0, D_HEADER = 1, D_CONT = 2, D_ORPHAN = 3;
    /** Short continuation, header prefix, the rest of a split header, or: wait for more look-ahead. */
    private static final int D_SHORT = 4, D_PREFIX = 5, D_JOIN = 6, D_WAIT = 7, D_REPORT = 8;
    /** Room for the longest look-ahead: a whole sender report, given-back bytes in front of it, a header. */
    private static final int MAX_CARRY = SenderReport.MAX_ENCODED_LENGTH + LOOKBACK + HDR;

    private final VerifierLimits limits;
    private final VerdictSink sink;
    private final CRC32C crc = new CRC32C();

    // Hello
    private final byte[] helloBuf = new byte[WireFormat.HELLO_SIZE];
    private int helloFill;
    private int helloState = HELLO_WAITING;
    private Hello hello;
    private int runIdLow;
    private long expected;

    // Bytes waiting for look-ahead, and bytes given back after a mismatch (rebuilt from the pattern).
    private byte[] carry = new byte[CARRY_FILL + LOOKBACK + HDR];
    private int carryLen;
    /** Look-ahead the parser asked for where it last stopped, when more than {@link #CARRY_FILL}: a sender report. */
    private int waitFor;
    private final byte[] regen = new byte[LOOKBACK];
    private int regenLen;

    // Byte accounting; consumed = stream offset of the next undecided byte.
    private long received, helloBytes, wholeBytes, pieceBytes, reportBytes, unattrBytes, consumed;
    private ByteAccount reported = ByteAccount.ZERO;

    // The piece being read.
    private int curKind = NONE;
    private long curId;
    private int curThread;
    private long curLimit;      // payload length (orphan: max payload)
    private long curNext;       // next payload offset expected
    private long curStart;      // stream offset of the piece's first byte
    private long curFrameFrom;  // frame offset of the piece's first byte
    private int curSlot = -1;   // open-table slot (CONT)
    private int lookbackLeft;   // bytes at the front of the input that were matched by the current piece
    private boolean endChecked; // the current piece's end was looked back at once already

    // Unattributable run.
    private long unattrRun, unattrStart;
    private long noOrphanBefore; // inside another run's frame, payload words name nobody of ours

    // The sender report: the first valid one; no candidate inside the extent of one that failed its CRC,
    // so that crafted report headers cost one CRC pass over their extent, not one per byte.
    private SenderReport senderReport;
    private long failedReportAt = -1, noReportBefore;

    // Open packets: dense arrays [0, openCount).
    private int openCount;
    private final long[] openId;
    private final int[] openThread, openLen, openNext;
    private final long[] openSeq;
    private final List<List<SpliceSegment>> openSegs;
    private final int[] openSegCount;
    private final boolean[] openTrunc;
    /** Header bytes seen per slot (24 each); openHdrLen < 24: only a prefix of the header arrived. */
    private final byte[] openHdr;
    private final int[] openHdrLen;
    private final byte[] joinScratch = new byte[HDR];
    private long seq;

    // Decision result (fields: no allocation per decision).
    private int decKind, decSlot, decThread, decLen;
    private long decId, decOffset;
    private StreamProblem.Kind decProblem;
    private String decDetail;

    private final long[] problemCounts = new long[StreamProblem.Kind.values().length];
    private int tornDetails;
    private boolean finished;

    /**
     * A verifier for one stream. Any thread; the verifier then belongs to the feeding thread.
     */
    public StreamVerifier(VerifierLimits limits, VerdictSink sink) {
        this.limits = limits;
        this.sink = sink;
        int n = limits.maxOpenPackets();
        openId = new long[n];
        openThread = new int[n];
        openLen = new int[n];
        openNext = new int[n];
        openSeq = new long[n];
        openSegCount = new int[n];
        openTrunc = new boolean[n];
        openHdr = new byte[n * HDR];
        openHdrLen = new int[n];
        openSegs = new ArrayList<>(Math.min(n, 64));
    }

    /**
     * Feeds {@code len} bytes of the stream (any chunk size, including 1). Feeding thread only.
     *
     * @throws IllegalStateException after {@link #finish()} (a programming error, never a wire problem)
     */
    public void feed(byte[] b, int off, int len) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        received += len;
        int pos = off;
        int end = off + len;
        if (helloState == HELLO_WAITING) {
            pos = feedHello(b, pos, end);
        }
        if (helloState == HELLO_BAD) {
            unattrBytes += end - pos;
            consumed += end - pos;
        } else if (helloState == HELLO_OK) {
            process(b, pos, end, false);
        }
        reportBytes();
    }

    private byte[] bufferScratch;

    /** Feeds the remaining bytes of {@code buf} (its position moves to its limit). Feeding thread only. */
    public void feed(ByteBuffer buf) {
        if (buf.hasArray()) {
            feed(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            buf.position(buf.limit());
            return;
        }
        if (bufferScratch == null) {
            bufferScratch = new byte[64 * 1024];
        }
        while (buf.hasRemaining()) {
            int n = Math.min(buf.remaining(), bufferScratch.length);
            buf.get(bufferScratch, 0, n);
            feed(bufferScratch, 0, n);
        }
    }

    /**
     * The end of the stream: decides the bytes still waiting, closes open packets as torn
     * (incomplete) and reports the last byte delta. Idempotent. Feeding thread only.
     */
    public void finish() {
        if (finished) {
            return;
        }
        if (helloState == HELLO_WAITING) {
            problem(StreamProblem.Kind.SHORT_HELLO, 0, -1, helloFill + " of 32 Hello bytes");
            unattrBytes += helloFill;
            consumed += helloFill;
        } else if (helloState == HELLO_OK) {
            process(carry, 0, 0, true);
            if (curKind != NONE && curNext == curLimit) {
                completePiece(); // it was waiting for look-ahead after its last byte
            }
            if (curKind != NONE) {
                problem(StreamProblem.Kind.TRUNCATED, curStart, curId, "stream ended inside packet #" + curId);
                endPiece();
            }
            flushUnattributable();
            while (openCount > 0) {
                closeIncomplete(openCount - 1);
            }
        }
        finished = true;
        reportBytes();
    }

    /** The Hello, or null when none (yet). Feeding thread (or after it finished). */
    public Hello hello() {
        return hello;
    }

    /** True once 32 bytes were judged: a valid or a bad Hello. Feeding thread. */
    public boolean helloDecided() {
        return helloState != HELLO_WAITING;
    }

    /** True when the first 32 bytes were not a valid Hello. Feeding thread. */
    public boolean helloBad() {
        return helloState == HELLO_BAD;
    }

    /** Where the bytes fed so far went. Feeding thread. */
    public ByteAccount byteAccount() {
        return new ByteAccount(received, helloBytes, wholeBytes, pieceBytes, reportBytes, unattrBytes);
    }

    /**
     * The sender's report, once its bytes were decided: the first record whose two CRC32Cs held and whose
     * run id is the Hello's. Its numbers are claims: they never change a verdict. Feeding thread (or
     * after it finished).
     */
    public Optional<SenderReport> senderReport() {
        return Optional.ofNullable(senderReport);
    }

    /** Exact problem counts by kind. Feeding thread. */
    public long problemCount(StreamProblem.Kind kind) {
        return problemCounts[kind.ordinal()];
    }

    /** Torn packets waiting for the rest of their bytes (≤ limits.maxOpenPackets). Feeding thread. */
    public int openPackets() {
        return openCount;
    }

    // ---------------------------------------------------------------- Hello

    private int feedHello(byte[] b, int pos, int end) {
        int n = Math.min(end - pos, helloBuf.length - helloFill);
        System.arraycopy(b, pos, helloBuf, helloFill, n);
        helloFill += n;
        if (helloFill == helloBuf.length) {
            Hello.Problem p = Hello.check(helloBuf, 0);
            consumed += helloBuf.length;
            if (p == Hello.Problem.NONE) {
                helloState = HELLO_OK;
                hello = Hello.decode(helloBuf, 0);
                runIdLow = hello.runIdLow();
                expected = hello.expectedPackets();
                helloBytes += helloBuf.length;
                sink.hello(hello);
            } else {
                helloState = HELLO_BAD;
                unattrBytes += helloBuf.length;
                problem(StreamProblem.Kind.BAD_HELLO, 0, -1, "Hello: " + p + "; whole stream unattributable");
            }
        }
        return pos + n;
    }

    // ---------------------------------------------------------------- driving

    /** Runs the parser over the carry and then the chunk; keeps what still needs look-ahead. */
    private void process(byte[] a, int pos, int end, boolean eof) {
        while (true) {
            if (carryLen > 0) {
                int n = Math.min(end - pos, Math.max(0, Math.max(CARRY_FILL, waitFor) - carryLen));
                ensureCarry(carryLen + n);
                System.arraycopy(a, pos, carry, carryLen, n);
                carryLen += n;
                pos += n;
                int used = run(carry, 0, carryLen, eof && pos == end);
                int rest = carryLen - used;
                boolean gaveBack = regenLen > 0;
                if (gaveBack) {
                    ensureCarry(regenLen + rest);
                    System.arraycopy(carry, used, carry, regenLen, rest);
                    System.arraycopy(regen, 0, carry, 0, regenLen);
                    carryLen = regenLen + rest;
                    regenLen = 0;
                } else if (used > 0) {
                    // Waiting for a report's look-ahead, run decides nothing per fed byte: no copy then.
                    System.arraycopy(carry, used, carry, 0, rest);
                    carryLen = rest;
                }
                // Without a give-back, a non-empty carry is short of look-ahead: wait for more bytes.
                if (pos == end && (carryLen == 0 || !gaveBack)) {
                    return;
                }
            } else {
                if (pos == end) {
                    return;
                }
                pos = run(a, pos, end, eof);
                if (regenLen > 0) {
                    System.arraycopy(regen, 0, carry, 0, regenLen);
                    carryLen = regenLen;
                    regenLen = 0;
                    continue;
                }
                if (pos < end) {
                    int n = end - pos; // run only stops short for look-ahead
                    ensureCarry(n);
                    System.arraycopy(a, pos, carry, 0, n);
                    carryLen = n;
                }
                return;
            }
        }
    }

    /** Grows the carry to its one larger size when a sender report's look-ahead needs it. */
    private void ensureCarry(int bytes) {
        if (bytes > carry.length) {
            carry = Arrays.copyOf(carry, MAX_CARRY);
        }
    }

    /** Parses from {@code pos}; returns where it stopped (end, or short of look-ahead, or at a mismatch). */
    private int run(byte[] a, int pos, int end, boolean eof) {
        waitFor = 0;
        while (pos < end) {
            if (curKind != NONE && lookbackLeft == 0) {
                int max = (int) Math.min(end - pos, curLimit - curNext);
                int k = match(a, pos, max, curId, curNext);
                pos += k;
                consumed += k;
                curNext += k;
                if (curNext == curLimit) {
                    if (curKind == ORPHAN || endChecked || curNext == curFrameFrom - HDR || curLimit == 0) {
                        completePiece();
                        continue;
                    }
                    // The last bytes may have matched interrupting bytes by chance: only complete the
                    // packet once what follows can be attributed; otherwise look back as on a mismatch.
                    if (pos == end && eof) {
                        completePiece();
                        continue;
                    }
                    if (end - pos < LOOKAHEAD && !eof) {
                        return pos;
                    }
                    decide(a, pos, end, eof, false, true);
                    if (decKind == D_WAIT) {
                        return pos;
                    }
                    if (decKind != D_NONE) {
                        completePiece();
                        continue;
                    }
                    endChecked = true;
                    if (mismatch()) {
                        return pos;
                    }
                    continue;
                }
                if (k < max && mismatch()) {
                    return pos; // the caller puts the given-back bytes in front of the rest
                }
                continue;
            }
            if (end - pos < (lookbackLeft > 0 ? Math.max(LOOKAHEAD, lookbackLeft + 1) : LOOKAHEAD) && !eof) {
                return pos;
            }
            if (lookbackLeft > 0) {
                decide(a, pos, end, eof, true, true);
                if (decKind == D_WAIT) {
                    return pos;
                }
                if (decKind != D_NONE && decKind != D_ORPHAN) {
                    lookbackLeft = 0;
                    endPiece();
                    pos = act(a, pos);
                } else {
                    pos++;
                    consumed++;
                    curNext++;
                    if (--lookbackLeft == 0) {
                        if (curNext == curLimit) {
                            completePiece();
                        } else {
                            endPiece();
                        }
                    }
                }
                continue;
            }
            decide(a, pos, end, eof, false, false);
            if (decKind == D_WAIT) {
                return pos;
            }
            pos = act(a, pos);
        }
        return pos;
    }

    /** The current piece stopped matching at {@code consumed}: give back the last bytes for a second look. */
    private boolean mismatch() {
        long payloadStartOfPiece = curKind == FIRST ? 0 : Math.max(0, curFrameFrom - HDR);
        int back = (int) Math.min(LOOKBACK, curNext - payloadStartOfPiece);
        if (back <= 0) {
            endPiece();
            return false;
        }
        curNext -= back;
        consumed -= back;
        WireFormat.fillPayload(regen, 0, curId, curNext, back);
        regenLen = back;
        lookbackLeft = back;
        return true;
    }

    /** Acts on the decision made at {@code pos}; returns the next position. */
    private int act(byte[] a, int pos) {
        switch (decKind) {
            case D_HEADER -> {
                flushUnattributable();
                startHeaderPiece();
                consumed += HDR;
                if (decLen == 0) {
                    completePiece();
                }
                return pos + HDR;
            }
            case D_CONT -> {
                flushUnattributable();
                curKind = CONT;
                endChecked = false;
                curSlot = decSlot;
                curId = openId[decSlot];
                curThread = openThread[decSlot];
                curLimit = openLen[decSlot];
                curNext = openNext[decSlot];
                curStart = consumed;
                curFrameFrom = HDR + curNext;
                return pos;
            }
            case D_JOIN -> {
                flushUnattributable();
                int s = decSlot;
                int h = openHdrLen[s];
                System.arraycopy(a, pos, openHdr, s * HDR + h, HDR - h);
                int base = s * HDR;
                openHdrLen[s] = HDR;
                openThread[s] = ((openHdr[base + 8] & 0xFF) << 8) | (openHdr[base + 9] & 0xFF);
                openLen[s] = (int) INT_BE.get(openHdr, base + 12);
                openNext[s] = 0;
                curKind = CONT;
                endChecked = false;
                curSlot = s;
                curId = openId[s];
                curThread = openThread[s];
                curLimit = openLen[s];
                curNext = 0;
                curStart = consumed;
                curFrameFrom = h;
                consumed += HDR - h;
                if (curLimit == 0) {
                    completePiece();
                }
                return pos + HDR - h;
            }
            case D_SHORT -> {
                flushUnattributable();
                int s = decSlot;
                int k = decLen;
                long id = openId[s];
                long from = HDR + openNext[s];
                notifyOpen(SpliceSegment.piece(id, from, from + k), s);
                addSegment(s, SpliceSegment.self(id, from, from + k));
                openNext[s] += k;
                pieceBytes += k;
                consumed += k;
                return pos + k;
            }
            case D_PREFIX -> {
                flushUnattributable();
                int h = decLen;
                long id = Integer.toUnsignedLong((int) INT_BE.get(a, pos + 4));
                checkNewHeader(id);
                int thread = h >= 10 ? ((a[pos + 8] & 0xFF) << 8) | (a[pos + 9] & 0xFF) : -1;
                int len = h >= 16 ? (int) INT_BE.get(a, pos + 12) : -1;
                notifyOpen(SpliceSegment.piece(id, 0, h), -1);
                int slot = addOpen(id, thread, len, 0);
                System.arraycopy(a, pos, openHdr, slot * HDR, h);
                openHdrLen[slot] = h;
                addSegment(slot, SpliceSegment.self(id, 0, h));
                pieceBytes += h;
                consumed += h;
                return pos + h;
            }
            case D_REPORT -> {
                flushUnattributable();
                int len = decLen;
                if (senderReport == null) {
                    senderReport = SenderReport.decode(a, pos, len, hello.runId());
                    reportBytes += len;
                    notifyOpen(SpliceSegment.report(len), -1);
                    sink.senderReport(senderReport);
                } else {
                    problem(StreamProblem.Kind.REPEATED_REPORT, consumed, -1,
                            "a second sender report (" + len + " bytes): the first one counts, this one is unattributable");
                    unattrBytes += len;
                    notifyOpen(SpliceSegment.unattributable(len), -1);
                }
                consumed += len;
                return pos + len;
            }
            case D_ORPHAN -> {
                flushUnattributable();
                curKind = ORPHAN;
                curSlot = -1;
                curId = decId;
                curThread = -1;
                curLimit = Math.min(limits.maxPayload(), WireFormat.MAX_PAYLOAD);
                curNext = decOffset;
                curStart = consumed;
                curFrameFrom = HDR + curNext;
                return pos;
            }
            default -> {
                if (unattrRun == 0) {
                    unattrStart = consumed;
                }
                if (decProblem != null) {
                    problem(decProblem, consumed, -1, decDetail);
                }
                unattrRun++;
                unattrBytes++;
                consumed++;
                return pos + 1;
            }
        }
    }

    /**
     * A header (or a split header's prefix) of packet {@code id} starts here: a still-open packet of
     * the same id ends incomplete, and an id past the Hello's expectedPackets is reported.
     */
    private void checkNewHeader(long id) {
        int slot = findOpen(id);
        if (slot >= 0) {
            problem(StreamProblem.Kind.REPEATED_HEADER, consumed, id, "header of open packet #" + id);
            closeIncomplete(slot);
        }
        if (expected > 0 && id >= expected) {
            problem(StreamProblem.Kind.UNEXPECTED_ID, consumed, id, "id ≥ expectedPackets " + expected);
        }
    }

    private void startHeaderPiece() {
        checkNewHeader(decId);
        curKind = FIRST;
        endChecked = false;
        curSlot = -1;
        curId = decId;
        curThread = decThread;
        curLimit = decLen;
        curNext = 0;
        curStart = consumed;
        curFrameFrom = 0;
    }

    // ---------------------------------------------------------------- decisions

    /** Decides what starts at {@code pos}; sets the dec* fields. */
    private void decide(byte[] a, int pos, int end, boolean eof, boolean lookback, boolean excludeCurrent) {
        int n = end - pos;
        decKind = D_NONE;
        decProblem = null;
        if (n >= 4 && (int) INT_BE.get(a, pos) == SenderReport.MAGIC 
                && (consumed >= noReportBefore || consumed == failedReportAt)) {
            reportAt(a, pos, end, eof, lookback);
            if (decKind != D_NONE) {
                return;
            }
        }
        // (a) a valid header of the run
        if (n >= HDR && (int) INT_BE.get(a, pos) == WireFormat.FRAME_MAGIC) {
            StreamProblem.Kind p = checkHeader(a, pos);
            if (p == null) {
                decKind = D_HEADER;
                decId = Integer.toUnsignedLong((int) INT_BE.get(a, pos + 4));
                decThread = ((a[pos + 8] & 0xFF) << 8) | (a[pos + 9] & 0xFF);
                decLen = (int) INT_BE.get(a, pos + 12);
                return;
            }
            if (!lookback) {
                decProblem = p;
                decDetail = "header rejected: " + p;
                if (p == StreamProblem.Kind.OTHER_RUN) {
                    noOrphanBefore = consumed + HDR + Integer.toUnsignedLong((int) INT_BE.get(a, pos + 12));
                }
            }
        }
        // (b) an open packet continues exactly at its next expected offset; the longest match wins
        int best = -1;
        int bestLen = 0;
        boolean bestJoin = false;
        byte first = a[pos];
        for (int s = 0; s < openCount; s++) {
            if (excludeCurrent && openId[s] == curId) {
                continue;
            }
            if (openHdrLen[s] < HDR) {
                // The rest of a split header: valid joined, and 16 bytes of the frame's rest matching.
                int need = lookback ? Math.max(CONT_MATCH, lookbackLeft + 1) : CONT_MATCH;
                int m = joinMatch(a, pos, end, s, need);
                if (m > bestLen && (m == need || m == joinFrameRest || (eof && m == n))) {
                    best = s;
                    bestLen = m;
                    bestJoin = true;
                }
                continue;
            }
            int rem = openLen[s] - openNext[s];
            int need = Math.min(CONT_MATCH, rem);
            if (lookback) {
                // An interruption that began before the mismatch must also explain the mismatching
                // byte; otherwise a packet with a byte or two left matches by chance (1/256 a byte).
                if (rem < lookbackLeft + 1) {
                    continue;
                }
                need = Math.min(rem, Math.max(need, lookbackLeft + 1));
            }
            int cmp = Math.min(need, n);
            if (cmp <= bestLen || (cmp < need && !eof)) {
                continue;
            }
            if (first != WireFormat.payloadByte(openId[s], openNext[s])) {
                continue;
            }
            if (match(a, pos, cmp, openId[s], openNext[s]) == cmp) {
                best = s;
                bestLen = cmp;
                bestJoin = false;
            }
        }
        if (best >= 0) {
            decKind = bestJoin ? D_JOIN : D_CONT;
            decSlot = best;
            decProblem = null;
            return;
        }
        if (!lookback && n >= CONT_MATCH && consumed >= noOrphanBefore) {
            // (c) an orphan piece: one full payload word in 16 bytes names packet and offset
            long maxPayload = Math.min(limits.maxPayload(), WireFormat.MAX_PAYLOAD);
            for (int lead = 0; lead < 8; lead++) {
                long w = (long) LONG_BE.get(a, pos + lead);
                long p = WireFormat.packetOfWord(w);
                long o = (WireFormat.indexOfWord(w) << 3) - lead;
                if (o < 0 || o + CONT_MATCH > maxPayload || (expected > 0 && p >= expected) || findOpen(p) >= 0) {
                    continue;
                }
                if (match(a, pos, CONT_MATCH, p, o) == CONT_MATCH) {
                    decKind = D_ORPHAN;
                    decId = p;
                    decOffset = o;
                    decProblem = null;
                    return;
                }
            }
        }
        // (d) short pieces: decided with the longer look-ahead, the same at every chunking
        if (n < (lookback ? lookbackLeft + EXT_LOOKAHEAD : EXT_LOOKAHEAD) && !eof) {
            decKind = D_WAIT;
            return;
        }
        int covered = lookback ? lookbackLeft + 1 : 1;
        int exclude = excludeCurrent ? findOpen(curId) : -1;
        if (prefixAt(a, pos, end, 1, covered) > 0) {
            decKind = D_PREFIX;
            decLen = prefixLen;
            decProblem = null;
            return;
        }
        // In a look-back the current piece already explains these bytes, and payload words of nearby
        // ids share bytes: a short piece is believed only when nothing but a short piece explains any
        // position from here to the mismatching byte.
        if (shortAt(a, pos, end, 1, covered, exclude) > 0 && (!lookback || !strongUpToMismatch(a, pos, end, exclude))) {
            decKind = D_SHORT;
            decSlot = shortSlot;
            decLen = shortLen;
            decProblem = null;
        }
    }

    /**
     * The sender report at {@code pos} (its magic is there): {@link #D_REPORT} with the record's length
     * in {@code decLen} when both CRC32Cs hold and the run id is the Hello's; {@link #D_WAIT} (with
     * {@link #waitFor}) until the whole record is in the look-ahead or the stream ended; otherwise
     * {@link #D_NONE} with the reason in {@code decProblem}, and the bytes go on through the other rules.
     */
    private void reportAt(byte[] a, int pos, int end, boolean eof, boolean lookback) {
        int n = end - pos;
        String why;
        if (n < SenderReport.HEADER_BYTES) {
            // Decisions wait for 24 bytes, so fewer means the stream ended here.
            why = "the stream ended " + n + " bytes into what starts like a sender report: unattributable";
        } else {
            SenderReport.Problem p = SenderReport.checkHeader(a, pos, hello.runId());
            if (p != SenderReport.Problem.NONE) {
                why = "sender report rejected: " + p;
            } else {
                int len = SenderReport.recordLength(a, pos);
                if (n < len && !eof) {
                    decKind = D_WAIT;
                    waitFor = len;
                    return;
                }
                p = n < len ? SenderReport.Problem.TRUNCATED : SenderReport.check(a, pos, len, hello.runId());
                if (p == SenderReport.Problem.NONE) {
                    decKind = D_REPORT;
                    decLen = len;
                    return;
                }
                failedReportAt = consumed;
                noReportBefore = consumed + len;
                why = p == SenderReport.Problem.TRUNCATED
                        ? "the stream ended " + n + " bytes into a sender report of " + len + " bytes: unattributable"
                        : "sender report rejected: " + p;
            }
        }
        if (!lookback) {
            decProblem = StreamProblem.Kind.REPORT_REJECTED;
            decDetail = why;
        }
    }

    /** True when a header, a continuation or a header prefix explains a position after {@code x} up to the mismatch. */
    private boolean strongUpToMismatch(byte[] a, int x, int end, int exclude) {
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

    // Results of prefixAt / shortAt at depth 1 (fields: no allocation per decision).
    private int prefixLen, shortSlot, shortLen;

    /**
     * Bytes explained from {@code q} by something that needs no more proof: a valid header (24), a
     * continuation of an open packet other than {@code exclude} matching 16 bytes or the rest of its
     * packet, the rest of a split header (the same), or, below depth 2, a short piece or a header
     * prefix followed by such a boundary. 0 when none.
     */
    private int boundary(byte[] a, int q, int end, int depth, int exclude) {
        int n = end - q;
        if (n <= 0) {
            return 0;
        }
        if (n >= HDR && (int) INT_BE.get(a, q) == WireFormat.FRAME_MAGIC && checkHeader(a, q) == null) {
            return HDR;
        }
        if (n >= SenderReport.HEADER_BYTES && (int) INT_BE.get(a, q) == SenderReport.MAGIC
                && SenderReport.checkHeader(a, q, hello.runId()) == SenderReport.Problem.NONE) {
            return SenderReport.HEADER_BYTES;
        }
        for (int s = 0; s < openCount; s++) {
            if (s == exclude) {
                continue;
            }
            if (openHdrLen[s] < HDR) {
                int m = joinMatch(a, q, end, s, CONT_MATCH);
                if (m > 0 && (m == CONT_MATCH || m == joinFrameRest)) {
                    return m;
                }
                continue;
            }
            int need = Math.min(CONT_MATCH, openLen[s] - openNext[s]);
            if (need <= n && a[q] == WireFormat.payloadByte(openId[s], openNext[s])
                    && match(a, q, need, openId[s], openNext[s]) == need) {
                return need;
            }
        }
        if (depth < 2) {
            int m = prefixAt(a, q, end, depth + 1, 1);
            if (m > 0) {
                return m;
            }
            return shortAt(a, q, end, depth + 1, 1, exclude);
        }
        return 0;
    }

    /**
     * A header prefix of 8..23 bytes at {@code q} (magic, id, and every field it covers consistent with
     * this run: flags 0, length within the limit, run id, CRC bytes) followed by a boundary; the
     * longest such prefix wins. Returns the bytes explained (prefix and boundary) when that is at
     * least {@code covered}, else 0; at depth 1 sets {@link #prefixLen}.
     */
    private int prefixAt(byte[] a, int q, int end, int depth, int covered) {
        int n = end - q;
        if (n < MIN_PREFIX || (int) INT_BE.get(a, q) != WireFormat.FRAME_MAGIC) {
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
                if (depth == 1) {
                    prefixLen = h;
                }
                return h + b;
            }
        }
        return 0;
    }

    private boolean prefixConsistent(byte[] a, int q, int h, int crcValue) {
        if ((h > 10 && a[q + 10] != 0) || (h > 11 && a[q + 11] != 0)) {
            return false;
        }
        if (h >= 16 && Integer.toUnsignedLong((int) INT_BE.get(a, q + 12))
                > Math.min(limits.maxPayload(), WireFormat.MAX_PAYLOAD)) {
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
     * bytes explained when at least {@code covered}, else 0; at depth 1 sets {@link #shortSlot} and
     * {@link #shortLen}.
     */
    private int shortAt(byte[] a, int q, int end, int depth, int covered, int exclude) {
        int n = end - q;
        int bestSlot = -1, bestK = 0, bestExplained = 0;
        byte first = a[q];
        for (int s = 0; s < openCount; s++) {
            if (s == exclude || openHdrLen[s] < HDR || first != WireFormat.payloadByte(openId[s], openNext[s])) {
                continue;
            }
            int rem = openLen[s] - openNext[s];
            int k = match(a, q, Math.min(Math.min(CONT_MATCH - 1, rem - 1), n - 1), openId[s], openNext[s]);
            for (; k > 0 && k >= bestK; k--) {
                if (k == bestK && openId[s] > openId[bestSlot]) {
                    break;
                }
                int b = boundary(a, q + k, end, depth, s);
                if (b > 0 && k + b >= covered) {
                    bestSlot = s;
                    bestK = k;
                    bestExplained = k + b;
                    break;
                }
            }
        }
        if (bestSlot >= 0 && depth == 1) {
            shortSlot = bestSlot;
            shortLen = bestK;
        }
        return bestExplained;
    }

    /** Set by {@link #joinMatch}: frame bytes from the join point to the packet's end. */
    private int joinFrameRest;

    /**
     * For a slot holding a header prefix: how many of up to {@code need} bytes at {@code q} continue
     * its frame (the header's rest, then the payload), or -1 when the joined header is not valid.
     */
    private int joinMatch(byte[] a, int q, int end, int s, int need) {
        int h = openHdrLen[s];
        int rest = HDR - h;
        if (end - q < rest) {
            return -1;
        }
        System.arraycopy(openHdr, s * HDR, joinScratch, 0, h);
        System.arraycopy(a, q, joinScratch, h, rest);
        if (checkHeader(joinScratch, 0) != null
                || Integer.toUnsignedLong((int) INT_BE.get(joinScratch, 4)) != openId[s]) {
            return -1;
        }
        int len = (int) INT_BE.get(joinScratch, 12);
        joinFrameRest = rest + len;
        int more = Math.min(Math.min(need - rest, len), end - q - rest);
        return rest + (more > 0 ? match(a, q + rest, more, openId[s], 0) : 0);
    }

    /** Null when the 24 bytes are a valid header of this run. */
    private StreamProblem.Kind checkHeader(byte[] a, int pos) {
        crc.reset();
        crc.update(a, pos, 20);
        if ((int) INT_BE.get(a, pos + 20) != (int) crc.getValue()) {
            return StreamProblem.Kind.BAD_HEADER_CRC;
        }
        if (a[pos + 10] != 0 || a[pos + 11] != 0) {
            return StreamProblem.Kind.BAD_HEADER_FLAGS;
        }
        long len = Integer.toUnsignedLong((int) INT_BE.get(a, pos + 12));
        if (len > Math.min(limits.maxPayload(), WireFormat.MAX_PAYLOAD)) {
            return StreamProblem.Kind.LENGTH_OVER_LIMIT;
        }
        if ((int) INT_BE.get(a, pos + 16) != runIdLow) {
            return StreamProblem.Kind.OTHER_RUN;
        }
        return null;
    }

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

    // ---------------------------------------------------------------- pieces

    /** The current piece reached the end of its packet. */
    private void completePiece() {
        switch (curKind) {
            case FIRST -> {
                wholeBytes += HDR + curLimit;
                curKind = NONE;
                if (openCount > 0) {
                    // Only a torn packet still open keeps it; no segment per intact packet otherwise
                    // (it was most of the verifier's allocation: 44 MB in a 4 s run).
                    notifyOpen(SpliceSegment.whole(curId), -1);
                }
                sink.packetWhole(curId, curThread, (int) curLimit);
            }
            case CONT -> {
                int slot = curSlot;
                pieceBytes += consumed - curStart;
                curKind = NONE;
                SpliceSegment self = SpliceSegment.self(curId, curFrameFrom, HDR + curNext);
                notifyOpen(SpliceSegment.piece(curId, curFrameFrom, HDR + curNext), slot);
                addSegment(slot, self);
                openNext[slot] = (int) curNext;
                emitTorn(slot, true);
                removeOpen(slot);
            }
            default -> endPiece();
        }
    }

    /** The current piece ends at {@code consumed} before its packet is complete. */
    private void endPiece() {
        int kind = curKind;
        if (kind == NONE) {
            return;
        }
        curKind = NONE;
        long len = consumed - curStart;
        pieceBytes += len;
        long to = HDR + curNext;
        switch (kind) {
            case FIRST -> {
                notifyOpen(SpliceSegment.piece(curId, 0, to), -1);
                int slot = addOpen(curId, curThread, (int) curLimit, (int) curNext);
                addSegment(slot, SpliceSegment.self(curId, 0, to));
            }
            case CONT -> {
                notifyOpen(SpliceSegment.piece(curId, curFrameFrom, to), curSlot);
                addSegment(curSlot, SpliceSegment.self(curId, curFrameFrom, to));
                openNext[curSlot] = (int) curNext;
            }
            default -> {
                notifyOpen(SpliceSegment.piece(curId, curFrameFrom, to), -1);
                problem(StreamProblem.Kind.ORPHAN_PIECE, curStart, curId,
                        "payload bytes " + (curFrameFrom - HDR) + ".." + (curNext - 1) + " of #" + curId + " without header");
                SpliceSegment self = SpliceSegment.self(curId, curFrameFrom, to);
                tornOut(new TornPacket(curId, -1, -1, false, List.of(self), 1, false));
            }
        }
    }

    private void flushUnattributable() {
        if (unattrRun > 0) {
            notifyOpen(SpliceSegment.unattributable(unattrRun), -1);
            problem(StreamProblem.Kind.GARBAGE, unattrStart, -1, unattrRun + " unattributable bytes");
            unattrRun = 0;
        }
    }

    // ---------------------------------------------------------------- open table

    private int findOpen(long id) {
        for (int s = 0; s < openCount; s++) {
            if (openId[s] == id) {
                return s;
            }
        }
        return -1;
    }

    private int addOpen(long id, int thread, int len, int next) {
        if (openCount == openId.length) {
            int oldest = 0;
            for (int s = 1; s < openCount; s++) {
                if (openSeq[s] < openSeq[oldest]) {
                    oldest = s;
                }
            }
            problem(StreamProblem.Kind.OPEN_TABLE_FULL, consumed, openId[oldest],
                    "open table full (" + openId.length + "): #" + openId[oldest] + " closed as incomplete");
            closeIncomplete(oldest);
        }
        int s = openCount++;
        openId[s] = id;
        openThread[s] = thread;
        openLen[s] = len;
        openNext[s] = next;
        openSeq[s] = seq++;
        openSegCount[s] = 0;
        openTrunc[s] = false;
        openHdrLen[s] = HDR;
        if (s == openSegs.size()) {
            openSegs.add(new ArrayList<>());
        } else {
            openSegs.get(s).clear();
        }
        return s;
    }

    /** Moves the last slot into {@code s}; the current piece's slot follows the move. */
    private void removeOpen(int s) {
        int last = --openCount;
        if (s != last) {
            openId[s] = openId[last];
            openThread[s] = openThread[last];
            openLen[s] = openLen[last];
            openNext[s] = openNext[last];
            openSeq[s] = openSeq[last];
            openSegCount[s] = openSegCount[last];
            openTrunc[s] = openTrunc[last];
            openHdrLen[s] = openHdrLen[last];
            System.arraycopy(openHdr, last * HDR, openHdr, s * HDR, HDR);
            List<SpliceSegment> tmp = openSegs.get(s);
            openSegs.set(s, openSegs.get(last));
            openSegs.set(last, tmp);
            if (curSlot == last) {
                curSlot = s;
            }
        }
        openSegs.get(last).clear();
    }

    private void closeIncomplete(int s) {
        // Trailing segments of others are not "between" this packet's bytes: drop them.
        List<SpliceSegment> segs = openSegs.get(s);
        if (!openTrunc[s]) {
            while (!segs.isEmpty() && segs.getLast().kind() != SpliceSegment.Kind.SELF) {
                segs.removeLast();
                openSegCount[s]--;
            }
        }
        emitTorn(s, false);
        if (curKind == CONT && curSlot == s) {
            curKind = NONE; // cannot happen while a piece is read; kept for safety
        }
        removeOpen(s);
    }

    private void addSegment(int s, SpliceSegment seg) {
        List<SpliceSegment> segs = openSegs.get(s);
        if (!segs.isEmpty() && !openTrunc[s]) {
            SpliceSegment last = segs.getLast();
            if (last.kind() == SpliceSegment.Kind.UNATTRIBUTABLE && seg.kind() == SpliceSegment.Kind.UNATTRIBUTABLE) {
                segs.set(segs.size() - 1, SpliceSegment.unattributable(last.to() + seg.to()));
                return;
            }
            if (last.kind() == seg.kind() && last.packetId() == seg.packetId() && last.to() == seg.from()
                    && (seg.kind() == SpliceSegment.Kind.PIECE || seg.kind() == SpliceSegment.Kind.SELF)) {
                segs.set(segs.size() - 1, new SpliceSegment(seg.kind(), seg.packetId(), last.from(), seg.to()));
                return;
            }
        }
        openSegCount[s]++;
        if (segs.size() < limits.maxSegmentsPerPacket()) {
            segs.add(seg);
        } else {
            // Past the bound the last slot always holds the latest segment: a splice's end (where the
            // packet resumed) says more than its 64th step.
            segs.set(segs.size() - 1, seg);
            openTrunc[s] = true;
        }
    }

    private void notifyOpen(SpliceSegment seg, int exceptSlot) {
        for (int s = 0; s < openCount; s++) {
            if (s != exceptSlot) {
                addSegment(s, seg);
            }
        }
    }

    private void emitTorn(int s, boolean complete) {
        tornOut(new TornPacket(openId[s], openThread[s], openLen[s], complete, openSegs.get(s),
                openSegCount[s], openTrunc[s]));
    }

    private void tornOut(TornPacket t) {
        sink.packetTorn(tornDetails++ < limits.maxTornDetails() ? t : t.withoutDetails());
    }

    // ---------------------------------------------------------------- reporting

    private void problem(StreamProblem.Kind kind, long offset, long packetId, String detail) {
        problemCounts[kind.ordinal()]++;
        sink.problem(new StreamProblem(kind, offset, packetId, detail));
    }

    private void reportBytes() {
        ByteAccount now = byteAccount();
        ByteAccount delta = now.minus(reported);
        if (!delta.isZero()) {
            reported = now;
            sink.bytes(delta);
        }
    }

    @Override
    public String toString() {
        return "StreamVerifier" + byteAccount() + " open=" + openCount + " problems=" + Arrays.toString(problemCounts);
    }
}
