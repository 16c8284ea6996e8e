package dev.interleave.cli;

import dev.interleave.protocol.SenderReport;
import dev.interleave.report.CsvReport;
import dev.interleave.report.ReportPaths;
import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.ReportClaims;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunSnapshot;
import dev.interleave.run.Sizes;
import dev.interleave.stats.Proportion;
import dev.interleave.verify.VerdictCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs one experiment for {@code run} and {@code send}: starts it, prints progress to stderr on a
 * clock (never per event), cancels it on Ctrl+C, writes the report, prints the result, and maps it
 * to an exit code: 0 completed (torn or not), 1 failed or stopped (or torn with --fail-on-torn).
 * Called on the CLI's main thread.
 */
final class RunExecution {
    /** How long Ctrl+C waits for the stopped run's result (a stop takes effect within a second). */
    static final long STOP_SECONDS = 5;
    /** How much longer it waits while the report is written. */
    static final long REPORT_SECONDS = 120;

    private RunExecution() {
    }

    static int execute(RunConfig config, Outputs outputs, CommandLine.Model.CommandSpec spec) {
        try {
            config.validated();
        } catch (InvalidConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", e.problems()));
        }
        if (outputs.report != null) {
            // Checked before the run, not after it: a long run must not end in "cannot write the report".
            try {
                ReportPaths.checkWritable(outputs.report);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        Run run;
        try {
            run = Run.start(config);
        } catch (InvalidConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", e.problems()));
        }
        // On Ctrl+C the partial result is still printed and its report written. A report has one row
        // per packet id (10,000,000 rows take seconds to write), so it gets time of its own.
        long graceSeconds = STOP_SECONDS + (outputs.report == null ? 0 : REPORT_SECONDS);
        return Foreground.await(run, "run", () -> progressLine(run.snapshot()), graceSeconds, err,
                result -> report(result, outputs, out, err));
    }

    /**
     * "[#####.....]  37.0% 3,700/10,000 packets, 812 MB/s, torn 12, partial 0, 4.1 s, 7 s left".
     * Any thread.
     */
    static String progressLine(RunSnapshot s) {
        int width = 30;
        int filled = (int) Math.round(s.sendProgress() * width);
        long left = s.nanosLeft();
        return String.format(Locale.ROOT, "[%s%s] %5.1f%% %,d/%,d packets, %s, torn %,d, partial %,d, %.1f s%s",
                "#".repeat(filled), ".".repeat(width - filled), s.sendProgress() * 100, s.sender().packets(),
                s.packets(), Sizes.rate(s.sendThroughput()), s.verdicts().torn(), s.sender().partialSends(),
                s.elapsedNanos() / 1e9, left < 0 ? "" : String.format(Locale.ROOT, ", %.0f s left", left / 1e9));
    }

    private static int report(RunResult result, Outputs outputs, PrintStream out, PrintStream err) {
        boolean nothingSent = result.outcome() == RunOutcome.FAILED && result.sender().packets() == 0
                && result.verdicts().decided() == 0;
        if (!outputs.json) {
            // The text first: a stopped run says what it is at once, however long its report takes.
            if (nothingSent) {
                // A run that never got going has no counts worth a summary: its failure is the whole story.
                err.println("error: " + result.failure());
            } else {
                printText(result, out);
            }
            out.flush();
        }
        String reportError = null;
        if (outputs.report != null) {
            if (result.outcome() == RunOutcome.CANCELLED) {
                err.println("writing the report to " + outputs.report.toAbsolutePath() + " ...");
            }
            try {
                CsvReport.write(result, outputs.report);
                err.println("report written to " + outputs.report.toAbsolutePath());
            } catch (IOException e) {
                reportError = e.getMessage();
                err.println("error: " + reportError);
            }
        }
        if (outputs.json) {
            out.println(toJson(result, outputs, reportError)); // after the report: it names the report's fate
            out.flush();
        }
        if (result.outcome() != RunOutcome.COMPLETED || reportError != null) {
            return 1;
        }
        return outputs.failOnTorn && result.verdicts().torn() > 0 ? 1 : 0;
    }

    /**
     * The run as one JSON object (docs/REPORT.md, "JSON"). When the verdicts are unknown the verdict
     * counts are what the verifier reported before its results stopped (partial), the torn rate is
     * null, and so are the verifier's byte counts, which only its summary carries.
     */
    static Json toJson(RunResult r, Outputs outputs, String reportError) {
        RunConfig c = r.config();
        Optional<Proportion> rate = r.tornRate();
        boolean known = r.verdictsKnown();
        return new Json()
                .put("strategy", c.strategy())
                .put("lock", c.lock())
                .put("threads", c.threads())
                .put("packets", c.packets())
                .put("payloadSize", c.payloadSize())
                .put("target", c.target().toString())
                .put("outcome", r.outcome().name())
                .put("verdict", r.verdict().name())
                .put("verdictsKnown", known)
                .put("intact", r.verdicts().intact())
                .put("torn", r.verdicts().torn())
                .put("missing", r.verdicts().missing())
                .put("duplicates", r.verdicts().duplicate())
                .put("pending", r.verdicts().pending())
                .put("trials", r.trials())
                .put("tornRate", rate.map(Proportion::rate).orElse(null))
                .put("tornRateLow", rate.map(Proportion::low).orElse(null))
                .put("tornRateHigh", rate.map(Proportion::high).orElse(null))
                .put("packetsSent", r.sender().packets())
                .put("sendCalls", r.sender().sendCalls())
                .put("partialSends", r.sender().partialSends())
                .put("wouldBlocks", r.sender().wouldBlocks())
                .put("rejectedWrites", r.sender().rejectedWrites())
                .put("bytesSent", r.bytesSent())
                .put("bytesReceived", known ? r.bytesReceived() : null)
                .put("unattributedBytes", known ? r.unattributedBytes() : null)
                .put("seconds", r.seconds())
                .put("throughputMBps", r.throughput() / 1e6)
                .put("senderNice", r.environment().senderNice().isPresent()
                        ? Integer.valueOf(r.environment().senderNice().getAsInt()) : null)
                .put("verdictText", r.verdictText())
                .put("failure", r.failure())
                .put("report", outputs.report == null ? null : outputs.report.toAbsolutePath().toString())
                .put("reportError", reportError)
                .put("senderReport", ReportJson.of(r.report().orElse(null), r.reportSource().words(),
                        ReportClaims.sentence(r)));
    }

    /**
     * The sender report's totals under the sender's own counts (the same counts, as claimed on the wire,
     * with what it could not see as "not measured"), and its claims beside what the verifier saw.
     */
    private static void printReport(RunResult r, PrintStream out) {
        if (r.report().isEmpty()) {
            out.println("  sender report: none" + (r.outcome() != RunOutcome.COMPLETED ? " (a stopped or failed run writes none)"
                    : r.reportSource() == RunResult.ReportSource.RECEIVED_BY_THE_VERIFIER ? " arrived at the verifier" : ""));
            return;
        }
        SenderReport rep = r.report().get();
        ReportClaims.Totals t = ReportClaims.totals(rep);
        out.printf(Locale.ROOT, "  sender report, %s (its claims): %s packets  send calls %s  partial sends %s"
                        + "  would-block %s%n", r.reportSource().words(), ReportClaims.count(t.packets()),
                ReportClaims.count(t.sendCalls()), ReportClaims.count(t.partialSends()), ReportClaims.count(t.wouldBlocks()));
        out.printf(Locale.ROOT, "    \"%s\". %s%n", rep.sanitizedDescription(), ReportClaims.sentence(r));
    }

    /**
     * The run as text: what ran, the verifier's counts (labelled partial when its results stopped
     * early), the sender's own counts, the bytes, and the verdict sentence.
     */
    static void printText(RunResult r, PrintStream out) {
        RunConfig c = r.config();
        VerdictCounts v = r.verdicts();
        out.printf(Locale.ROOT, "%s, %d threads, %,d x %s, target %s%n", c.strategyLabel(), c.threads(), c.packets(),
                Sizes.format(c.payloadSize()), c.target());
        if (r.verdictsKnown()) {
            out.printf(Locale.ROOT, "  verifier: intact %,d  torn %,d  missing %,d  duplicate %,d  pending %,d%n",
                    v.intact(), v.torn(), v.missing(), v.duplicate(), v.pending());
        } else if (v.decided() > 0) {
            out.printf(Locale.ROOT, "  verifier, partial (its results stopped before the summary): intact %,d  torn %,d"
                    + "  duplicate %,d; no verdict %,d%n", v.intact(), v.torn(), v.duplicate(), v.pending());
        } else {
            out.println("  verifier: no results came back");
        }
        out.printf(Locale.ROOT, "  sender: %,d packets sent  send calls %,d  partial sends %,d  would-block %,d"
                        + "  refused writes %,d%n", r.sender().packets(), r.sender().sendCalls(),
                r.sender().partialSends(), r.sender().wouldBlocks(), r.sender().rejectedWrites());
        printReport(r, out);
        out.printf(Locale.ROOT, "  %,d bytes sent, %s received, %s unattributable, %.2f s, %s%n", r.bytesSent(),
                r.verdictsKnown() ? String.format(Locale.ROOT, "%,d", r.bytesReceived()) : "unknown",
                r.verdictsKnown() ? String.format(Locale.ROOT, "%,d", r.unattributedBytes()) : "unknown",
                r.seconds(), Sizes.rate(r.throughput()));
        out.println(r.verdictText());
    }
}
