package dev.interleave.run;

import dev.interleave.stats.Proportion;
import dev.interleave.verify.VerdictCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict in plain words, built in one place for the CLI, the CSV and the window: what the run
 * was (stopped, failed), the torn rate with its 95% interval (design.md, invariant 8), the cause, and
 * what else a reader must know (missing, duplicated, unchecked packets, unattributable bytes). Pure
 * functions; any thread.
 */
public final class VerdictSentence {
    private VerdictSentence() {
    }

    /**
     * The whole sentence for a run, e.g. "0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000
     * tear under these conditions (one run). The JDK serialises writes on java.net.Socket." or "Stopped
     * after 423,881 of 1,000,000 packets were sent. 5 of 423,700 torn (0.0012%; 95% interval 0.00050% to
     * 0.0028%; one run), with no partial send: the OS interleaved bytes inside single send() calls. 181
     * sent but not checked before the stop."
     */
    public static String of(RunResult r) {
        RunConfig config = r.config();
        VerdictCounts c = r.verdicts();
        long sent = r.sender().packets();
        List<String> sentences = new ArrayList<>();
        boolean outside = config.isOutsideSender();
        switch (r.outcome()) {
            case CANCELLED -> sentences.add(outside ? (sent == 0 ? "Stopped before any packet arrived."
                    : "Stopped after " + n(sent) + " packets arrived.")
                    : sent == 0 ? "Stopped before any packet was sent."
                    : "Stopped after " + n(sent) + " of " + n(config.packets()) + " packets were sent.");
            case FAILED -> sentences.add("Failed: " + r.failure() + ".");
            case COMPLETED -> { }
        }
        if (r.outcome() != RunOutcome.COMPLETED && sent == 0 && c.decided() == 0) {
            return String.join(" ", sentences); // nothing went out, so there is nothing to judge
        }
        if (!r.verdictsKnown()) {
            sentences.add(c.decided() == 0 ? "Verdicts unknown: the verifier sent no results back."
                    : "Verdicts unknown: the verifier's results stopped before its summary (it had called "
                    + n(c.torn()) + " torn and " + n(c.intact() + c.duplicate()) + " whole of " + n(sent)
                    + " sent; partial counts, not a verdict).");
            return String.join(" ", sentences);
        }
        // An outside sender's partial sends are what its report claims (this process saw no send call).
        long partial = outside ? PartialSendSource.claimed(r.senderReport()) : r.sender().partialSends();
        if (RunVerdict.trials(c) == 0) {
            sentences.add("No packet was checked: nothing to go by.");
        } else if (c.torn() > 0) {
            String cause;
            if (outside) {
                cause = outsideCause(PartialSendSource.of(r.senderReport()), partial);
            } else if (config.lock()) {
                cause = " despite the lock: bytes were damaged on the way, not interleaved by the sender";
            } else if (partial == 0) {
                cause = ", with no partial send: the OS interleaved bytes inside single send() calls";
            } else {
                cause = ", with " + n(partial) + " partial sends: other threads' bytes went in between the pieces"
                        + " of one packet";
            }
            sentences.add(evidence(c, "one run") + cause + ".");
        } else {
            sentences.add(evidence(c, "one run") + ".");
            if (outside) {
                PartialSendSource source = PartialSendSource.of(r.senderReport());
                sentences.add("No interleaving was seen; whether this sender's way of writing prevents it, one run"
                        + " cannot tell (docs/RUNTIMES.md).");
                sentences.add(switch (source) {
                    case CLAIMED -> "The sender claims " + (partial == 0 ? "no partial send."
                            : partial == 1 ? "1 partial send." : n(partial) + " partial sends.");
                    case NOT_MEASURED -> "The sender could not count its partial sends.";
                    default -> "The sender did not report its partial sends.";
                });
                return withAlso(sentences, r, c, sent);
            }
            String reason = switch (config.lock() ? "lock" : config.strategy()) {
                case "lock" -> "The application lock serialised the sends";
                case "socket-stream" -> "The JDK serialises writes on java.net.Socket";
                case "channel" -> "A blocking SocketChannel holds its write lock for the whole write";
                case "async-channel" -> "AsynchronousSocketChannel allows one pending write at a time ("
                        + n(r.sender().rejectedWrites()) + " writes refused and retried)";
                case "socket-per-thread" -> "Every thread had a connection of its own";
                default -> "No interleaving was seen this time, but nothing in " + config.strategy()
                        + " prevents it: run more or larger packets, or a smaller SO_SNDBUF";
            };
            sentences.add(reason + (partial > 0 ? " (" + n(partial) + " partial sends)." : "."));
        }
        return withAlso(sentences, r, c, sent);
    }

    /** The sentences, then what else a reader must know: missing, duplicated, unchecked, unattributable. */
    private static String withAlso(List<String> sentences, RunResult r, VerdictCounts c, long sent) {
        List<String> also = new ArrayList<>();
        if (c.missing() > 0) {
            also.add(n(c.missing()) + " missing");
        }
        if (c.duplicate() > 0) {
            also.add(n(c.duplicate()) + " duplicated (arrived whole more than once: not torn)");
        }
        long unchecked = Math.max(0, sent - RunVerdict.trials(c) - c.missing());
        if (r.outcome() != RunOutcome.COMPLETED && unchecked > 0) {
            also.add(n(unchecked) + " sent but not checked before the "
                    + (r.outcome() == RunOutcome.CANCELLED ? "stop" : "failure"));
        }
        if (r.unattributedBytes() > 0) {
            also.add(n(r.unattributedBytes()) + (r.unattributedBytes() == 1 ? " byte" : " bytes") + " unattributable");
        }
        if (!also.isEmpty()) {
            sentences.add(String.join("; ", also) + ".");
        }
        return String.join(" ", sentences);
    }

    /**
     * Why an outside sender's packets tore, as far as its report tells: its claimed partial sends (never
     * used for the verdict), or that it said nothing of them.
     */
    private static String outsideCause(PartialSendSource source, long partial) {
        return switch (source) {
            case CLAIMED -> partial == 0
                    ? ", with no partial send (the sender's claim): the OS interleaved bytes inside single send() calls"
                    : ", with " + n(partial) + " partial sends (the sender's claim): other threads' bytes went in"
                    + " between the pieces of one packet";
            default -> ": other bytes landed inside this sender's packets (its partial sends: " + source.words() + ")";
        };
    }

    /**
     * The torn rate among the trials (packets with a verdict of intact, torn or duplicate) with its 95%
     * interval, in words, e.g. "0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000 tear under
     * these conditions (one run)" or "412 of 10,000 torn (4.1%; 95% interval 3.7% to 4.5%; one run)".
     * {@code scope} says what the counts pool: "one run", "one connection", "5 trials".
     */
    public static String evidence(VerdictCounts counts, String scope) {
        Proportion p = RunVerdict.tornRate(counts);
        String words = p.inWords("torn", "tear");
        if (p.events() > 0 && words.endsWith(")")) {
            return words.substring(0, words.length() - 1) + "; " + scope + ")";
        }
        return words + " (" + scope + ")";
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
