package dev.interleave.ui;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.Listening;
import dev.interleave.run.OutsideRun;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The window's listening for outside senders, as the session holds it: the bind on the worker, which
 * listening is the current one (the answers of one stopped since are let go, and whatever they bound
 * or started is closed or cancelled on the worker), and a sender's run that arrived while the last
 * run's end was still on its way to the FX thread. The port stays open between runs; each sender that
 * connects reaches the session as {@link Events#arrived}, which makes it the next run. This class
 * knows nothing of the run state: the session decides what an arrival means.
 *
 * <p>FX thread; the listener's own calls come on a connection's thread and are handed on from here.
 */
final class OutsideSenderPort {

    /** What the session hears of the current listening, on the FX thread. */
    interface Events {
        /** The port is bound: senders connect at {@code where} ("127.0.0.1:11200", the bound port). */
        void bound(String where);

        /** The bind failed ({@code cause} unwrapped): nothing listens. */
        void bindFailed(Throwable cause);

        /** A sender's Hello arrived; its run is going on, its grid's copies made on the worker. */
        void arrived(StartedRun run);

        /** A connection that was no sender (no valid Hello): from where, and why in words. */
        void turnedAway(String remote, String why);
    }

    private final Executor worker;
    private final Executor fx;
    private final Events events;
    /** The bound listener; null while binding or not listening. */
    private Listening bound;
    /** Names the current listening; null when none. Answers carrying another are let go. */
    private Object token;
    /** A sender's run held until the last run's end has reached the FX thread. */
    private StartedRun held;

    /**
     * @param worker where the bind, the close and a cancel happen (each may block)
     * @param fx     runs the answers on the FX thread
     */
    OutsideSenderPort(Executor worker, Executor fx, Events events) {
        this.worker = worker;
        this.fx = fx;
        this.events = events;
    }

    /** Whether the window listens, or is about to (the bind is on its way). FX thread. */
    boolean active() {
        return token != null;
    }

    /** Where senders connect ("127.0.0.1:11200"), or null while not bound. FX thread. */
    String where() {
        return bound == null ? null : bound.where();
    }

    /**
     * Binds at {@code at} on the worker (the verifier's receive buffer and read throttle as given);
     * {@link Events#bound} or {@link Events#bindFailed} follows. Replaces any listening before it
     * without closing it: the caller checks {@link #active} first. FX thread.
     */
    void open(ListenAddress at, int receiveBuffer, double readThrottleMBps) {
        Object t = new Object();
        token = t;
        CompletableFuture.supplyAsync(() -> {
            try {
                return Listening.start(at, receiveBuffer, readThrottleMBps, new Arrivals(t));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, worker).whenComplete((l, ex) -> fx.execute(() -> bound(t, l, ex)));
    }

    private void bound(Object t, Listening l, Throwable ex) {
        if (t != token) {
            if (l != null) {
                worker.execute(l::close); // stopped before the bind came back
            }
            return;
        }
        if (ex != null) {
            token = null;
            events.bindFailed(LabExports.cause(ex));
            return;
        }
        bound = l;
        events.bound(l.where());
    }

    /** Holds {@code run} until the last run's end has reached this thread ({@link #takeHeld}). FX thread. */
    void hold(StartedRun run) {
        held = run;
    }

    /** The run {@link #hold} kept, now let go of; null when none. FX thread. */
    StartedRun takeHeld() {
        StartedRun r = held;
        held = null;
        return r;
    }

    /**
     * Stops listening: the port is let go and a held run cancelled, both on the worker; answers still
     * on their way are let go. A sender's run already handed to the session goes on. FX thread.
     */
    void close() {
        token = null;
        Listening l = bound;
        bound = null;
        if (l != null) {
            worker.execute(l::close);
        }
        StartedRun h = takeHeld();
        if (h != null) {
            worker.execute(h.run()::cancel);
        }
    }

    /** What the listener hears, on a connection's thread: handed to the worker, then to the FX thread. */
    private final class Arrivals implements Listening.Listener {
        private final Object token;

        Arrivals(Object token) {
            this.token = token;
        }

        @Override
        public void runArrived(OutsideRun r) {
            worker.execute(() -> {
                StartedRun st = StartedRun.of(r);
                fx.execute(() -> {
                    if (token != OutsideSenderPort.this.token) {
                        worker.execute(r::cancel); // the listening was stopped meanwhile
                    } else {
                        events.arrived(st);
                    }
                });
            });
        }

        @Override
        public void turnedAway(String remote, String why) {
            fx.execute(() -> {
                if (token == OutsideSenderPort.this.token) {
                    events.turnedAway(remote, why);
                }
            });
        }
    }
}
