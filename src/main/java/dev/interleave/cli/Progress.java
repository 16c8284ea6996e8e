package dev.interleave.cli;

import dev.interleave.run.Run;
import dev.interleave.run.RunSnapshot;
import dev.interleave.run.Sizes;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr, printed on a clock from a thread of its own: a bar redrawn ten times a second
 * on a terminal, a line every five seconds otherwise (logs stay readable).
 */
final class Progress {
    private final Thread thread;
    private final boolean terminal;
    private final PrintStream err;
    private volatile boolean stopped;

    private Progress(Run run, PrintStream err) {
        this.err = err;
        java.io.Console console = System.console();
        this.terminal = console != null && console.isTerminal();
        this.thread = Thread.ofPlatform().daemon().name("progress").unstarted(() -> loop(run));
    }

    static Progress start(Run run, PrintStream err) {
        Progress p = new Progress(run, err);
        p.thread.start();
        return p;
    }

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

    private void loop(Run run) {
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
            String line = line(run.snapshot());
            if (terminal) {
                err.print("\r\033[K" + line);
            } else {
                err.println(line);
            }
            err.flush();
        }
    }

    static String line(RunSnapshot s) {
        int width = 30;
        int filled = (int) Math.round(s.sendProgress() * width);
        long left = s.nanosLeft();
        return String.format(Locale.ROOT, "[%s%s] %5.1f%% %,d/%,d packets, %s, torn %,d, partial %,d, %.1f s%s",
                "#".repeat(filled), ".".repeat(width - filled), s.sendProgress() * 100, s.sender().packets(),
                s.packets(), Sizes.rate(s.sendThroughput()), s.verdicts().torn(), s.sender().partialSends(),
                s.elapsedNanos() / 1e9, left < 0 ? "" : String.format(Locale.ROOT, ", %.0f s left", left / 1e9));
    }
}
