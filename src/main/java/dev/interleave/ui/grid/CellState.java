package dev.interleave.ui.grid;

import dev.interleave.verify.Verdict;

/**
 * What one grid cell shows in verdict mode, as a rank: where a cell holds several packets, the highest
 * rank (the worst news) wins. The grid's mirror stores each packet as the one-hot bit of its rank, so a
 * cell's worst state is the top bit of the OR of its packets, eight packets per long read. "Not sent" is a pending packet
 * no thread has sent yet; it outranks intact so an unfinished stretch never looks finished.
 */
final class CellState {
    static final byte INTACT = 0;
    static final byte NOT_SENT = 1;
    static final byte PENDING = 2;
    static final byte DUPLICATE = 3;
    static final byte MISSING = 4;
    static final byte TORN = 5;
    static final int COUNT = 6;

    /** Labels by state, for the legend and tooltips. */
    static final String[] LABELS = {"intact", "not sent", "pending", "duplicate", "missing", "torn"};

    /** State of a sent packet by verdict code ({@link Verdict#code()}). */
    private static final byte[] OF_VERDICT = new byte[256];

    static {
        java.util.Arrays.fill(OF_VERDICT, PENDING);
        for (Verdict v : Verdict.values()) {
            OF_VERDICT[v.code() & 0xff] = switch (v) {
                case PENDING -> PENDING;
                case INTACT -> INTACT;
                case TORN -> TORN;
                case MISSING -> MISSING;
                case DUPLICATE -> DUPLICATE;
            };
        }
    }

    private CellState() {
    }

    /** The state of a packet with this verdict code, sent by {@code thread} (-1 = not sent). */
    static byte of(byte verdictCode, short thread) {
        byte s = OF_VERDICT[verdictCode & 0xff];
        return s == PENDING && thread < 0 ? NOT_SENT : s;
    }

    /** The one-hot bit of {@link #TORN}: the torn marks look for it. */
    static final byte TORN_BIT = 1 << TORN;

    /** The one-hot bit of a rank, as the mirror stores it. */
    static byte bit(int rank) {
        return (byte) (1 << rank);
    }

    /** The highest rank among OR-ed one-hot bits (INTACT for 0). */
    static int rankOf(int bits) {
        return Math.max(0, 31 - Integer.numberOfLeadingZeros(bits & 0xff));
    }

    /** The verdict a state stands for (not sent is pending). */
    static Verdict verdict(byte state) {
        return switch (state) {
            case INTACT -> Verdict.INTACT;
            case DUPLICATE -> Verdict.DUPLICATE;
            case MISSING -> Verdict.MISSING;
            case TORN -> Verdict.TORN;
            default -> Verdict.PENDING;
        };
    }
}
