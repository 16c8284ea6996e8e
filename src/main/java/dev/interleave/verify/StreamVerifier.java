package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The incremental verifier of one connection's stream (docs/PROTOCOL.md, "What the verifier
 * decides"). Pure: no I/O, no threads. Fed chunks of any size; reports to a {@link VerdictSink} as it
 * goes. Memory is bounded by {@link VerifierLimits}, never by a length read from the wire, and the work
 * per byte by constants, never by how many packets are open.
 *
 * <p>Not thread-safe: one thread at a time feeds it (the sink is called on that thread).
 *
 * <p>Decisions are made with a fixed look-ahead of 24 bytes (or the rest of the stream at its end),
 * so how the stream is chunked never changes the result. At a position not inside a piece the
 * verifier tries, in order: the sender report, whose decision waits for its whole record (at most
 * {@link SenderReport#MAX_ENCODED_LENGTH} bytes); (a) a valid header of the run; (b) the continuation
 * of an open packet at exactly its next expected offset (16 bytes of look-ahead, or what is left of
 * the packet); (c) a piece named by its payload words (16 bytes matching), of an open packet resuming
 * further on or of one without its header; then, with
 * {@value #EXT_LOOKAHEAD} bytes of look-ahead, a header prefix (8..23 bytes) or a short continuation
 * (1..15 bytes) followed by a decisive boundary ({@link PieceRules}); else (d) the byte is
 * unattributable, and so is every byte up to where a rule may hold again ({@link GarbageScan}): told
 * in one step, the same bytes as deciding each one. A bad Hello makes the whole stream
 * unattributable: without a run id no header can be trusted.
 */
public final class StreamVerifier {
    private static final int HDR = WireFormat.HEADER_SIZE;
    private static final int MIN_PREFIX = PieceRules.MIN_PREFIX;
    /** Every decision waits for this much look-ahead: a whole header. */
    private static final int LOOKAHEAD = HDR;
    /** Bytes a continuation or an orphan piece must match before it is believed. */
    private static final int CONT_MATCH = PieceRules.CONT_MATCH;
    /** On a mismatch, how far back interrupting bytes may have matched by chance. */
    private static final int LOOKBACK = 32;
    private static final int CARRY_FILL = 128;
    /**
     * Look-ahead of the rules for short pieces (a continuation under 16 bytes, a header prefix): a
     * header prefix (≤ 23), then one more prefix (≤ 23) or short piece (≤ 15), then a confirming
     * header (24) or continuation (16) fits in 70 bytes.
     */
    static final int EXT_LOOKAHEAD = PieceRules.SHORT_RULES_LOOKAHEAD;

    private static final int HELLO_WAITING = 0, HELLO_OK = 1, HELLO_BAD = 2;
    private static final int NONE = 0, FIRST = 1, CONT = 2, ORPHAN = 3;
    private static final int D_NONE = 0, D_HEADER = 1, D_CONT = 2, D_NAMED = 3;
    /** Short continuation, header prefix, the rest of a split header, or: wait for more look-ahead. */
    private static final int D_SHORT = 4, D_PREFIX = 5, D_JOIN = 6, D_WAIT = 7, D_REPORT = 8;
    /** Room for the longest look-ahead: a whole sender report, given-back bytes in front of it, a header. */
    private static final int MAX_CARRY = SenderReport.MAX_ENCODED_LENGTH + LOOKBACK + HDR;

    private final VerifierLimits limits;
    private final VerdictSink sink;

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

    // Torn packets waiting for the rest of their bytes, what came between their pieces, and the rules
    // that tell which of them the next bytes continue (made once the Hello gives the run id).
    private final OpenPackets open;
    private final SpliceLog splices;
    private PieceRules rules;
    // Where a rule may hold again in unattributable bytes: rules run at every byte from a little before
    // the sign the last scan found up to it (its stream offset), and the bytes before are skipped.
    private GarbageScan scan;
    private long signAt = -1;
    private boolean scanOff;

    // Decision result (fields: no allocation per decision).
    private int decKind, decSlot, decThread, decLen, decJoinAt;
    private long decId, decOffset;
    private StreamProblem.Kind decProblem;
    private String decDetail;

    private final long[] problemCounts = new long[StreamProblem.Kind.values().length];
    private Claims claims;
    private int tornDetails;
    private boolean finished;

    /**
     * A verifier for one stream. Any thread; the verifier then belongs to the feeding thread.
     */
    public StreamVerifier(VerifierLimits limits, VerdictSink sink) {
        this.limits = limits;
        this.sink = sink;
        open = new OpenPackets(limits.maxOpenPackets());
        splices = new SpliceLog(limits.maxSegmentsPerPacket());
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
            while (open.size() > 0) {
                closeIncomplete(open.size() - 1);
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
        return open.size();
    }

    /** What a verifier says of each stretch of the stream, with its stream offset: for tests that check every byte. */
    interface Claims {
        /**
         * Bytes [at, at + length) are: packet {@code packetId}'s frame bytes from {@code frameFrom}
         * (PIECE), its whole frame (WHOLE), a sender report (REPORT, packetId -1) or unattributable
         * (UNATTRIBUTABLE, packetId -1). The Hello is not told.
         */
        void claim(long at, long length, SpliceSegment.Kind kind, long packetId, long frameFrom);
    }

    /** Tells {@code c} every claim from now on. Feeding thread. */
    void watchClaims(Claims c) {
        claims = c;
    }

    private void claim(long at, long length, SpliceSegment.Kind kind, long packetId, long frameFrom) {
        if (claims != null && length > 0) {
            claims.claim(at, length, kind, packetId, frameFrom);
        }
    }

    /** Runs the rules at every byte, as without {@link GarbageScan}: for tests that compare the two. Before feeding. */
    void decideEveryByte() {
        scanOff = true;
    }

    /** Steps of decision work so far (candidates looked at, boundaries worked out): tests bound it per byte. */
    long workSteps() {
        return rules == null ? 0 : rules.work();
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
                rules = new PieceRules(open, limits.maxPayload(), hello.runId(), expected, hello.threads());
                scan = new GarbageScan(open, runIdLow, limits.maxPayload());
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
                int own = carryLen;
                int n = Math.min(end - pos, Math.max(0, Math.max(CARRY_FILL, waitFor) - carryLen));
                ensureCarry(carryLen + n);
                System.arraycopy(a, pos, carry, carryLen, n);
                carryLen += n;
                pos += n;
                int used = run(carry, 0, carryLen, eof && pos == end);
                int rest = carryLen - used;
                boolean gaveBack = regenLen > 0;
                if (!gaveBack && used >= own) {
                    // The carry's own bytes are decided; the rest are still in the chunk: go on there.
                    carryLen = 0;
                    pos -= rest;
                    continue;
                }
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
        int lo = pos;
        while (pos < end) {
            if (curKind != NONE && lookbackLeft == 0) {
                int max = (int) Math.min(end - pos, curLimit - curNext);
                int k = PieceRules.match(a, pos, max, curId, curNext);
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
                if (decKind == D_HEADER || decKind == D_REPORT || decKind == D_JOIN || decKind == D_PREFIX) {
                    // A header (its CRC32C, or magic and fields) shows where the interruption began.
                    lookbackLeft = 0;
                    endPiece();
                    pos = act(a, pos);
                } else if (decKind != D_NONE && !endChecked) {
                    // A payload match shows only that these bytes fit the other packet too: from here to
                    // the mismatch they fit both, so they are neither's. Decisions go on at the mismatch.
                    int both = lookbackLeft;
                    lookbackLeft = 0;
                    endPiece();
                    unattributable(both);
                    pos += both;
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
            if (unattrRun > 0) {
                // In a run of unattributable bytes (here, or at the end of the last chunk): no rule
                // holds before the next sign, so the scan's answer is the rules' (any position outside
                // a piece would do; inside such a run it is likely to pay).
                pos = skipUnattributable(a, lo, pos, end);
            }
            decide(a, pos, end, eof, false, false);
            if (decKind == D_WAIT) {
                return pos;
            }
            pos = act(a, pos);
        }
        return pos;
    }

    /**
     * At a position outside a piece: the bytes up to where a rule may hold again ({@link GarbageScan})
     * are unattributable, told in one step. Returns the next position to decide.
     */
    private int skipUnattributable(byte[] a, int lo, int pos, int end) {
        int limit = end - GarbageScan.MARGIN;
        if (scanOff || consumed <= signAt || limit - pos < 16) {
            return pos;
        }
        int d = scan.nextSign(a, lo, pos, end);
        int to = d < 0 ? limit : Math.min(limit, d - scan.back());
        signAt = d < 0 ? -1 : consumed + (d - pos);
        if (to > pos) {
            unattributable(to - pos);
            return to;
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
                curId = open.id(decSlot);
                curThread = open.thread(decSlot);
                curLimit = open.limit(decSlot);
                curNext = open.next(decSlot);
                curStart = consumed;
                curFrameFrom = HDR + curNext;
                return pos;
            }
            case D_JOIN -> {
                flushUnattributable();
                int s = decSlot;
                int h = decJoinAt;
                resolvePrefix(s, h);
                open.join(s, a, pos, h);
                curKind = CONT;
                endChecked = false;
                curSlot = s;
                curId = open.id(s);
                curThread = open.thread(s);
                curLimit = open.length(s);
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
                long id = open.id(s);
                long from = HDR + open.next(s);
                notifyOpen(SpliceSegment.piece(id, from, from + k), s);
                splices.own(s, SpliceSegment.self(id, from, from + k));
                open.setNext(s, open.next(s) + k);
                claim(consumed, k, SpliceSegment.Kind.PIECE, id, from);
                pieceBytes += k;
                consumed += k;
                return pos + k;
            }
            case D_PREFIX -> {
                flushUnattributable();
                int h = decLen;
                long id = Integer.toUnsignedLong(WireFormat.getInt(a, pos + 4));
                checkNewHeader(id);
                // A prefix is held, not claimed: its bytes (the magic and id may be pieces of other
                // headers, the thread and length anything) are the packet's once the rest of the
                // header joins and the CRC32C proves them. Splices told before then see them as
                // unattributable.
                long held = splices.held(id, h, open.size());
                int slot = addOpen(id, -1, -1, 0, SpliceSegment.self(id, 0, h));
                splices.setHeld(slot, held);
                open.setPrefix(slot, a, pos, h, consumed);
                consumed += h;
                return pos + h;
            }
            case D_REPORT -> {
                flushUnattributable();
                int len = decLen;
                if (senderReport == null) {
                    senderReport = SenderReport.decode(a, pos, len, hello.runId());
                    claim(consumed, len, SpliceSegment.Kind.REPORT, -1, 0);
                    reportBytes += len;
                    notifyOpen(SpliceSegment.report(len), -1);
                    sink.senderReport(senderReport);
                } else {
                    problem(StreamProblem.Kind.REPEATED_REPORT, consumed, -1,
                            "a second sender report (" + len + " bytes): the first one counts, this one is unattributable");
                    unattrBytes += len;
                    claim(consumed, len, SpliceSegment.Kind.UNATTRIBUTABLE, -1, 0);
                    notifyOpen(SpliceSegment.unattributable(len), -1);
                }
                consumed += len;
                return pos + len;
            }
            case D_NAMED -> {
                flushUnattributable();
                if (decSlot >= 0) {
                    // An open packet resumes past its next offset: the bytes in between were not its own.
                    int s = decSlot;
                    open.markGap(s);
                    curKind = CONT;
                    curSlot = s;
                    curThread = open.thread(s);
                    curLimit = Math.min(open.limit(s), Math.min(limits.maxPayload(), WireFormat.MAX_PAYLOAD));
                } else {
                    curKind = ORPHAN;
                    curSlot = -1;
                    curThread = -1;
                    curLimit = Math.min(limits.maxPayload(), WireFormat.MAX_PAYLOAD);
                }
                endChecked = false;
                curId = decId;
                curNext = decOffset;
                curStart = consumed;
                curFrameFrom = HDR + curNext;
                return pos;
            }
            default -> {
                if (decProblem != null) {
                    problem(decProblem, consumed, -1, decDetail);
                }
                unattributable(1);
                return pos + 1;
            }
        }
    }

    /**
     * The rest of slot {@code s}'s header joined after its first {@code h} bytes: the held prefix's
     * bytes up to h are the packet's, those after h (when the prefix was taken longer than it was)
     * are not. With {@code h} = 0 the header never joined: none of them are.
     */
    private void resolvePrefix(int s, int h) {
        int held = open.headerLength(s);
        long at = open.prefixAt(s);
        long id = open.id(s);
        pieceBytes += h;
        unattrBytes += held - h;
        claim(at, h, SpliceSegment.Kind.PIECE, id, 0);
        claim(at + h, held - h, SpliceSegment.Kind.UNATTRIBUTABLE, -1, 0);
        splices.resolveHeld(s, h);
        if (h > 0) {
            splices.reviseFirst(s, SpliceSegment.self(id, 0, h), held - h);
        }
    }

    /**
     * A header (or a split header's prefix) of packet {@code id} starts here: a still-open packet of
     * the same id ends incomplete, and an id past the Hello's expectedPackets is reported.
     */
    private void checkNewHeader(long id) {
        int slot = open.find(id);
        if (slot >= 0) {
            if (!open.prefixOnly(slot) || splices.ownPieces(slot) > 1) {
                problem(StreamProblem.Kind.REPEATED_HEADER, consumed, id, "header of open packet #" + id);
            }
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
        rules.at(pos, consumed);
        if (n >= 4 && WireFormat.getInt(a, pos) == SenderReport.MAGIC
                && (consumed >= noReportBefore || consumed == failedReportAt)) {
            reportAt(a, pos, end, eof, lookback);
            if (decKind != D_NONE) {
                return;
            }
        }
        // (a) a valid header of the run
        if (n >= HDR && WireFormat.getInt(a, pos) == WireFormat.FRAME_MAGIC) {
            StreamProblem.Kind p = rules.checkHeader(a, pos);
            if (p == null) {
                decKind = D_HEADER;
                decId = Integer.toUnsignedLong(WireFormat.getInt(a, pos + 4));
                decThread = ((a[pos + 8] & 0xFF) << 8) | (a[pos + 9] & 0xFF);
                decLen = WireFormat.getInt(a, pos + 12);
                return;
            }
            if (!lookback) {
                decProblem = p;
                decDetail = "header rejected: " + p;
                if (p == StreamProblem.Kind.OTHER_RUN) {
                    noOrphanBefore = consumed + HDR + Integer.toUnsignedLong(WireFormat.getInt(a, pos + 12));
                }
            }
        }
        // (b) an open packet continues exactly at its next expected offset; the longest match wins
        int best = rules.continuation(a, pos, end, eof, lookback ? lookbackLeft + 1 : 0, excludeCurrent ? curId : -1);
        if (best >= 0) {
            decKind = rules.joined ? D_JOIN : D_CONT;
            decSlot = best;
            decJoinAt = rules.joinAt;
            decProblem = null;
            return;
        }
        // (c) a piece named by its payload words: an open packet resuming past its next offset, or an
        // orphan; inside another run's frame its payload names nobody of ours
        if (consumed >= noOrphanBefore
                && rules.named(a, pos, end, eof, lookback ? lookbackLeft + 1 : 1, excludeCurrent ? curId : -1)) {
            decKind = D_NAMED;
            decSlot = rules.namedSlot;
            decId = rules.namedId;
            decOffset = rules.namedOffset;
            decProblem = null;
            return;
        }
        // (d) short pieces: decided with the longer look-ahead, the same at every chunking
        if (n < (lookback ? lookbackLeft + EXT_LOOKAHEAD : EXT_LOOKAHEAD) && !eof) {
            decKind = D_WAIT;
            return;
        }
        int covered = lookback ? lookbackLeft + 1 : 1;
        int exclude = excludeCurrent ? open.find(curId) : -1;
        if (rules.prefixAt(a, pos, end, 1, covered) > 0) {
            decKind = D_PREFIX;
            decLen = rules.prefixLen;
            decProblem = null;
            return;
        }
        // In a look-back the current piece already explains these bytes, and payload words of nearby
        // ids share bytes: a short piece is believed only when nothing but a short piece explains any
        // position from here to the mismatching byte.
        if (rules.shortAt(a, pos, end, 1, covered, exclude) > 0) {
            int slot = rules.shortSlot;
            int len = rules.shortLen;
            if (!lookback || !rules.strongUpToMismatch(a, pos, end, lookbackLeft, exclude)) {
                decKind = D_SHORT;
                decSlot = slot;
                decLen = len;
                decProblem = null;
            }
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

    // ---------------------------------------------------------------- pieces

    /** The current piece reached the end of its packet. */
    private void completePiece() {
        switch (curKind) {
            case FIRST -> {
                wholeBytes += HDR + curLimit;
                claim(curStart, HDR + curLimit, SpliceSegment.Kind.WHOLE, curId, 0);
                curKind = NONE;
                if (open.size() > 0) {
                    // A whole packet is a step of a splice only while a torn packet is open to keep it.
                    notifyOpen(SpliceSegment.whole(curId), -1);
                }
                sink.packetWhole(curId, curThread, (int) curLimit);
            }
            case CONT -> {
                int slot = curSlot;
                pieceBytes += consumed - curStart;
                claim(curStart, consumed - curStart, SpliceSegment.Kind.PIECE, curId, curFrameFrom);
                curKind = NONE;
                notifyOpen(SpliceSegment.piece(curId, curFrameFrom, HDR + curNext), slot);
                splices.own(slot, SpliceSegment.self(curId, curFrameFrom, HDR + curNext));
                boolean all = !open.hasGap(slot) && open.headerLength(slot) == HDR;
                tornOut(splices.complete(slot, curId, curThread, open.length(slot), all));
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
        // Without the packet's length its frame's end is unknown, and bytes past it may match its
        // payload pattern by chance (words of nearby ids share bytes, up to a whole word): a piece
        // keeps its whole words but the last.
        int past = 0;
        if (kind == ORPHAN || (kind == CONT && open.length(curSlot) < 0)) {
            past = (int) (curNext - Math.max(curFrameFrom - HDR, (curNext - 1) & ~7L));
            curNext -= past;
            consumed -= past;
        }
        long len = consumed - curStart;
        pieceBytes += len;
        claim(curStart, len, SpliceSegment.Kind.PIECE, curId, curFrameFrom);
        long to = HDR + curNext;
        switch (kind) {
            case FIRST -> {
                notifyOpen(SpliceSegment.piece(curId, 0, to), -1);
                addOpen(curId, curThread, (int) curLimit, (int) curNext, SpliceSegment.self(curId, 0, to));
            }
            case CONT -> {
                notifyOpen(SpliceSegment.piece(curId, curFrameFrom, to), curSlot);
                splices.own(curSlot, SpliceSegment.self(curId, curFrameFrom, to));
                open.setNext(curSlot, (int) curNext);
            }
            default -> {
                // Its payload named it: it is open from now on, without its header, so that its later
                // pieces continue it.
                notifyOpen(SpliceSegment.piece(curId, curFrameFrom, to), -1);
                problem(StreamProblem.Kind.ORPHAN_PIECE, curStart, curId,
                        "payload bytes " + (curFrameFrom - HDR) + ".." + (curNext - 1) + " of #" + curId + " without header");
                int s = addOpen(curId, -1, -1, (int) curNext, SpliceSegment.self(curId, curFrameFrom, to));
                open.setHeaderless(s);
            }
        }
        if (past > 0) {
            unattributable(past);
        }
    }

    /** The next {@code n} bytes belong to no frame that can be told. */
    private void unattributable(int n) {
        if (unattrRun == 0) {
            unattrStart = consumed;
        }
        unattrRun += n;
        unattrBytes += n;
        consumed += n;
    }

    private void flushUnattributable() {
        if (unattrRun > 0) {
            claim(unattrStart, unattrRun, SpliceSegment.Kind.UNATTRIBUTABLE, -1, 0);
            notifyOpen(SpliceSegment.unattributable(unattrRun), -1);
            problem(StreamProblem.Kind.GARBAGE, unattrStart, -1, unattrRun + " unattributable bytes");
            unattrRun = 0;
        }
    }

    // ---------------------------------------------------------------- open table

    /** Opens a torn packet whose first piece is {@code first}; the oldest open one closes first when full. */
    private int addOpen(long id, int thread, int len, int next, SpliceSegment first) {
        if (open.isFull()) {
            int oldest = open.oldest();
            problem(StreamProblem.Kind.OPEN_TABLE_FULL, consumed, open.id(oldest),
                    "open table full (" + open.capacity() + "): #" + open.id(oldest) + " closed as incomplete");
            closeIncomplete(oldest);
        }
        int s = open.add(id, thread, len, next);
        splices.open(s, first);
        return s;
    }

    /** Removes slot {@code s}; the slot that moves into its place keeps its splice and stays current. */
    private void removeOpen(int s) {
        int moved = open.remove(s);
        if (moved >= 0) {
            splices.move(moved, s);
            if (curSlot == moved) {
                curSlot = s;
            }
        }
    }

    /** A packet that never continued (a piece in progress is never closed: only between pieces). */
    private void closeIncomplete(int s) {
        if (open.prefixOnly(s)) {
            // A header prefix never proven: nothing of it is told. A packet with nothing else of its own
            // is no torn packet at all (the prefix may have been pieces of other headers).
            resolvePrefix(s, 0);
            if (splices.ownPieces(s) > 1) {
                tornOut(splices.incompleteWithoutFirst(s, open.id(s)));
            }
            removeOpen(s);
            return;
        }
        tornOut(splices.incomplete(s, open.id(s), open.thread(s), open.length(s)));
        removeOpen(s);
    }

    private void notifyOpen(SpliceSegment seg, int exceptSlot) {
        if (open.size() > 0) {
            splices.stretch(seg, exceptSlot, open.size());
        }
    }

    private void tornOut(TornPacket t) {
        // Details only while the (possibly server-wide) splice budget gives them; the counts stay exact.
        boolean keep = tornDetails++ < limits.maxTornDetails() && limits.spliceBudget().tryTake(t.segments().size());
        sink.packetTorn(keep ? t : t.withoutDetails());
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
        return "StreamVerifier" + byteAccount() + " open=" + open.size() + " problems=" + Arrays.toString(problemCounts);
    }
}
