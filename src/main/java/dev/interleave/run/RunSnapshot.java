package dev.interleave.run;

import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.verify.VerdictCounts;

/**
 * A run at one moment, for the window and the CLI's progress line. Immutable; built without locks by
 * {@link Run#snapshot()}, cheap enough to take every frame.
 *
 * @param elapsedNanos      since the start gate opened
 * @param sender            the sending threads' counters
 * @param verdicts          the verifier's verdicts so far
 * @param bytesReceived     bytes the verifier has read
 * @param unattributedBytes bytes the verifier could not attribute to any packet
 * @param packets           packets the run is to carry (an outside sender: its Hello's count, 0 = not
 *                          announced)
 * @param partialSends      where {@code sender}'s send calls and partial sends come from: measured by
 *                          this process, or an outside sender's claims (or nothing known)
 */
public record RunSnapshot(RunPhase phase, long elapsedNanos, TelemetrySnapshot sender, VerdictCounts verdicts,
                          long bytesReceived, long unattributedBytes, long packets, long frameBytes,
                          PartialSendSource partialSends) {

    public RunSnapshot {
        partialSends = partialSends == null ? PartialSendSource.MEASURED : partialSends;
    }

    /** A snapshot of the lab's own run: its sender measured its send calls. */
    public RunSnapshot(RunPhase phase, long elapsedNanos, TelemetrySnapshot sender, VerdictCounts verdicts,
                       long bytesReceived, long unattributedBytes, long packets, long frameBytes) {
        this(phase, elapsedNanos, sender, verdicts, bytesReceived, unattributedBytes, packets, frameBytes,
                PartialSendSource.MEASURED);
    }

    /** Fraction of packets sent, 0..1. */
    public double sendProgress() {
        return packets == 0 ? 0 : Math.min(1.0, (double) sender.packets() / packets);
    }

    /** Bytes per second written by the senders since the start gate. */
    public double sendThroughput() {
        return elapsedNanos <= 0 ? 0 : sender.bytes() * 1e9 / elapsedNanos;
    }

    /** Estimated nanoseconds left, or -1 when unknown. */
    public long nanosLeft() {
        double p = sendProgress();
        if (p <= 0 || elapsedNanos <= 0) {
            return -1;
        }
        return (long) (elapsedNanos * (1 - p) / p);
    }
}
