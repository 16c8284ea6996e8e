package dev.interleave.run;

import dev.interleave.protocol.SenderReport;
import dev.interleave.stats.Proportion;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.VerdictCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one run found: complete after a finished run, partial after a cancelled or failed one.
 * Immutable, except that {@link #packets()} reads the run's per-packet arrays.
 *
 * @param failure            why the run failed, or null
 * @param verdicts           packets per verdict; pending is recomputed as the packets without a verdict
 * @param verdictsKnown      false when a remote verifier's results did not all come back: {@code verdicts}
 *                           then holds what it reported before they stopped (partial)
 * @param bytesSent          bytes the senders wrote (Hello and sender report included)
 * @param bytesReceived      bytes the verifier read
 * @param unattributedBytes  bytes the verifier could not attribute to any packet
 * @param torn               details of torn packets (bounded; counts in {@code verdicts} stay exact)
 * @param events             partial-send events (bounded per thread)
 * @param problems           what the verifier reported as bad input, one line each (bounded)
 * @param senderReport       the sender report (the sender's claims: shown, never used for a verdict), or
 *                           null: in process, the one the verifier received (a run of several connections,
 *                           socket-per-thread, merged into one); for a remote verifier, which does not echo
 *                           it back, the one this sender wrote ({@link #reportSource()})
 */
public record RunResult(RunConfig config, RunEnvironment environment, Instant startedAt, double seconds,
                        RunOutcome outcome, String failure, TelemetrySnapshot sender, VerdictCounts verdicts,
                        boolean verdictsKnown, long bytesSent, long bytesReceived, long unattributedBytes,
                        List<TornPacket> torn, List<PartialSendEvent> events, List<String> problems,
                        PacketView packets, SenderReport senderReport) {

    public RunResult {
        // Pending = the run's packets without a verdict, whatever the board knew of the run's size (a
        // remote board that never got a summary does not know it): so it equals the PENDING packet rows.
        long decided = verdicts.decided();
        verdicts = new VerdictCounts(Math.max(0, config.packets() - decided), verdicts.intact(), verdicts.torn(),
                verdicts.missing(), verdicts.duplicate());
        torn = List.copyOf(torn);
        events = java.util.Collections.unmodifiableList(events); // a view over the logs: no copy of millions
        problems = List.copyOf(problems);
    }

    /** The sender report, when there is one ({@link #reportSource()} says whose reading it is). Any thread. */
    public Optional<SenderReport> report() {
        return Optional.ofNullable(senderReport);
    }

    /** Where {@link #report()} comes from. */
    public enum ReportSource {
        /** The verifier in this process received it: the bytes on the wire held this record. */
        RECEIVED_BY_THE_VERIFIER("received by the verifier"),
        /** The sender wrote it to a remote verifier, which does not send it back (protocol v1). */
        WRITTEN_BY_THIS_SENDER("written by this sender");

        private final String words;

        ReportSource(String words) {
            this.words = words;
        }

        /** "received by the verifier" or "written by this sender". Any thread. */
        public String words() {
            return words;
        }
    }

    /** Whose reading of the sender report {@link #report()} is: it depends only on the target. Any thread. */
    public ReportSource reportSource() {
        return config.target().isInProcess() ? ReportSource.RECEIVED_BY_THE_VERIFIER : ReportSource.WRITTEN_BY_THIS_SENDER;
    }

    /** The run's one word (see {@link RunVerdict#of} for the rule). Any thread. */
    public RunVerdict verdict() {
        return RunVerdict.of(verdictsKnown, outcome == RunOutcome.COMPLETED, verdicts, config.packets());
    }

    /** Sender throughput in bytes per second. */
    public double throughput() {
        return seconds <= 0 ? 0 : bytesSent / seconds;
    }

    /**
     * The verdict in plain words, naming the cause and the torn rate with its interval (see
     * {@link VerdictSentence#of}). Any thread.
     */
    public String verdictText() {
        return VerdictSentence.of(this);
    }

    /** Packets that are trials of tearing: intact, torn or duplicate ({@link RunVerdict#trials}). */
    public long trials() {
        return RunVerdict.trials(verdicts);
    }

    /**
     * The torn rate among the trials with its 95% interval; empty when the verdicts are unknown (the
     * counts are then partial, and a rate over them would claim more than is known).
     */
    public Optional<Proportion> tornRate() {
        return verdictsKnown ? Optional.of(RunVerdict.tornRate(verdicts)) : Optional.empty();
    }
}
