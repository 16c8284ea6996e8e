package dev.interleave.sweep;

import dev.interleave.run.RunEnvironment;
import dev.interleave.run.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sweep measured: complete, or partial after a stop. Every planned trial is either in
 * {@code trials} (it ran to an end) or in {@code notRun}. Immutable; any thread.
 *
 * @param plan        the plan
 * @param environment the machine measured
 * @param startedAt   when the sweep started
 * @param seconds     wall-clock seconds from start to end
 * @param outcome     how it ended
 * @param failure     why the sweep itself failed, or null (a failed trial says why in its record)
 * @param trials      the finished trials, in run order
 * @param notRun      the planned trials that did not run, in run order
 * @param cells       every cell's pooled figures, in the plan's order
 * @param lastTrials  each cell's last finished trial, compacted ({@link LastTrial}); cells with none are absent
 */
public record SweepResult(SweepPlan plan, RunEnvironment environment, Instant startedAt, double seconds,
                          SweepOutcome outcome, String failure, List<TrialRecord> trials,
                          List<PlannedTrial> notRun, List<CellSummary> cells, Map<Cell, RunResult> lastTrials) {

    public SweepResult {
        trials = List.copyOf(trials);
        notRun = List.copyOf(notRun);
        cells = List.copyOf(cells);
        lastTrials = Map.copyOf(lastTrials);
    }

    /** The pooled figures of {@code cell}. */
    public Optional<CellSummary> cell(Cell cell) {
        return cells.stream().filter(c -> c.cell().equals(cell)).findFirst();
    }

    /** The last finished trial of {@code cell}, to open in the lab views. */
    public Optional<RunResult> lastTrial(Cell cell) {
        return Optional.ofNullable(lastTrials.get(cell));
    }

    /** Trials that failed (not pooled). */
    public long failedTrials() {
        return trials.stream().filter(t -> !t.pooled()).count();
    }
}
