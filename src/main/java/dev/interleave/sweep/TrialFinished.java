package dev.interleave.sweep;

import dev.interleave.run.RunResult;

/**
 * A trial of a sweep ended (completed or failed). Immutable.
 *
 * @param record   its figures
 * @param cell     its cell's pooled figures, this trial included
 * @param result   its result, compacted ({@link LastTrial#compact}): also the cell's last trial now
 * @param progress the sweep after it
 */
public record TrialFinished(TrialRecord record, CellSummary cell, RunResult result, SweepSnapshot progress) {
}
