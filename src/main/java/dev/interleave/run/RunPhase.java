package dev.interleave.run;

/** Where a run is in its life. */
public enum RunPhase {
    /** Verifier starting, connection(s) opening. */
    STARTING,
    /** The start gate is open; threads are sending. */
    SENDING,
    /** Every packet is sent; waiting for the verifier's last verdicts. */
    VERIFYING,
    /** Finished: every packet has a verdict. */
    DONE,
    /** Stopped by a person; the result is partial. */
    CANCELLED,
    /** Stopped by an error; the result is partial and says why. */
    FAILED;

    public boolean isFinished() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }
}
