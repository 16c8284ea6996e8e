package dev.interleave.cli;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Progress on stderr, printed on a clock from a thread of its own (never per event): a line redrawn
 * ten times a second on a terminal, a line every five seconds otherwise (logs stay readable). What
 * the line says is its caller's: a run's bar ({@link RunExecution#progressLine}), a sweep's
 * ({@link SweepExecution#progressLine}).
 */
final class Progress {
    private final Thread thread;
    private final boolean terminal;
    private final PrintStream err;
    private volatile boolean stopped;

    private Progress(String threadName, Supplier<String> line, PrintStream err) {
        this.err = err;
        java.io.Console console = System.console();
        this.terminal = console != null && console.isTerminal();
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(() -> loop(line));
    }

    /**
     * Starts printing {@code line}, which is asked on the progress thread, so it must read its figures
     * without locks (snapshots). CLI main thread.
     */
    static Progress start(String threadName, Supplier<String> line, PrintStream err) {
        Progress p = new Progress(threadName, line, err);
        p.thread.start();
        return p;
    }

    /** Stops printing and clears the line. CLI main thread. */
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

    private void loop(Supplier<String> line) {
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
            String text = line.get();
            if (terminal) {
                err.print("\r\033[K" + text);
            } else {
                err.println(text);
            }
            err.flush();
        }
    }
}
