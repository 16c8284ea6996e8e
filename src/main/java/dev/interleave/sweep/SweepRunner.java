package dev.interleave.sweep;

import dev.interleave.run.Awaitable;
import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.Run;
import dev.interleave.run.RunEnvironment;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SweepPlan}: its trials one after another, in the plan's {@link SweepPlan#order()}, each
 * a {@link Run} of its own (its own in-process verifier on loopback and a fresh connection, as a single
 * run has; starting a verifier costs about a millisecond of a trial's 20-50 ms). It keeps a small
 * {@link TrialRecord} per trial and, per cell, the last trial's result compacted ({@link LastTrial}),
 * never every trial's per-packet state.
 *
 * <p>Threads: the sweep runs on a thread of its own ("sweep-runner"), which also calls the
 * {@link SweepListener}s. {@link #snapshot()}, {@link #lastTrial}, {@link #currentRun()} and
 * {@link #cancel()} may be called from any thread at any time, without locks; a window reads
 * {@code snapshot()} once per frame, or hands listener events to its FX thread itself.
 */
public final class SweepRunner implements Awaitable<SweepResult> {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private final SweepPlan plan;
    private final List<PlannedTrial> order;
    private final List<SweepListener> listeners;
    private final Map<Cell, Integer> index;
    private final AtomicReferenceArray<RunResult> lastTrials;
    private final CompletableFuture<SweepResult> completion = new CompletableFuture<>();
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private volatile boolean cancelled;
    private volatile Run current;
    private volatile SweepSnapshot snapshot;

    private SweepRunner(SweepPlan plan, List<SweepListener> listeners) {
        this.plan = plan;
        this.order = plan.order();
        this.listeners = List.copyOf(listeners);
        this.index = plan.indexByCell();
        this.lastTrials = new AtomicReferenceArray<>(plan.cells().size());
        List<CellSummary> cells = new ArrayList<>();
        for (Cell c : plan.cells()) {
            cells.add(Pooling.pool(c, plan.packetsFor(c), plan.trials(), List.of()));
        }
        this.snapshot = new SweepSnapshot(SweepPhase.RUNNING, order.size(), 0, 0, cells, null, startNanos, 0);
    }

    /**
     * Validates {@code plan} and starts the sweep on a thread of its own; returns at once. Listeners
     * are fixed here (see {@link SweepListener} for the thread they are called on). Any thread.
     */
    public static SweepRunner start(SweepPlan plan, List<SweepListener> listeners) throws InvalidConfigException {
        plan.validated();
        SweepRunner runner = new SweepRunner(plan, listeners);
        Thread.ofPlatform().name("sweep-runner").daemon().start(runner::loop);
        return runner;
    }

    /** As {@link #start(SweepPlan, List)}. Any thread. */
    public static SweepRunner start(SweepPlan plan, SweepListener... listeners) throws InvalidConfigException {
        return start(plan, Arrays.asList(listeners));
    }

    /** Any thread. */
    public SweepPlan plan() {
        return plan;
    }

    /** The run order (the plan's), fixed at start. Any thread. */
    public List<PlannedTrial> order() {
        return order;
    }

    /** The sweep now: progress and every cell's pooled figures. Lock-free; any thread (every frame is fine). */
    public SweepSnapshot snapshot() {
        SweepSnapshot s = snapshot;
        if (cancelled && s.phase() == SweepPhase.RUNNING) {
            return new SweepSnapshot(SweepPhase.STOPPING, s.planned(), s.finished(), s.failed(), s.cells(),
                    s.current(), s.startNanos(), s.endNanos());
        }
        return s;
    }

    /** The last finished trial of {@code cell}, compacted, to open in the lab views. Any thread. */
    public Optional<RunResult> lastTrial(Cell cell) {
        Integer i = index.get(cell);
        return i == null ? Optional.empty() : Optional.ofNullable(lastTrials.get(i));
    }

    /** The run of the trial going on now, for a live view of it. Any thread. */
    public Optional<Run> currentRun() {
        return Optional.ofNullable(current);
    }

    /**
     * Stops the sweep: the trial going on is stopped within about a second and counts as not run (its
     * figures are cut short); every finished trial is kept; no further trial starts. Any thread;
     * idempotent.
     */
    @Override
    public void cancel() {
        cancelled = true;
        Run r = current;
        if (r != null) {
            r.cancel();
        }
    }

    /** Whether {@link #cancel()} was called. Any thread. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Completes with the result on the sweep's thread, after the listeners heard sweepEnded. Any thread. */
    @Override
    public CompletableFuture<SweepResult> completion() {
        return completion;
    }

    // ---------------------------------------------------------------- the sweep's thread

    private void loop() {
        List<TrialRecord> records = new ArrayList<>();
        List<List<TrialRecord>> byCell = new ArrayList<>();
        List<CellSummary> cells = new ArrayList<>(snapshot.cells());
        for (int i = 0; i < plan.cells().size(); i++) {
            byCell.add(new ArrayList<>());
        }
        List<PlannedTrial> notRun = new ArrayList<>();
        String failure = null;
        int failed = 0;
        int next = 0;
        try {
            for (; next < order.size() && !cancelled; next++) {
                PlannedTrial t = order.get(next);
                int cellIndex = index.get(t.cell());
                publish(records.size(), failed, cells, t);
                RunResult result = runTrial(t);
                if (cancelled && (result == null || result.outcome() == RunOutcome.CANCELLED)) {
                    notRun.add(t); // cut short by the sweep's cancel: not a finished trial
                    continue;
                }
                RunResult kept = result == null ? null : LastTrial.compact(result);
                TrialRecord record = result == null ? TrialRecord.notStarted(t, plan.packetsFor(t.cell()),
                        "the engine refused the trial", Instant.now()) : TrialRecord.of(t, result);
                records.add(record);
                byCell.get(cellIndex).add(record);
                failed += record.pooled() ? 0 : 1;
                if (kept != null) {
                    lastTrials.set(cellIndex, kept);
                }
                CellSummary summary = Pooling.pool(t.cell(), plan.packetsFor(t.cell()), plan.trials(),
                        byCell.get(cellIndex));
                cells.set(cellIndex, summary);
                SweepSnapshot s = publish(records.size(), failed, cells, null);
                TrialFinished event = new TrialFinished(record, summary, kept, s);
                tell(l -> l.trialFinished(event));
            }
        } catch (OutOfMemoryError | RuntimeException e) {
            // The trial being handled has no record; it and the rest count as not run.
            LOG.error("sweep failed", e);
            failure = e instanceof OutOfMemoryError ? "out of memory: " + e.getMessage() : String.valueOf(e);
            current = null;
        }
        for (int i = next; i < order.size(); i++) {
            notRun.add(order.get(i));
        }
        SweepOutcome outcome = failure != null ? SweepOutcome.FAILED
                : notRun.isEmpty() ? SweepOutcome.COMPLETED : SweepOutcome.CANCELLED;
        Map<Cell, RunResult> last = new HashMap<>();
        for (int i = 0; i < plan.cells().size(); i++) {
            RunResult r = lastTrials.get(i);
            if (r != null) {
                last.put(plan.cells().get(i), r);
            }
        }
        long end = System.nanoTime();
        // The trials' senders read their nice value back; every trial's senders get the same one.
        OptionalInt nice = last.values().stream().map(r -> r.environment().senderNice())
                .filter(OptionalInt::isPresent).findFirst().orElse(OptionalInt.empty());
        SweepResult result = new SweepResult(plan, RunEnvironment.current().withSenderNice(nice), startedAt,
                (end - startNanos) / 1e9,
                outcome, failure, records, notRun, cells, last);
        snapshot = new SweepSnapshot(switch (outcome) {
            case COMPLETED -> SweepPhase.COMPLETED;
            case CANCELLED -> SweepPhase.CANCELLED;
            case FAILED -> SweepPhase.FAILED;
        }, order.size(), records.size(), failed, cells, null, startNanos, end);
        tell(l -> l.sweepEnded(result));
        completion.complete(result);
    }

    /** Runs one trial; null when it could not start (or the sweep was cancelled while it started). */
    private RunResult runTrial(PlannedTrial t) {
        Run run;
        try {
            run = Run.start(plan.configFor(t.cell()));
        } catch (InvalidConfigException e) {
            LOG.warn("trial {} of {} refused: {}", t.trial(), t.cell().label(), e.getMessage());
            return null; // cannot happen for a validated plan
        }
        current = run;
        if (cancelled) {
            run.cancel(); // cancel() may have looked for the run just before it was published
        }
        tell(l -> l.trialStarted(t, run));
        try {
            return awaitUninterruptibly(run);
        } finally {
            current = null;
        }
    }

    /** The sweep's thread is never interrupted by the sweep; a stray interrupt must not lose a trial. */
    private static RunResult awaitUninterruptibly(Run run) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return run.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.cancel();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SweepSnapshot publish(int finished, int failed, List<CellSummary> cells, PlannedTrial running) {
        SweepSnapshot s = new SweepSnapshot(SweepPhase.RUNNING, order.size(), finished, failed, cells, running,
                startNanos, 0);
        snapshot = s;
        return s;
    }

    private void tell(java.util.function.Consumer<SweepListener> call) {
        for (SweepListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a sweep listener failed", e);
            }
        }
    }
}
