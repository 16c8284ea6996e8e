package dev.interleave.run;

/**
 * Packets per verdict at one moment. Immutable. {@code pending} packets have been announced but not
 * decided yet (or, at the end of a cancelled run, were never sent).
 */
public record VerdictCounts(long intact, long torn, long missing, long duplicate, long pending) {
    public static final VerdictCounts NONE = new VerdictCounts(0, 0, 0, 0, 0);

    /** Packets that have a final verdict. */
    public long decided() {
        return intact + torn + missing + duplicate;
    }
}
