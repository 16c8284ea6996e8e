package dev.interleave.sweep;

import dev.interleave.run.Run;

/**
 * Hears a sweep's trials as they start and end, and the sweep's end. Every method is called on the
 * sweep's own thread ("sweep-runner"), one call at a time, in order: trialStarted, trialFinished (not
 * for a trial the sweep's cancel cut short), ..., then sweepEnded exactly once. A method must return
 * quickly (the next trial waits for it; a window hands the event to its FX thread, a console only
 * notes it); it may call {@link SweepRunner#cancel()}, but must not wait for the sweep
 * ({@link SweepRunner#await()} would never return). An exception thrown by a listener is logged and
 * does not stop the sweep.
 */
public interface SweepListener {

    /** {@code trial} starts; {@code run} is its engine, for a live view ({@link Run#snapshot()}). */
    default void trialStarted(PlannedTrial trial, Run run) {
    }

    /** A trial ended with a record (completed or failed). */
    default void trialFinished(TrialFinished event) {
    }

    /** The sweep ended (completed, cancelled or failed); called before {@link SweepRunner#completion()} completes. */
    default void sweepEnded(SweepResult result) {
    }
}
