package dev.interleave.cli;

import dev.interleave.run.Run;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.SweepRunner;
import dev.interleave.sweep.SweepSnapshot;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * A sweep's progress on stderr, printed on a clock from a thread of its own (never per trial): a bar
 * redrawn ten times a second on a terminal, a line every five seconds otherwise, with trials done of
 * all, the time so far and the time left at the mean trial time so far.
 */
final class SweepProgress {
    private final Thread thread;
    private final boolean terminal;
    private final PrintStream err;
    private volatile boolean stopped;

    private SweepProgress(SweepRunner runner, PrintStream err) {
        this.err = err;
        java.io.Console console = System.console();
        this.terminal = console != null && console.isTerminal();
        this.thread = Thread.ofPlatform().daemon().name("sweep-progress").unstarted(() -> loop(runner));
    }

    /** Starts printing. CLI main thread. */
    static SweepProgress start(SweepRunner runner, PrintStream err) {
        SweepProgress p = new SweepProgress(runner, err);
        p.thread.start();
        return p;
    }

    /** Stops printing and clears the bar. CLI main thread. */
    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private void loop(SweepRunner runner) {
        long period = terminal ? 100 : 5000;
        while (!stopped) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            String line = line(runner.snapshot(), runner.currentRun());
            if (terminal) {
                err.print("\r\033[K" + line);
            } else {
                err.println(line);
            }
            err.flush();
        }
    }

    /** "[#####.....] 37/175 trials, 0:41, about 1:52 left; native, 8 threads, 10 KB, trial 2: 45%". */
    static String line(SweepSnapshot s, Optional<Run> current) {
        int width = 30;
        int filled = (int) Math.round(s.progress() * width);
        long eta = s.etaNanos();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "[%s%s] %,d/%,d trials, %s",
                "#".repeat(filled), ".".repeat(width - filled), s.finished(), s.planned(), duration(s.elapsedNanos())));
        b.append(eta < 0 ? "" : ", about " + duration(eta) + " left");
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

    /** "0:07", "12:34", "1:02:03". */
    static String duration(long nanos) {
        long s = Math.max(0, Math.round(nanos / 1e9));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
