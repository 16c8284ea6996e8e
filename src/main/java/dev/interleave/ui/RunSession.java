package dev.interleave.ui;

import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.ListenAddress;
import dev.interleave.run.Listening;
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
 * The engine side of the window's runs: the warm-up at launch, Run.start, Stop and a run's end, each
 * moving the one {@link RunState} by its pure rule. Runs come two ways: Run pressed (the lab sends and
 * verifies), or a sender connecting while the window listens for an outside sender ({@link #listen}):
 * its Hello starts the run through the same events, so the same views and frame loop show it. Listening
 * is the listener's life, beside the run's: it goes on between runs, and each connection is the next run. Whatever may block (Run.start, a cancel, which can
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

    /** A run just started, and the grid's copies for its packets, both made on the worker. */
    private record Started(LiveRun run, PacketGrid.Copies gridCopies) {
    }

    private final Executor worker;
    private final Executor fx;
    private final List<Listener> listeners = new ArrayList<>();
    private RunState state = RunState.IDLE;
    private LiveRun run;
    private WarmUp warmUp;
    /** The listener for outside senders, once bound; null when not listening. */
    private Listening listening;
    /** Names the listening asked for last: answers of an earlier one (stopped since) are let go. */
    private Object listenToken;
    /** An outside sender that connected while the last run's end was still on its way to this thread. */
    private Started waiting;
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
    LiveRun run() {
        return run;
    }

    /** Whether the window listens for an outside sender (or is about to: the bind is on its way). */
    boolean listening() {
        return listenToken != null;
    }

    /** Where outside senders connect ("127.0.0.1:11200"), or null while not listening (or binding). */
    String listeningAt() {
        return listening == null ? null : listening.where();
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
        if (closed || listening() || state.next(RunState.Event.WARM_UP).isEmpty()) {
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
     * Starts a run of {@code config}: false (and nothing happens) while a run is going on, while the
     * window listens for an outside sender, or after {@link #close}. A warm-up going on is stopped
     * first, on the worker.
     */
    boolean start(RunConfig config) {
        if (closed || listening() || !move(RunState.Event.START)) {
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
        LiveRun r = st.run();
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
        for (Listener l : listeners) {
            l.ended(r, failure == null ? result : null, failure);
        }
        broadcastState();
        Started next = waiting;
        waiting = null;
        if (next != null) {
            begin(next);
        }
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
        LiveRun r = run;
        if (r != null && state.busy()) {
            worker.execute(r::cancel);
        }
        closeListener();
    }

    // ---- listening for an outside sender ----

    /**
     * Listens for an outside sender at {@code at} (the verifier's receive buffer and read throttle as
     * the knobs say): the bind happens on the worker, and {@link Listener#listening} or
     * {@link Listener#listenFailed} follows. Each sender that connects is the next run. False (and
     * nothing happens) while a run is going on, while already listening, or after {@link #close}. A
     * warm-up going on is stopped, on the worker: the machine is the sender's now.
     */
    boolean listen(ListenAddress at, int receiveBuffer, double readThrottleMBps) {
        if (closed || listening() || state.busy()) {
            return false;
        }
        Object token = new Object();
        listenToken = token;
        WarmUp w = warmUp;
        warmUp = null;
        if (w != null) {
            worker.execute(() -> stopWarmUp(w));
            if (move(RunState.Event.WARMED)) {
                broadcastState();
            }
        }
        LOG.info("listening for an outside sender on {}", at);
        CompletableFuture.supplyAsync(() -> {
            try {
                return Listening.start(at, receiveBuffer, readThrottleMBps, new Arrivals(token));
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, worker).whenComplete((l, ex) -> fx.execute(() -> bound(token, l, ex)));
        return true;
    }

    private static void stopWarmUp(WarmUp w) {
        try {
            w.stop(WARM_UP_STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void bound(Object token, Listening l, Throwable ex) {
        if (token != listenToken || closed) {
            if (l != null) {
                worker.execute(l::close); // Stop listening came first
            }
            return;
        }
        if (ex != null) {
            listenToken = null;
            Throwable cause = LabExports.cause(ex);
            LOG.info("could not listen: {}", LabExports.message(cause));
            for (Listener x : listeners) {
                x.listenFailed(cause);
            }
            return;
        }
        listening = l;
        for (Listener x : listeners) {
            x.listening(l.where());
        }
    }

    /**
     * Stops listening: the port is let go (on the worker), and an outside sender's run going on is
     * stopped as Stop would (its partial result stays). False when not listening.
     */
    boolean stopListening() {
        if (!listening()) {
            return false;
        }
        if (run instanceof OutsideRun && state == RunState.RUNNING) {
            stop();
        }
        closeListener();
        for (Listener x : listeners) {
            x.stoppedListening();
        }
        return true;
    }

    private void closeListener() {
        listenToken = null;
        Listening l = listening;
        listening = null;
        if (l != null) {
            worker.execute(l::close);
        }
        Started w = waiting;
        waiting = null;
        if (w != null) {
            worker.execute(w.run()::cancel);
        }
    }

    /** An outside sender's run arrived (its grid's copies made on the worker): it starts now, or after the last one's end. */
    private void arrived(Object token, Started st) {
        if (token != listenToken || closed) {
            worker.execute(st.run()::cancel); // the listener was stopped meanwhile
            return;
        }
        if (state.busy()) {
            waiting = st; // the last run's end is on its way here: this one follows it
            return;
        }
        begin(st);
    }

    /** Starts showing an outside sender's run: the events of a Run pressed, at once. */
    private void begin(Started st) {
        if (state == RunState.WARMING) {
            move(RunState.Event.WARMED);
        }
        if (!move(RunState.Event.START)) {
            LOG.warn("an outside sender's run arrived in state {}; dropping it", state);
            worker.execute(st.run()::cancel);
            return;
        }
        run = null;
        stopLatencyMillis = -1;
        for (Listener l : listeners) {
            l.starting(st.run().config());
        }
        broadcastState();
        started(st, null);
    }

    /** What the listener hears, on a connection's thread: handed to the worker, then to this thread. */
    private final class Arrivals implements Listening.Listener {
        private final Object token;

        Arrivals(Object token) {
            this.token = token;
        }

        @Override
        public void runArrived(OutsideRun r) {
            worker.execute(() -> {
                PacketGrid.Copies copies = null;
                try {
                    copies = PacketGrid.copiesFor(r.packets().size());
                } catch (OutOfMemoryError e) {
                    LOG.warn("no memory for the grid's copies of {} packets yet", r.packets().size());
                }
                Started st = new Started(r, copies);
                fx.execute(() -> arrived(token, st));
            });
        }

        @Override
        public void turnedAway(String remote, String why) {
            fx.execute(() -> {
                if (token == listenToken && !closed) {
                    for (Listener l : listeners) {
                        l.turnedAway(remote, why);
                    }
                }
            });
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
