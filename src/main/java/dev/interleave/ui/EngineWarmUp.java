package dev.interleave.ui;

import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.WarmUp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's warm-up at launch ({@link WarmUp}) as the session holds it: at most one, let go of as
 * soon as something else wants the machine (a run, a listener, an opened result, a sweep), and stopped
 * on the worker, since a stop waits for the warm-up's threads and the FX thread must not. It does not
 * move the {@link RunState}: the session does, around these calls. FX thread, unless a method says
 * otherwise.
 */
final class EngineWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmUp.class);
    /** How long whoever takes the machine waits, on the worker, for the warm-up to let go of it. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final Executor worker;
    private final Executor fx;
    private WarmUp current;

    /**
     * @param worker where a stop waits for the warm-up's threads
     * @param fx     runs the finished warm-up's answer on the FX thread
     */
    EngineWarmUp(Executor worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
    }

    /** Whether a warm-up is held (going on, or finished with its answer still on its way). FX thread. */
    boolean going() {
        return current != null;
    }

    /**
     * Starts a warm-up like {@code like}; once it finishes (not when stopped), {@code whenFinished} gets
     * its run on the FX thread, unless it was let go of first. False, and nothing starts, when such a
     * run would be refused here. FX thread.
     */
    boolean start(RunConfig like, Consumer<Run> whenFinished) {
        WarmUp w = WarmUp.start(like);
        if (w == null) {
            return false;
        }
        current = w;
        w.whenFinished(r -> fx.execute(() -> {
            if (current == w) {
                current = null;
                whenFinished.accept(r);
            }
        }));
        return true;
    }

    /**
     * Lets go of the warm-up without stopping it, for a caller that stops it on the worker itself
     * ({@link #stopNow}) before it uses the machine there; null when none is held. FX thread.
     */
    WarmUp letGo() {
        WarmUp w = current;
        current = null;
        return w;
    }

    /**
     * Lets go of the warm-up and stops it on the worker, waiting up to {@code wait}; completes (on the
     * worker, or at once when none is held) when it has stopped or the wait is over. FX thread.
     */
    CompletableFuture<Void> stop(Duration wait) {
        WarmUp w = letGo();
        if (w == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                stopNow(w, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, worker);
    }

    /**
     * Stops {@code w} (null: nothing) and waits up to {@code wait} for its threads, so that what comes
     * next measures alone; a warm-up that does not stop in time is logged and the caller goes on. Not
     * the FX thread: it may wait seconds.
     */
    static void stopNow(WarmUp w, Duration wait) throws InterruptedException {
        if (w != null && !w.done() && !w.stop(wait)) {
            LOG.warn("the engine warm-up did not stop within {} s; going on anyway", wait.toSeconds());
        }
    }
}
