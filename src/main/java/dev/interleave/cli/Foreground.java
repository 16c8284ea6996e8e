package dev.interleave.cli;

import dev.interleave.run.Awaitable;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The CLI's main thread waiting for a run or a sweep: progress on stderr meanwhile, and Ctrl+C stops
 * the work and lets its partial result still be reported before the process ends with 1, a stopped
 * command's code.
 */
final class Foreground {
    private Foreground() {
    }

    /**
     * Waits for {@code work} with a progress line ({@code <name>-progress} thread) and a Ctrl+C hook
     * ({@code cancel-<name>-on-exit}), then hands the result to {@code report} and returns its exit code;
     * 1 when this thread is interrupted. On Ctrl+C the hook cancels the work, waits up to
     * {@code graceSeconds} for {@code report} to return, and halts the process with 1. CLI main thread.
     */
    static <R> int await(Awaitable<R> work, String name, Supplier<String> progressLine, long graceSeconds,
                         PrintStream err, ToIntFunction<R> report) {
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            work.cancel();
            try {
                reported.await(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(1);
        }, "cancel-" + name + "-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        Progress progress = Progress.start(name + "-progress", progressLine, err);
        R result;
        try {
            result = work.await();
        } catch (InterruptedException e) {
            work.cancel();
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            progress.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // Ctrl+C: the hook is running and waits for the report below
            }
        }
        try {
            return report.applyAsInt(result);
        } finally {
            reported.countDown();
        }
    }
}
