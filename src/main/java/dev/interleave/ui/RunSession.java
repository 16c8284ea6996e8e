package dev.interleave.ui;

import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.ListenAddress;
import dev.interleave.run.LiveRun;
import dev.interleave.run.OutsideRun;
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
 * The engine side of the window's runs: Run.start, Stop, a run's end and a result opened from a sweep,
 * each moving the one {@link RunState} by its pure rule and told to every {@link RunSessionListener}.
 * Runs come two ways: Run pressed (the lab sends and verifies), or a sender connecting while the
 * window listens ({@link #listen}, the port held by {@link OutsideSenderPort}): its Hello starts the
 * run through the same events, so the same views and frame loop show it. The engine's warm-up at
 * launch ({@link EngineWarmUp}) gives way to whichever comes first. Whatever may block (Run.start, a
 * cancel, which can wait up to a second for a native close, stopping the warm-up, a bind) runs on the
 * worker, never on the FX thread; the engine's answers come back through the {@code fx} executor, one
 * call per event, never one per packet.
 *
 * <p>Listeners hear each event first and the new state after it, so whoever sees the state change
 * (DONE, say) may rely on every part having taken the event (the result, the views' last pictures).
 *
 * <p>Every method is for the FX thread (the thread {@code fx} runs its tasks on); listeners are called
 * on it. At about 400 lines the class is still one idea: every move of the {@link RunState} and the
 * events told with it are here, so the order of events and states can be checked in one file.
 */
final class RunSession {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);

    private final Executor worker;
    private final Executor fx;
    private final List<RunSessionListener> listeners = new ArrayList<>();
    private final EngineWarmUp warmUp;
    private final OutsideSenderPort port;
    private RunState state = RunState.IDLE;
    private LiveRun run;
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
        this.warmUp = new EngineWarmUp(worker, fx);
        this.port = new OutsideSenderPort(worker, fx, new PortEvents());
    }

    /** Adds a listener; each hears every event after those added before it. FX thread. */
    void addListener(RunSessionListener l) {
        listeners.add(l);
    }

    /** Where the window is in a run's life. FX thread. */
    RunState state() {
        return state;
    }

    /** The run going on, or the last one; null before the first and while one starts. FX thread. */
    LiveRun run() {
        return run;
    }

    /** Whether the window listens for an outside sender (or is about to: the bind is on its way). FX thread. */
    boolean listening() {
        return port.active();
    }

    /** Where outside senders connect ("127.0.0.1:11200"), or null while not listening (or binding). FX thread. */
    String listeningAt() {
        return port.where();
    }

    /** Whether the engine warm-up is going on. FX thread. */
    boolean warmingUp() {
        return state == RunState.WARMING;
    }

    /** Milliseconds from the last Stop to its run's end, or -1. FX thread. */
    long stopLatencyMillis() {
        return stopLatencyMillis;
    }

    // ---- the warm-up ----

    /**
     * Starts the engine's unseen warm-up run like {@code like} ({@link EngineWarmUp}); {@code whenWarm}
     * gets its finished run on the FX thread, unless a Run took over first. False (and nothing happens)
     * unless idle, or when such a run would be refused here. A warm-up that ends without finishing (it
     * is skipped when its run cannot start) leaves WARMING until the next Run, which it does not delay.
     * FX thread.
     */
    boolean warmUp(RunConfig like, Consumer<Run> whenWarm) {
        if (closed || listening() || state.next(RunState.Event.WARM_UP).isEmpty()) {
            return false;
        }
        boolean started = warmUp.start(like, r -> {
            if (move(RunState.Event.WARMED)) {
                broadcastState();
                whenWarm.accept(r);
            }
        });
        if (!started) {
            return false;
        }
        move(RunState.Event.WARM_UP);
        broadcastState();
        return true;
    }

    /**
     * Stops the engine's warm-up, if it is going on (on the worker), so that something else may measure
     * (a sweep); completes, on the worker or at once, when it has stopped. Does not change what the
     * views show. FX thread.
     */
    CompletableFuture<Void> stopWarmUp() {
        if (!warmUp.going() || !move(RunState.Event.WARMED)) {
            return CompletableFuture.completedFuture(null);
        }
        broadcastState();
        return warmUp.stop(EngineWarmUp.STOP_WAIT);
    }

    // ---- a run ----

    /**
     * Starts a run of {@code config}: false (and nothing happens) while a run is going on, while the
     * window listens for an outside sender, or after {@link #close}. A warm-up going on is stopped
     * first, on the worker. FX thread.
     */
    boolean start(RunConfig config) {
        if (closed || listening() || !move(RunState.Event.START)) {
            return false;
        }
        LOG.info("starting {} threads x {} packets x {} B, {}", config.threads(), config.packets(),
                config.payloadSize(), config.strategyLabel());
        WarmUp warming = warmUp.letGo();
        announceStart(config);
        CompletableFuture.supplyAsync(() -> startOnWorker(config, warming), worker)
                .whenComplete((st, ex) -> fx.execute(() -> started(st, ex)));
        return true;
    }

    private static StartedRun startOnWorker(RunConfig config, WarmUp warming) {
        try {
            EngineWarmUp.stopNow(warming, EngineWarmUp.STOP_WAIT);
            return StartedRun.of(Run.start(config));
        } catch (InvalidConfigException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private void started(StartedRun st, Throwable ex) {
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
            for (RunSessionListener l : listeners) {
                l.startFailed(cause);
            }
            broadcastState();
            return;
        }
        LiveRun r = st.run();
        run = r;
        move(RunState.Event.STARTED);
        r.completion().whenComplete((result, e) -> fx.execute(() -> ended(r, result, e)));
        for (RunSessionListener l : listeners) {
            l.started(r, st.gridCopies());
        }
        broadcastState();
        if (state == RunState.STOPPING) {
            worker.execute(r::cancel); // Stop was pressed while it started
        }
    }

    /**
     * Stops the run going on (or about to start) within a second; its partial result stays. The cancel
     * runs on the worker. False when nothing runs. FX thread.
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
        for (RunSessionListener l : listeners) {
            l.stopping();
        }
        broadcastState();
        return true;
    }

    private void ended(LiveRun r, RunResult result, Throwable ex) {
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
        for (RunSessionListener l : listeners) {
            l.ended(r, failure == null ? result : null, failure);
        }
        broadcastState();
        StartedRun next = port.takeHeld();
        if (next != null) {
            begin(next);
        }
    }

    /**
     * Shows {@code result}, a finished run's result from elsewhere (a sweep's trial), in the views as the
     * last run: the grid's copies are made on the worker, then every listener hears
     * {@link RunSessionListener#opened}. Refused (false, nothing happens) while a run is going on or after
     * {@link #close}; a warm-up going on is stopped. If a run starts before the copies are ready, the
     * result is not shown. FX thread.
     */
    boolean open(RunResult result) {
        if (closed || state.next(RunState.Event.OPENED).isEmpty()) {
            return false;
        }
        long packets = result.packets() == null ? 0 : result.packets().size();
        CompletableFuture.supplyAsync(() -> packets == 0 ? null : StartedRun.gridCopies(packets), worker)
                .whenComplete((copies, ex) -> fx.execute(() -> opened(result, copies)));
        return true;
    }

    private void opened(RunResult result, PacketGrid.Copies copies) {
        if (closed || !move(RunState.Event.OPENED)) {
            return; // a run started meanwhile: it is what the views show
        }
        warmUp.stop(EngineWarmUp.STOP_WAIT);
        run = null;
        LOG.info("showing a finished result: {}", result.verdictText());
        for (RunSessionListener l : listeners) {
            l.opened(result, copies);
        }
        broadcastState();
    }

    /**
     * The window is closing: a run going on is cancelled, the warm-up stopped and the port let go, all
     * on the worker; nothing starts after this. Idempotent. FX thread.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        warmUp.stop(Duration.ofSeconds(1)); // the process is ending: a shorter wait will do
        LiveRun r = run;
        if (r != null && state.busy()) {
            worker.execute(r::cancel);
        }
        port.close();
    }

    // ---- an outside sender ----

    /**
     * Listens for an outside sender at {@code at} (the verifier's receive buffer and read throttle as
     * the knobs say): the bind happens on the worker, and {@link RunSessionListener#listening} or
     * {@link RunSessionListener#listenFailed} follows. Each sender that connects is the next run. False (and
     * nothing happens) while a run is going on, while already listening, or after {@link #close}. A
     * warm-up going on is stopped, on the worker: the machine is the sender's now. FX thread.
     */
    boolean listen(ListenAddress at, int receiveBuffer, double readThrottleMBps) {
        if (closed || listening() || state.busy()) {
            return false;
        }
        if (warmUp.going()) {
            warmUp.stop(EngineWarmUp.STOP_WAIT);
            if (move(RunState.Event.WARMED)) {
                broadcastState();
            }
        }
        LOG.info("listening for an outside sender on {}", at);
        port.open(at, receiveBuffer, readThrottleMBps);
        return true;
    }

    /**
     * Stops listening: the port is let go (on the worker), and an outside sender's run going on is
     * stopped as Stop would (its partial result stays). False when not listening. FX thread.
     */
    boolean stopListening() {
        if (!listening()) {
            return false;
        }
        if (run instanceof OutsideRun && state == RunState.RUNNING) {
            stop();
        }
        port.close();
        for (RunSessionListener x : listeners) {
            x.stoppedListening();
        }
        return true;
    }

    /** Starts showing an outside sender's run: the events of a Run pressed, at once. */
    private void begin(StartedRun st) {
        if (state == RunState.WARMING) {
            move(RunState.Event.WARMED);
        }
        if (!move(RunState.Event.START)) {
            LOG.warn("an outside sender's run arrived in state {}; dropping it", state);
            worker.execute(st.run()::cancel);
            return;
        }
        announceStart(st.run().config());
        started(st, null);
    }

    /** Tells that a run of {@code config} starts (moved to STARTING already). */
    private void announceStart(RunConfig config) {
        run = null; // the last run can be freed before the next one is built
        stopLatencyMillis = -1;
        for (RunSessionListener l : listeners) {
            l.starting(config);
        }
        broadcastState();
    }

    /** What the port tells, turned into the session's events. */
    private final class PortEvents implements OutsideSenderPort.Events {
        @Override
        public void bound(String where) {
            for (RunSessionListener x : listeners) {
                x.listening(where);
            }
        }

        @Override
        public void bindFailed(Throwable cause) {
            LOG.info("could not listen: {}", LabExports.message(cause));
            for (RunSessionListener x : listeners) {
                x.listenFailed(cause);
            }
        }

        @Override
        public void arrived(StartedRun st) {
            if (state.busy()) {
                port.hold(st); // the last run's end is on its way here: this one follows it
            } else {
                begin(st);
            }
        }

        @Override
        public void turnedAway(String remote, String why) {
            for (RunSessionListener l : listeners) {
                l.turnedAway(remote, why);
            }
        }
    }

    /** Applies {@code event} by {@link RunState#next}; false when it is refused here. */
    private boolean move(RunState.Event event) {
        var to = state.next(event);
        to.ifPresent(s -> state = s);
        return to.isPresent();
    }

    private void broadcastState() {
        for (RunSessionListener l : listeners) {
            l.stateChanged(state);
        }
    }
}
