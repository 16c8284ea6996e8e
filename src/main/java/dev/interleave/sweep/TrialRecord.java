package dev.interleave.sweep;

import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunVerdict;
import dev.interleave.stats.Proportion;
import dev.interleave.verify.VerdictCounts;
import java.time.Instant;

/**
 * The figures of one finished trial, and nothing per packet: a sweep keeps one of these per trial
 * (about 150 bytes), so a sweep of thousands of trials stays small. Immutable; any thread.
 *
 * @param planned       which trial of which cell
 * @param packets       packets the trial was to send
 * @param outcome       COMPLETED, or FAILED (with {@code failure}); CANCELLED when its run was stopped on
 *                      its own (a stopped sweep does not record the trial it cut short: it was not run)
 * @param failure       why it failed, or null
 * @param verdictsKnown false when a remote verifier sent no results back
 * @param startedAt     when its run started
 * @param seconds       from the start gate to the end of sending
 */
public record TrialRecord(PlannedTrial planned, long packets, RunOutcome outcome, String failure,
                          boolean verdictsKnown, long intact, long torn, long duplicate, long missing, long pending,
                          long packetsSent, long sendCalls, long partialSends, long bytesSent, double seconds,
                          Instant startedAt) {

    /** The record of {@code result}, the run of {@code planned}. */
    public static TrialRecord of(PlannedTrial planned, RunResult r) {
        return new TrialRecord(planned, r.config().packets(), r.outcome(), r.failure(), r.verdictsKnown(),
                r.verdicts().intact(), r.verdicts().torn(), r.verdicts().duplicate(), r.verdicts().missing(),
                r.verdicts().pending(), r.sender().packets(), r.sender().sendCalls(), r.sender().partialSends(),
                r.bytesSent(), r.seconds(), r.startedAt());
    }

    /** A trial whose run could not even start (the engine refused it): FAILED, nothing measured. */
    public static TrialRecord notStarted(PlannedTrial planned, long packets, String why, Instant at) {
        return new TrialRecord(planned, packets, RunOutcome.FAILED, why, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, at);
    }

    public Cell cell() {
        return planned.cell();
    }

    public int trial() {
        return planned.trial();
    }

    /** Packets per verdict. */
    public VerdictCounts counts() {
        return new VerdictCounts(pending, intact, torn, missing, duplicate);
    }

    /** The trial's one word, by the rule of a run's ({@link RunVerdict#of}). */
    public RunVerdict verdict() {
        return RunVerdict.of(verdictsKnown, outcome == RunOutcome.COMPLETED, counts(), packets);
    }

    /** Packets that count as trials of the torn rate: intact, torn or duplicate (pending and missing do not). */
    public long judged() {
        return RunVerdict.trials(counts());
    }

    /** This trial's torn rate with its 95% interval. */
    public Proportion tornRate() {
        return RunVerdict.tornRate(counts());
    }

    /** Whether the trial counts in its cell's pooled figures: it completed and its verdicts are known. */
    public boolean pooled() {
        return outcome == RunOutcome.COMPLETED && verdictsKnown;
    }

    /** Sender throughput in bytes per second (Hello included, as in a run's report). */
    public double throughput() {
        return seconds <= 0 ? 0 : bytesSent / seconds;
    }
}
