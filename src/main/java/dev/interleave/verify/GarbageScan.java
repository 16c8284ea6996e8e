package dev.interleave.verify;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;

/**
 * Where, in bytes that no rule explains, a rule may hold again (docs/PROTOCOL.md §5, "Work per
 * byte"): signs that every rule needs, looked for eight bytes at a time, so that the verifier runs
 * its rules only near them and tells the bytes before as unattributable in one step. The signs:
 * <ul>
 * <li>a header, a header prefix and a sender report start with "I" (then "LVF" or "LVR");
 * <li>16 bytes of payload (a continuation, a piece named by its payload words) hold a whole payload
 *     word, whose fifth byte is 0x7F at every index below 2^24 (offsets below 128 MiB), and which
 *     names a packet and an offset that the bytes around it continue; a named piece shorter than 16
 *     bytes ends its packet, which the word then tells;
 * <li>the rest of a split header holds the run id (joined after 8..16 bytes) or payload word 0, whose
 *     low half is 7F 4A 7C 15 (after 16..23 bytes, when the frame has 8 payload bytes or more);
 * <li>the end of a frame too short for a whole word (a packet's last 1..15 bytes, the rest of a split
 *     header of a frame with fewer than 8 payload bytes) starts with a byte the open table lists;
 * <li>a short piece is believed only before one of these, at most two pieces (30 bytes) on.
 * </ul>
 * A position is skipped only when no sign is within reach of it, so the answer depends on the bytes
 * and the open table alone, never on chunking; the last {@value #MARGIN} bytes of what is in hand are
 * never skipped (the end of the stream lets a rule hold on fewer bytes there). Not thread-safe (the
 * verifier's feeding thread).
 */
final class GarbageScan {
    /** A sign at d is told by the bytes from d - 12 to d + 12. */
    private static final int SIGN_READS = 12;
    /** A rule holding at x shows its sign by x + 12 (payload word 0 after the rest of a split header). */
    private static final int SIGN_AFTER = 12;
    /** Short pieces in front of a boundary: two of at most 15 bytes (a prefix is itself a sign). */
    private static final int SHORT_CHAIN = 2 * (PieceRules.CONT_MATCH - 1);
    /**
     * Bytes at the end of what is in hand that are never skipped: room for a sign after a short chain
     * and what telling it reads (30 + 12 + 12), and more than a rule may hold on at the end of the
     * stream with fewer bytes than it asks (a continuation's or a named piece's 16, or 33 in a look-back).
     */
    static final int MARGIN = 56;

    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long MAGIC_FIRST = ONES * 'I';
    private static final long WORD_MARK = ONES * 0x7F;
    /** Payload word indexes a continuation or a named piece can reach: offsets up to the largest payload. */
    private static final long MAX_INDEX = (WireFormat.MAX_PAYLOAD + 2L * PieceRules.CONT_MATCH) >>> 3;

    private final OpenPackets open;
    private final int runIdLow;
    /** The largest payload a piece may reach without a known length. */
    private final long maxPayload;
    private int back;

    GarbageScan(OpenPackets open, int runIdLow, long maxPayload) {
        this.open = open;
        this.runIdLow = runIdLow;
        this.maxPayload = Math.min(maxPayload, WireFormat.MAX_PAYLOAD);
    }

    /**
     * The first position in [pos, end - 12) that shows a sign (see the class comment), or -1 when none
     * does. Bytes from {@code lo} on are consecutive stream bytes (a sign may read back to lo). Sets
     * {@link #back}.
     */
    int nextSign(byte[] a, int lo, int pos, int end) {
        back = SIGN_AFTER + (open.shortable() > 0 ? SHORT_CHAIN : 0);
        int stop = end - SIGN_READS;
        boolean prefixes = open.anyPrefix();
        long r0 = ONES * (runIdLow >>> 24), r1 = ONES * ((runIdLow >>> 16) & 0xFF);
        long r2 = ONES * ((runIdLow >>> 8) & 0xFF), r3 = ONES * (runIdLow & 0xFF);
        long e0 = open.shortEndStarts(0), e1 = open.shortEndStarts(1), e2 = open.shortEndStarts(2), e3 = open.shortEndStarts(3);
        if (open.smallJoinsAfterRunId() > 0) {
            for (int k = 1; k < 4; k++) {
                int b = (runIdLow >>> (8 * (3 - k))) & 0xFF;
                long bit = 1L << b;
                switch (b >>> 6) {
                    case 0 -> e0 |= bit;
                    case 1 -> e1 |= bit;
                    case 2 -> e2 |= bit;
                    default -> e3 |= bit;
                }
            }
        }
        boolean ends = (e0 | e1 | e2 | e3) != 0;
        int b = pos;
        for (; b + 8 <= stop; b += 8) {
            long v = WireFormat.getLong(a, b);
            long m = zeroBytes(v ^ MAGIC_FIRST) | zeroBytes(v ^ WORD_MARK);
            if (prefixes) {
                // The whole run id, not its first byte: lane t of the long at b + k is byte b + t + k.
                m |= zeroBytes(v ^ r0) & zeroBytes(WireFormat.getLong(a, b + 1) ^ r1)
                        & zeroBytes(WireFormat.getLong(a, b + 2) ^ r2) & zeroBytes(WireFormat.getLong(a, b + 3) ^ r3);
            }
            if (ends) {
                for (int t = 0; t < 8; t++) {
                    int c = (int) (v >>> (56 - 8 * t)) & 0xFF;
                    long w = c < 128 ? (c < 64 ? e0 : e1) : (c < 192 ? e2 : e3);
                    if ((w & (1L << c)) != 0) {
                        m |= 0x80L << (56 - 8 * t);
                    }
                }
            }
            while (m != 0) {
                int t = Long.numberOfLeadingZeros(m) >>> 3;
                int d = b + t;
                int c = a[d] & 0xFF;
                if (ends) {
                    long w = c < 128 ? (c < 64 ? e0 : e1) : (c < 192 ? e2 : e3);
                    if ((w & (1L << c)) != 0) {
                        return d;
                    }
                }
                if (sign(a, lo, pos, d, prefixes)) {
                    return d;
                }
                m &= ~(0x80L << (56 - 8 * t));
            }
        }
        for (; b < stop; b++) {
            int c = a[b] & 0xFF;
            long w = c < 128 ? (c < 64 ? e0 : e1) : (c < 192 ? e2 : e3);
            if ((w & (1L << c)) != 0 || ((c == 'I' || c == 0x7F || (prefixes && c == runIdLow >>> 24))
                    && sign(a, lo, pos, b, prefixes))) {
                return b;
            }
        }
        return -1;
    }

    /** How far before the sign {@link #nextSign} found a rule may hold: 12 bytes, or 42 where short pieces may come. */
    int back() {
        return back;
    }

    /** True when byte d (an "I", 0x7F or the run id's first byte) begins a sign. */
    private boolean sign(byte[] a, int lo, int pos, int d, boolean prefixes) {
        int four = WireFormat.getInt(a, d);
        if (four == WireFormat.FRAME_MAGIC || four == SenderReport.MAGIC || (prefixes && four == runIdLow)) {
            return true;
        }
        return a[d] == 0x7F && wordAt(a, lo, pos, d - 4);
    }

    /**
     * True when the payload word at {@code y} (its fifth byte is 0x7F) may be part of a piece that
     * starts at some x in [max(pos, y - 8), y]: 16 bytes from x continuing the packet and offset it
     * names, or fewer that end the packet, or, for word 0, the rest of a split header in front of it.
     */
    private boolean wordAt(byte[] a, int lo, int pos, int y) {
        if (y < pos) {
            return false; // every x it could start is decided already
        }
        long w = WireFormat.getLong(a, y);
        long index = WireFormat.indexOfWord(w);
        if (index == 0 && open.anyPrefix(16)) {
            return true;
        }
        if (index > MAX_INDEX) {
            return false;
        }
        long p = WireFormat.packetOfWord(w);
        long after = WireFormat.getLong(a, y + 8) ^ WireFormat.payloadWord(p, index + 1);
        int ahead = after == 0 ? 8 : Long.numberOfLeadingZeros(after) >>> 3;
        // x = y - lead: the lead bytes before the word must end word index - 1 (none for word 0).
        int lead = index == 0 ? 0 : Math.min(7, y - pos);
        long prev = WireFormat.payloadWord(p, index - 1);
        int behind = 0;
        while (behind < lead && y - behind - 1 >= lo && a[y - behind - 1] == (byte) (prev >>> (8 * behind))) {
            behind++;
        }
        if (behind + ahead >= 8) {
            return true;
        }
        // Fewer than 16 bytes: the piece ends its packet, 8 to 8 + ahead bytes after the word's start.
        long room = maxPayload - 8 * index;
        if (room >= 8 && room <= 8 + ahead) {
            return true;
        }
        if (open.knownLengths() > 0) {
            int s = open.find(p);
            if (s >= 0 && open.length(s) >= 0) {
                room = Math.min(maxPayload, open.length(s)) - 8 * index;
                return room >= 8 && room <= 8 + ahead;
            }
        }
        return false;
    }

    /** 0x80 in each byte of {@code x} that is zero, 0 in the others. */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }
}
