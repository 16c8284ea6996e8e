package dev.interleave.run;

/** How a run ended. */
public enum RunOutcome {
    /** Every packet was sent and has a verdict. */
    COMPLETED,
    /** A person stopped it; the result is partial. */
    CANCELLED,
    /** An error stopped it; the result is partial and says why. */
    FAILED
}
