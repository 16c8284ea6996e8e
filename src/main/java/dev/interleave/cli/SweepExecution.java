package dev.interleave.cli;

import dev.interleave.report.ReportPaths;
import dev.interleave.report.SweepReport;
import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.Sizes;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.ClockText;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.RateText;
import dev.interleave.sweep.SweepOutcome;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.SweepRunner;
import dev.interleave.sweep.SweepSnapshot;
import dev.interleave.sweep.TrialRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs a sweep for {@code sweep}, and repeated trials for {@code run --trials K} (a sweep of one
 * cell): validates the plan and the report path before any work, prints progress to stderr on a
 * clock, stops on Ctrl+C keeping every finished trial (and writing them), writes the report, prints
 * the result, and maps it to an exit code: 0 when every trial completed, 1 when the sweep was
 * stopped or failed, a trial failed, the report could not be written (or, with --fail-on-torn, a
 * packet tore). Called on the CLI's main thread.
 */
final class SweepExecution {
    /** How long Ctrl+C waits for the partial report before the process ends anyway. */
    private static final long REPORT_GRACE_SECONDS = 10;

    /** What the text output looks like. */
    enum Style {
        /** One table per way of writing. */
        TABLES,
        /** Each trial, then the pooled figures ({@code run --trials K}). */
        TRIALS
    }

    private SweepExecution() {
    }

    static int execute(SweepPlan plan, Path report, boolean json, boolean failOnTorn, Style style,
                       CommandLine.Model.CommandSpec spec) {
        try {
            plan.validated();
        } catch (InvalidConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", e.problems()));
        }
        if (report != null) {
            try {
                ReportPaths.checkWritable(report); // before the first trial, not after the last
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (style == Style.TABLES) {
            err.printf(Locale.ROOT, "sweep: %,d cells x %,d trials = %,d trials, %s, seed %d (--seed %d repeats"
                            + " this order)%n", plan.cells().size(), plan.trials(), plan.plannedTrials(), plan.budget(),
                    plan.seed(), plan.seed());
            err.flush();
        }
        SweepRunner runner;
        try {
            runner = SweepRunner.start(plan);
        } catch (InvalidConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", e.problems()));
        }
        // On Ctrl+C the finished trials are still printed and written.
        return Foreground.await(runner, "sweep", () -> progressLine(runner.snapshot(), runner.currentRun()),
                REPORT_GRACE_SECONDS, err, result -> report(result, report, json, failOnTorn, style, out, err));
    }

    /** "[#####.....] 37/175 trials, 0:41, about 1:52 left; native, 8 threads, 10 KB, trial 2: 45%". Any thread. */
    static String progressLine(SweepSnapshot s, Optional<Run> current) {
        int width = 30;
        int filled = (int) Math.round(s.progress() * width);
        long eta = s.etaNanos();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "[%s%s] %,d/%,d trials, %s", "#".repeat(filled),
                ".".repeat(width - filled), s.finished(), s.planned(), ClockText.of(s.elapsedNanos())));
        b.append(eta < 0 ? "" : ", about " + ClockText.of(eta) + " left");
        if (s.failed() > 0) {
            b.append(String.format(Locale.ROOT, ", %,d failed", s.failed()));
        }
        PlannedTrial t = s.current();
        if (t != null) {
            b.append("; ").append(t.cell().label()).append(", trial ").append(t.trial() + 1);
            current.ifPresent(run -> b.append(String.format(Locale.ROOT, ": %.0f%%",
                    run.snapshot().sendProgress() * 100)));
        }
        return b.toString();
    }

    private static int report(SweepResult r, Path report, boolean json, boolean failOnTorn, Style style,
                              PrintStream out, PrintStream err) {
        if (!json) {
            // The text first: a stopped sweep says what it measured at once.
            if (style == Style.TABLES) {
                out.print(SweepTable.render(r));
                out.println(summary(r));
            } else {
                printTrials(r, out);
            }
            out.flush();
        }
        String reportError = null;
        if (report != null) {
            try {
                SweepReport.writeCsv(r, report);
                err.println("report written to " + report.toAbsolutePath());
            } catch (IOException e) {
                reportError = e.getMessage();
                err.println("error: " + reportError);
            }
        }
        if (json) {
            out.println(SweepReport.json(r));
            out.flush();
        }
        long failed = r.failedTrials();
        if (failed > 0) {
            TrialRecord first = r.trials().stream().filter(t -> !t.pooled()).findFirst().orElseThrow();
            err.printf(Locale.ROOT, "error: %,d trial%s failed; the first (%s, trial %d): %s%n", failed,
                    failed == 1 ? "" : "s", first.cell().label(), first.trial() + 1,
                    first.failure() == null ? "verdicts unknown" : first.failure());
        }
        if (r.outcome() != SweepOutcome.COMPLETED || failed > 0 || reportError != null) {
            return 1;
        }
        return failOnTorn && r.cells().stream().anyMatch(c -> c.tornRate().events() > 0) ? 1 : 0;
    }

    /** "175 of 175 trials in 83.2 s (seed 42)" or "stopped: 37 of 175 trials ... 138 not run". */
    static String summary(SweepResult r) {
        String head = switch (r.outcome()) {
            case COMPLETED -> "";
            case CANCELLED -> "stopped: ";
            case FAILED -> "failed (" + r.failure() + "): ";
        };
        return String.format(Locale.ROOT, "%s%,d of %,d trials in %.1f s (seed %d)%s", head, r.trials().size(),
                r.plan().plannedTrials(), r.seconds(), r.plan().seed(),
                r.notRun().isEmpty() ? "" : String.format(Locale.ROOT, "; %,d not run", r.notRun().size()));
    }

    private static void printTrials(SweepResult r, PrintStream out) {
        RunConfig c = r.plan().configFor(r.plan().cells().getFirst());
        out.printf(Locale.ROOT, "%s, %d threads, %,d x %s, target %s, %d trials%n", c.strategyLabel(), c.threads(),
                c.packets(), Sizes.format(c.payloadSize()), c.target(), r.plan().trials());
        for (TrialRecord t : r.trials()) {
            String failed = t.pooled() ? "" : t.outcome() + (t.failure() == null ? " (verdicts unknown)"
                    : " (" + t.failure() + ")") + "; ";
            out.printf(Locale.ROOT, "  trial %d: %sintact %,d  torn %,d  missing %,d  duplicate %,d  partial sends %,d"
                            + "  %.2f s  %s%n", t.trial() + 1, failed, t.intact(), t.torn(), t.missing(),
                    t.duplicate(), t.partialSends(), t.seconds(), Sizes.rate(t.throughput()));
        }
        for (var t : r.notRun()) {
            out.printf(Locale.ROOT, "  trial %d: not run%n", t.trial() + 1);
        }
        CellSummary s = r.cells().getFirst();
        out.println(pooledText(s));
        if (r.outcome() != SweepOutcome.COMPLETED) {
            out.println(summary(r));
        }
    }

    /**
     * "Pooled: 1,234 of 30,000 torn (4.1%; 95% interval 3.9% to 4.3%); 3 of 3 trials tore (95% interval
     * 44-100%); median 812 MB/s."
     */
    static String pooledText(CellSummary s) {
        if (!s.measured()) {
            return "Pooled: nothing to go by (no trial completed).";
        }
        Proportion share = s.tearShare();
        String shareText = String.format(Locale.ROOT, "%d of %d trials tore", share.events(), share.trials())
                + (share.isUpperBoundOnly() ? "" : " (95% interval " + RateText.range(share.low(), share.high()) + ")");
        return "Pooled: " + s.tornRate().inWords("torn", "tear") + "; " + shareText + "; median "
                + Sizes.rate(s.medianThroughput()) + ".";
    }
}
