package dev.interleave.run;

import dev.interleave.telemetry.SenderTelemetry;
import java.util.concurrent.CompletableFuture;

/**
 * A run as the views see it while it goes on: the lab's own ({@link Run}, which sends and verifies) or
 * an outside sender's ({@link OutsideRun}, which this process only verifies). The window's frame loop
 * takes a {@link #snapshot()} per frame and the grid copies {@link #packets()}; neither cares which kind
 * it reads. Every method may be called from any thread and is cheap and lock-free.
 */
public interface LiveRun {

    /**
     * What the run is: the lab's own config, or, for an outside sender, what its Hello and its frames
     * say so far (threads, packets, payload size; the strategy names the sender). Any thread.
     */
    RunConfig config();

    /** Where the run is in its life. Any thread. */
    RunPhase phase();

    /** The run now; cheap and lock-free. Any thread (the FX thread calls it once per frame). */
    RunSnapshot snapshot();

    /**
     * Per-packet state for the grid and the report. Its {@link PacketView#size()} may grow while the run
     * goes on (an outside sender that announced no packet count). Any thread.
     */
    PacketView packets();

    /**
     * The sender's own instruments (per-thread partial-send event logs), or null when this process did
     * not send (an outside sender: its counts come in its report, without events). Any thread.
     */
    SenderTelemetry telemetry();

    /** Stops the run within a second; the result is partial. Any thread; idempotent. */
    void cancel();

    /** Completes with the result, on a thread of the engine's. Any thread. */
    CompletableFuture<RunResult> completion();
}
