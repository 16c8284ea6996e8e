package dev.interleave.run;

import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.VerdictCounts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What one run found: complete after a finished run, partial after a cancelled or failed one.
 * Immutable, except that {@link #packets()} reads the run's per-packet arrays.
 *
 * @param failure            why the run failed, or null
 * @param verdictsKnown      false when a remote verifier sent no results back
 * @param bytesSent          bytes the senders wrote (Hello included)
 * @param bytesReceived      bytes the verifier read
 * @param unattributedBytes  bytes the verifier could not attribute to any packet
 * @param torn               details of torn packets (bounded; counts in {@code verdicts} stay exact)
 * @param events             partial-send events (bounded per thread)
 * @param problems           what the verifier reported as bad input, one line each (bounded)
 */
public record RunResult(RunConfig config, RunEnvironment environment, Instant startedAt, double seconds,
                        RunOutcome outcome, String failure, TelemetrySnapshot sender, VerdictCounts verdicts,
                        boolean verdictsKnown, long bytesSent, long bytesReceived, long unattributedBytes,
                        List<TornPacket> torn, List<PartialSendEvent> events, List<String> problems,
                        PacketView packets) {

    public RunResult {
        torn = List.copyOf(torn);
        events = java.util.Collections.unmodifiableList(events); // a view over the logs: no copy of millions
        problems = List.copyOf(problems);
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
     * The verdict in plain words, naming the cause, e.g. "412 of 10,000 packets torn, with no partial
     * send: the OS interleaved bytes inside single send() calls".
     */
    public String verdictText() {
        StringBuilder s = new StringBuilder();
        if (outcome == RunOutcome.CANCELLED) {
            s.append("Stopped after ").append(n(sender.packets())).append(" of ").append(n(config.packets()))
                    .append(" packets. ");
        } else if (outcome == RunOutcome.FAILED) {
            s.append("Failed: ").append(failure).append(". ");
        }
        if (!verdictsKnown) {
            return s.append("Verdicts unknown: the verifier sent no results back.").toString().strip();
        }
        long partial = sender.partialSends();
        long of = Math.max(config.packets(), verdicts.decided());
        if (verdicts.torn() > 0) {
            s.append(n(verdicts.torn())).append(" of ").append(n(of)).append(" packets torn");
            if (config.lock()) {
                s.append(" despite the lock: bytes were damaged on the way, not interleaved by the sender");
            } else if (partial == 0) {
                s.append(", with no partial send: the OS interleaved bytes inside single send() calls");
            } else {
                s.append(", with ").append(n(partial)).append(" partial sends: other threads' bytes went in between"
                        + " the pieces of one packet");
            }
        } else {
            s.append("0 torn");
            s.append(switch (config.lock() ? "lock" : config.strategy()) {
                case "lock" -> ": the application lock serialised the sends";
                case "socket-stream" -> ": the JDK serialises writes on java.net.Socket";
                case "channel" -> ": a blocking SocketChannel holds its write lock for the whole write";
                case "async-channel" -> ": AsynchronousSocketChannel allows one pending write at a time ("
                        + n(sender.rejectedWrites()) + " writes refused and retried)";
                case "socket-per-thread" -> ": every thread had a connection of its own";
                default -> " this time: no interleaving was seen, but nothing in " + config.strategy()
                        + " prevents it (run more or larger packets, or a smaller SO_SNDBUF)";
            });
            if (partial > 0) {
                s.append(" (").append(n(partial)).append(" partial sends)");
            }
        }
        if (verdicts.missing() > 0) {
            s.append("; ").append(n(verdicts.missing())).append(" missing");
        }
        if (verdicts.duplicate() > 0) {
            s.append("; ").append(n(verdicts.duplicate())).append(" duplicated");
        }
        if (unattributedBytes > 0) {
            s.append("; ").append(n(unattributedBytes)).append(" bytes unattributable");
        }
        return s.append('.').toString();
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
