package dev.interleave.ui;

import dev.interleave.run.LiveRun;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.ui.grid.PacketGrid;

/**
 * What a part of the window does at each event of the {@link RunSession}: the model, the frame loop,
 * the views and the words each take what they need (default methods do nothing). The session calls
 * every method on the FX thread, one call per event, never one per packet; each event comes before the
 * {@link #stateChanged} it causes.
 */
interface RunSessionListener {
    /** Run was pressed with {@code config}; the last run is let go. */
    default void starting(RunConfig config) {
    }

    /** The run is going on; {@code gridCopies} (null when there was no memory) were made on the worker. */
    default void started(LiveRun run, PacketGrid.Copies gridCopies) {
    }

    /** Run.start threw: there is no run. */
    default void startFailed(Throwable cause) {
    }

    /** Stop was pressed. */
    default void stopping() {
    }

    /** The run ended: its result, or (result null) why it failed. */
    default void ended(LiveRun run, RunResult result, Throwable failure) {
    }

    /** The window listens for an outside sender at {@code where} ("127.0.0.1:11200", the bound port). */
    default void listening(String where) {
    }

    /** Listening could not start: why, in words (a port in use, an address of another machine). */
    default void listenFailed(Throwable cause) {
    }

    /** The window stopped listening (Stop listening, or the window closes). */
    default void stoppedListening() {
    }

    /** A connection came that was no sender (no valid Hello): from where, and why in words. */
    default void turnedAway(String remote, String why) {
    }

    /**
     * A finished result from elsewhere (a sweep's last trial of a cell, compacted: its per-packet state
     * may be absent, and it has no sender telemetry) is shown as if its run had just ended; there is
     * no Run behind it. {@code gridCopies} (null when there was no memory, or no packets) were made on
     * the worker.
     */
    default void opened(RunResult result, PacketGrid.Copies gridCopies) {
    }

    /** The state after each event above. */
    default void stateChanged(RunState state) {
    }
}
