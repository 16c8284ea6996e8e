package dev.interleave.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work of the engine's that ends with a result on a thread of its own: a {@link Run}, a sweep. It can
 * be stopped from any thread, and waited for from a thread that it does not need in order to end.
 *
 * @param <R> the result
 */
public interface Awaitable<R> {

    /** Stops the work; its result is partial. Any thread; idempotent. */
    void cancel();

    /** Completes with the result, on the work's own thread. Any thread. */
    CompletableFuture<R> completion();

    /**
     * Waits for the result. Not on the FX thread, nor on a thread the work calls back on (a sweep's
     * listeners), which the work would wait for in turn.
     */
    default R await() throws InterruptedException {
        try {
            return completion().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits at most {@code timeout}; empty when the work has not ended by then. Threads as {@link #await()}. */
    default Optional<R> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(completion().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
