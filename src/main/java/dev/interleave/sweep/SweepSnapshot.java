package dev.interleave.sweep;

import java.util.List;

/**
 * A sweep at one moment: how far it is, and every cell's pooled figures so far. Immutable; published
 * by the sweep's thread after every trial, read by any thread without locks ({@link SweepRunner#snapshot()}),
 * cheap enough for every frame.
 *
 * @param phase        where the sweep is
 * @param planned      trials planned
 * @param finished     trials that ran to an end (failed ones included)
 * @param failed       finished trials that failed
 * @param cells        every cell's summary, in the plan's order
 * @param current      the trial running now, or null between trials and at the end
 * @param startNanos   {@link System#nanoTime()} when the sweep started
 * @param endNanos     {@link System#nanoTime()} when it ended, or 0 while it runs
 */
public record SweepSnapshot(SweepPhase phase, int planned, int finished, int failed, List<CellSummary> cells,
                            PlannedTrial current, long startNanos, long endNanos) {

    public SweepSnapshot {
        cells = List.copyOf(cells);
    }

    /** Nanoseconds since the sweep started (until it ended). */
    public long elapsedNanos() {
        return (endNanos != 0 ? endNanos : System.nanoTime()) - startNanos;
    }

    /** Fraction of planned trials finished, 0..1. */
    public double progress() {
        return planned == 0 ? 1 : (double) finished / planned;
    }

    /**
     * Nanoseconds left at the mean time per trial so far (the order is shuffled, so the trials done are
     * a fair sample of those left); -1 before the first trial finished, 0 once the sweep ended.
     */
    public long etaNanos() {
        if (phase.ended()) {
            return 0;
        }
        if (finished == 0) {
            return -1;
        }
        return (long) ((double) elapsedNanos() / finished * (planned - finished));
    }
}
