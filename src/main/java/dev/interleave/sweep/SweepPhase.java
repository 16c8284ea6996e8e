package dev.interleave.sweep;

/** Where a sweep is. */
public enum SweepPhase {
    RUNNING,
    /** cancel() was called; the current trial is being stopped. */
    STOPPING,
    COMPLETED,
    CANCELLED,
    FAILED;

    /** Whether the sweep has ended (its result is ready). */
    public boolean ended() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
