package dev.interleave.verify;

/**
 * The one verdict every packet ends a run with. The byte code of a verdict is its ordinal and is
 * stable: boards store it and the back channel carries it.
 */
public enum Verdict {
    /** Not decided yet (no byte seen, or a run still going). */
    PENDING,
    /** Its 24 + L bytes arrived contiguously and exactly once. */
    INTACT,
    /** Its bytes were split by other bytes, or never all arrived ("incomplete"). Wins over DUPLICATE. */
    TORN,
    /** An id below the Hello's expectedPackets that never appeared. */
    MISSING,
    /** It arrived whole more than once. */
    DUPLICATE;

    private static final Verdict[] BY_CODE = values();

    /** The stable byte code (the ordinal). Any thread. */
    public byte code() {
        return (byte) ordinal();
    }

    /** The verdict for a byte code; throws for an unknown code. Any thread. */
    public static Verdict ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown verdict code " + code);
        }
        return BY_CODE[code];
    }

    /** Merge rank: a higher rank replaces a lower one (torn beats duplicate beats intact). */
    int rank() {
        return switch (this) {
            case PENDING -> 0;
            case MISSING -> 1;
            case INTACT -> 2;
            case DUPLICATE -> 3;
            case TORN -> 4;
        };
    }
}
