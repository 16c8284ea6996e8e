package dev.interleave.ui;

import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.run.WarmUp;
import dev.interleave.ui.grid.PacketGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of the window's runs: the warm-up at launch, Run.start, Stop and a run's end, each
 * moving the one {@link RunState} by its pure rule. Whatever may block (Run.start, a cancel, which can
 * wait up to a second for a native close, stopping the warm-up) runs on the worker, never on the FX
 * thread; the engine's answers come back through the {@code fx} executor, one call per event, never one
 * per packet.
 *
 * <p>Listeners hear each event first and the new state after it, so whoever sees the state change
 * (DONE, say) may rely on every part having taken the event (the result, the views' last pictures).
 *
 * <p>Every method is for the FX thread (the thread {@code fx} runs its tasks on); listeners are called
 * on it.
 */
final class RunSession {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
    /** How long a Run waits, on the worker, for the warm-up it interrupts to let go of the machine. */
    private static final Duration WARM_UP_STOP = Duration.ofSeconds(2);

    /** What the window does at each event of a run. Default methods: take only what you need. FX thread. */
    interface Listener {
        /** Run was pressed with {@code config}; the last run is let go. */
        default void starting(RunConfig config) {
        }

        /** The run is going on; {@code gridCopies} (null when there was no memory) were made on the worker. */
        default void started(Run run, PacketGrid.Copies gridCopies) {
        }

        /** Run.start threw: there is no run. */
        default void startFailed(Throwable cause) {
        }

        /** Stop was pressed. */
        default void stopping() {
        }

        /** The run ended: its result, or (result null) why it failed. */
        default void ended(Run run, RunResult result, Throwable failure) {
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

    /** A run just started, and the grid's copies for its packets, both made on the worker. */
    private record Started(Run run, PacketGrid.Copies gridCopies) {
    }

    private final Executor worker;
    private final Executor fx;
    private final List<Listener> listeners = new ArrayList<>();
    private RunState state = RunState.IDLE;
    private Run run;
    private WarmUp warmUp;
    /** The window is closing: nothing more starts, and a run that arrives late is cancelled. */
    private boolean closed;
    private long stopPressedNanos;
    private long stopLatencyMillis = -1;

    /**
     * @param worker runs what may block (a daemon pool in the window; a hand-driven queue in tests)
     * @param fx     runs the engine's answers on the FX thread ({@code Platform::runLater} in the window)
     */
    RunSession(Executor worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
    }

    void addListener(Listener l) {
        listeners.add(l);
    }

    RunState state() {
        return state;
    }

    /** The run going on, or the last one; null before the first and while one starts. */
    Run run() {
        return run;
    }

    /** Whether the engine warm-up is going on. */
    boolean warmingUp() {
        return state == RunState.WARMING;
    }

    /** Milliseconds from the last Stop to its run's end, or -1. */
    long stopLatencyMillis() {
        return stopLatencyMillis;
    }

    /**
     * Starts the engine's unseen warm-up run like {@code like} ({@link WarmUp}); {@code whenWarm} gets its
     * finished run on the FX thread, unless a Run took over first. False (and nothing happens) unless
     * idle, or when such a run would be refused here. A warm-up that ends without finishing (it is
     * skipped when its run cannot start) leaves WARMING until the next Run, which it does not delay.
     */
    boolean warmUp(RunConfig like, Consumer<Run> whenWarm) {
        if (closed || state.next(RunState.Event.WARM_UP).isEmpty()) {
            return false;
        }
        WarmUp w = WarmUp.start(like);
        if (w == null) {
            return false;
        }
        warmUp = w;
        w.whenFinished(r -> fx.execute(() -> {
            if (warmUp == w && move(RunState.Event.WARMED)) {
                warmUp = null;
                broadcastState();
                whenWarm.accept(r);
            }
        }));
        move(RunState.Event.WARM_UP);
        broadcastState();
        return true;
    }

    /**
     * Starts a run of {@code config}: false (and nothing happens) while a run is going on or after
     * {@link #close}. A warm-up going on is stopped first, on the worker.
     */
    boolean start(RunConfig config) {
        if (closed || !move(RunState.Event.START)) {
            return false;
        }
        LOG.info("starting {} threads x {} packets x {} B, {}", config.threads(), config.packets(),
                config.payloadSize(), config.strategyLabel());
        WarmUp warming = warmUp;
        warmUp = null;
        run = null; // the last run can be freed before the next one is built
        stopLatencyMillis = -1;
        for (Listener l : listeners) {
            l.starting(config);
        }
        broadcastState();
        CompletableFuture.supplyAsync(() -> startOnWorker(config, warming), worker)
                .whenComplete((st, ex) -> fx.execute(() -> started(st, ex)));
        return true;
    }

    private static Started startOnWorker(RunConfig config, WarmUp warming) {
        try {
            if (warming != null && !warming.done() && !warming.stop(WARM_UP_STOP)) {
                LOG.warn("the engine warm-up did not stop within {} s; starting anyway", WARM_UP_STOP.toSeconds());
            }
            Run r = Run.start(config);
            PacketGrid.Copies copies = null;
            try {
                copies = PacketGrid.copiesFor(r.packets().size());
            } catch (OutOfMemoryError e) {
                LOG.warn("no memory for the grid's copies of {} packets yet", r.packets().size());
            }
            return new Started(r, copies);
        } catch (InvalidConfigException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private void started(Started st, Throwable ex) {
        if (closed) {
            if (st != null) {
                worker.execute(st.run()::cancel); // the window closed while the run was being started
            }
            return;
        }
        if (ex != null) {
            Throwable cause = LabExports.cause(ex);
            LOG.info("the run did not start: {}", LabExports.message(cause));
            move(RunState.Event.FAILED_TO_START);
            for (Listener l : listeners) {
                l.startFailed(cause);
            }
            broadcastState();
            return;
        }
        Run r = st.run();
        run = r;
        move(RunState.Event.STARTED);
        r.completion().whenComplete((result, e) -> fx.execute(() -> ended(r, result, e)));
        for (Listener l : listeners) {
            l.started(r, st.gridCopies());
        }
        broadcastState();
        if (state == RunState.STOPPING) {
            worker.execute(r::cancel); // Stop was pressed while it started
        }
    }

    /**
     * Stops the run going on (or about to start) within a second; its partial result stays. The cancel
     * runs on the worker. False when nothing runs.
     */
    boolean stop() {
        RunState was = state;
        if (!move(RunState.Event.STOP)) {
            return false;
        }
        stopPressedNanos = System.nanoTime();
        LOG.info("stop requested");
        if (was == RunState.RUNNING) {
            worker.execute(run::cancel);
        }
        for (Listener l : listeners) {
            l.stopping();
        }
        broadcastState();
        return true;
    }

    private void ended(Run r, RunResult result, Throwable ex) {
        if (r != run || closed) {
            return;
        }
        boolean stopped = state == RunState.STOPPING;
        if (!move(RunState.Event.ENDED)) {
            return;
        }
        if (stopped) {
            stopLatencyMillis = (System.nanoTime() - stopPressedNanos) / 1_000_000;
            LOG.info("stopped {} ms after Stop", stopLatencyMillis);
        }
        Throwable failure = ex == null && result == null ? new IllegalStateException("the run gave no result")
                : ex == null ? null : LabExports.cause(ex);
        if (failure != null) {
            LOG.warn("the run failed: {}", LabExports.message(failure));
        } else {
            LOG.info("run finished: {}", result.verdictText());
        }
        for (Listener l : listeners) {
            l.ended(r, failure == null ? result : null, failure);
        }
        broadcastState();
    }

    /**
     * Shows {@code result}, a finished run's result from elsewhere (a sweep's trial), in the views as the
     * last run: the grid's copies are made on the worker, then every listener hears
     * {@link Listener#opened}. Refused (false, nothing happens) while a run is going on or after
     * {@link #close}; a warm-up going on is stopped. If a run starts before the copies are ready, the
     * result is not shown.
     */
    boolean open(RunResult result) {
        if (closed || state.next(RunState.Event.OPENED).isEmpty()) {
            return false;
        }
        long packets = result.packets() == null ? 0 : result.packets().size();
        CompletableFuture.supplyAsync(() -> {
            try {
                return packets == 0 ? null : PacketGrid.copiesFor(packets);
            } catch (OutOfMemoryError e) {
                LOG.warn("no memory for the grid's copies of {} packets", packets);
                return null;
            }
        }, worker).whenComplete((copies, ex) -> fx.execute(() -> opened(result, copies)));
        return true;
    }

    private void opened(RunResult result, PacketGrid.Copies copies) {
        if (closed || !move(RunState.Event.OPENED)) {
            return; // a run started meanwhile: it is what the views show
        }
        WarmUp warming = warmUp;
        warmUp = null;
        if (warming != null) {
            worker.execute(() -> {
                try {
                    warming.stop(WARM_UP_STOP);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        run = null;
        LOG.info("showing a finished result: {}", result.verdictText());
        for (Listener l : listeners) {
            l.opened(result, copies);
        }
        broadcastState();
    }

    /**
     * Stops the engine's warm-up, if it is going on (on the worker), so that something else may measure
     * (a sweep); completes, on the worker or at once, when it has stopped. Does not change what the
     * views show.
     */
    CompletableFuture<Void> stopWarmUp() {
        WarmUp w = warmUp;
        if (w == null || !move(RunState.Event.WARMED)) {
            return CompletableFuture.completedFuture(null);
        }
        warmUp = null;
        broadcastState();
        return CompletableFuture.runAsync(() -> {
            try {
                if (!w.done() && !w.stop(WARM_UP_STOP)) {
                    LOG.warn("the engine warm-up did not stop within {} s", WARM_UP_STOP.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, worker);
    }

    /**
     * The window is closing: a run going on is cancelled and the warm-up stopped, both on the worker;
     * nothing starts after this. Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        WarmUp w = warmUp;
        warmUp = null;
        if (w != null) {
            worker.execute(() -> {
                try {
                    w.stop(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Run r = run;
        if (r != null && state.busy()) {
            worker.execute(r::cancel);
        }
    }

    /** Applies {@code event} by {@link RunState#next}; false when it is refused here. */
    private boolean move(RunState.Event event) {
        var to = state.next(event);
        to.ifPresent(s -> state = s);
        return to.isPresent();
    }

    private void broadcastState() {
        for (Listener l : listeners) {
            l.stateChanged(state);
        }
    }
}
