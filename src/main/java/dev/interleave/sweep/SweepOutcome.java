package dev.interleave.sweep;

/** How a sweep ended. */
public enum SweepOutcome {
    /** Every planned trial ran (some may have failed: see the trial records). */
    COMPLETED,
    /** Stopped: the finished trials are kept, the rest were not run. */
    CANCELLED,
    /** The sweep itself could not go on (e.g. out of memory); the finished trials are kept. */
    FAILED
}
