package dev.interleave.run;

import dev.interleave.telemetry.SenderTelemetry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One run of the experiment: verifier, sender, verdicts. (Lifecycle implementation in progress: the
 * lead is wiring it to the verifier server.)
 */
public final class Run {
    private Run() {
    }

    /** Validates {@code config} and starts the run on a control thread of its own. Any thread. */
    public static Run start(RunConfig config) throws InvalidConfigException {
        config.validated();
        throw new UnsupportedOperationException("wiring in progress");
    }

    /** Any thread. */
    public RunConfig config() {
        throw new UnsupportedOperationException();
    }

    /** Any thread. */
    public RunPhase phase() {
        throw new UnsupportedOperationException();
    }

    /** The run now; cheap, lock-free. Any thread (the FX thread calls it once per frame). */
    public RunSnapshot snapshot() {
        throw new UnsupportedOperationException();
    }

    /** Per-packet state for the grid. Any thread. */
    public PacketView packets() {
        throw new UnsupportedOperationException();
    }

    /** The sender's instruments (per-thread event logs for the partial-send timeline). Any thread. */
    public SenderTelemetry telemetry() {
        throw new UnsupportedOperationException();
    }

    /** Stops the run within a second; the result is partial. Any thread; idempotent. */
    public void cancel() {
        throw new UnsupportedOperationException();
    }

    /** Completes with the result on the run's control thread. Any thread. */
    public CompletableFuture<RunResult> completion() {
        throw new UnsupportedOperationException();
    }

    /** Waits for the result. Not on the FX thread. */
    public RunResult await() throws InterruptedException {
        throw new UnsupportedOperationException();
    }

    /** Waits at most {@code timeout}. Not on the FX thread. */
    public Optional<RunResult> await(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException();
    }
}
