package dev.interleave.verify;

/**
 * Packets per verdict at one moment. Immutable; any thread.
 */
public record VerdictCounts(long pending, long intact, long torn, long missing, long duplicate) {

    public static final VerdictCounts ZERO = new VerdictCounts(0, 0, 0, 0, 0);

    /** The count for one verdict. */
    public long get(Verdict v) {
        return switch (v) {
            case PENDING -> pending;
            case INTACT -> intact;
            case TORN -> torn;
            case MISSING -> missing;
            case DUPLICATE -> duplicate;
        };
    }

    /** Packets with a final verdict (all but pending). */
    public long decided() {
        return intact + torn + missing + duplicate;
    }
}
