package dev.interleave.ui.sweep;

import dev.interleave.report.ReportPaths;
import dev.interleave.report.SweepCsvReader;
import dev.interleave.report.SweepReport;
import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.SweepRunner;
import dev.interleave.sweep.SweepSnapshot;
import dev.interleave.ui.charts.PngWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep view's model: the plan shown, where the sweep is ({@link State}), its latest snapshot and,
 * once it ended, its result; and the commands the view calls: {@link #start}, {@link #stop},
 * {@link #open}, {@link #runCell}, {@link #exportCsv}, {@link #savePng}. The engine is never asked to
 * call in: {@link #frame()} pulls the runner's lock-free snapshot once per frame (design.md, invariant
 * 2), and notices the sweep's end there too. A sweep and a lab run never measure at the same time: Start
 * waits for the lab's warm-up to stop, is refused while a lab run goes on, and tells the lab a sweep
 * holds the engine. Every method is for the FX thread.
 */
public final class SweepModel {
    private static final Logger LOG = LoggerFactory.getLogger(SweepModel.class);
    /** What the lab says while a sweep holds the engine. */
    static final String BUSY = "a sweep is going on: stop it first (Sweep view)";

    /** Where the sweep is. */
    public enum State {
        /** Nothing swept yet. */
        IDLE,
        /** Start was pressed; the lab's warm-up is being stopped. */
        STARTING,
        RUNNING,
        /** Stop was pressed; the trial going on is being stopped. */
        STOPPING,
        /** The sweep ended (completed, stopped or failed); its result stays shown. */
        ENDED;

        public boolean busy() {
            return this == STARTING || this == RUNNING || this == STOPPING;
        }
    }

    private final SweepHost host;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<SweepPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<SweepSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<SweepResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private SweepRunner runner;
    private boolean closed;

    /**
     * @param host the window around the view
     * @param fx   runs a task on the FX thread ({@code Platform::runLater}); used once per Start
     */
    public SweepModel(SweepHost host, Executor fx) {
        this.host = host;
        this.fx = fx;
        state.addListener((o, was, now) -> busy.set(now.busy()));
    }

    // ---- commands ----

    /**
     * The base of a plan: the lab's socket options (SO_SNDBUF, TCP_NODELAY, the verifier's SO_RCVBUF and
     * read throttle), with the verifier in this process.
     */
    public RunConfig baseConfig() {
        RunConfig lab = host.labConfig();
        return RunConfig.defaults().withSendBuffer(lab.sendBuffer()).withTcpNoDelay(lab.tcpNoDelay())
                .withReceiveBuffer(lab.receiveBuffer()).withReadThrottle(lab.readThrottleMBps())
                .withTarget(Target.inProcess());
    }

    /**
     * Starts a sweep of {@code p} once the lab's warm-up has stopped; false (and nothing happens) while a
     * sweep or a lab run goes on, or when the plan has problems.
     */
    public boolean start(SweepPlan p) {
        if (closed || state.get().busy() || !host.labBusy().get().isEmpty() || !p.problems().isEmpty()) {
            LOG.info("sweep not started: {}", closed ? "the window is closing" : state.get().busy() ? "one is going on"
                    : !host.labBusy().get().isEmpty() ? host.labBusy().get() : String.join("; ", p.problems()));
            return false;
        }
        LOG.info("starting a sweep: {} cells x {} trials, {}, seed {}", p.cells().size(), p.trials(), p.budget(),
                p.seed());
        plan.set(p);
        result.set(null);
        snapshot.set(null);
        failure.set("");
        state.set(State.STARTING);
        host.sweepBusy(BUSY);
        host.quietLab().whenComplete((v, ex) -> fx.execute(() -> launch(p)));
        return true;
    }

    private void launch(SweepPlan p) {
        if (closed || state.get() == State.STOPPING) {
            state.set(State.IDLE); // stopped before its first trial: nothing was measured
            host.sweepBusy("");
            return;
        }
        try {
            runner = SweepRunner.start(p);
            state.set(State.RUNNING);
            snapshot.set(runner.snapshot());
        } catch (InvalidConfigException e) {
            failure.set("The sweep did not start: " + String.join("; ", e.problems()));
            state.set(State.IDLE);
            host.sweepBusy("");
        }
    }

    /**
     * Stops the sweep: the trial going on is stopped (on the worker: a native close may take up to a
     * second) and counts as not run; every finished trial stays, and can be exported. False when no
     * sweep goes on.
     */
    public boolean stop() {
        State s = state.get();
        if (s != State.STARTING && s != State.RUNNING) {
            return false;
        }
        LOG.info("sweep stop requested");
        state.set(State.STOPPING);
        SweepRunner r = runner;
        if (r != null) {
            host.worker().execute(r::cancel);
        }
        return true;
    }

    /** Opens {@code cell}'s last finished trial in the lab's views; false when none is kept. */
    public boolean open(Cell cell) {
        Optional<RunResult> trial = lastTrial(cell);
        trial.ifPresent(t -> host.openTrial(cell, t));
        return trial.isPresent();
    }

    /** Loads {@code cell}'s knobs into the lab ("run this cell"). */
    public void runCell(Cell cell) {
        SweepPlan p = plan.get();
        if (p != null) {
            host.loadKnobs(p.configFor(cell));
        }
    }

    /** The last finished trial of {@code cell}, compacted, while the sweep runs or after it. */
    public Optional<RunResult> lastTrial(Cell cell) {
        SweepResult r = result.get();
        if (r != null) {
            return r.lastTrial(cell);
        }
        SweepRunner run = runner;
        return run == null ? Optional.empty() : run.lastTrial(cell);
    }

    /** Writes the ended sweep (complete or stopped) as CSV, off the FX thread; the host hears what became of it. */
    public CompletableFuture<Path> exportCsv(Path file) {
        SweepResult r = result.get();
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no ended sweep to export"));
        }
        return offThread(file, "The sweep report was not saved", "Sweep report saved: ", () -> {
            ReportPaths.checkWritable(file);
            SweepReport.writeCsv(r, file);
        });
    }

    /** Writes {@code picture} (taken on the FX thread) as PNG, off the FX thread. */
    public CompletableFuture<Path> savePng(BufferedImage picture, Path file) {
        return offThread(file, "The picture was not saved", "Picture saved: ", () -> PngWriter.write(picture, file));
    }

    /**
     * Reads a sweep report ({@code interleave sweep --report}, or this view's Export CSV) off the FX
     * thread and shows it as the ended sweep: its cells pooled again from its trial rows. It holds no
     * trial to open in the lab. Refused while a sweep goes on; the host hears why a file was not read.
     */
    public CompletableFuture<SweepResult> load(Path file) {
        if (state.get().busy()) {
            return CompletableFuture.failedFuture(new IllegalStateException("a sweep is going on"));
        }
        CompletableFuture<SweepResult> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return SweepCsvReader.read(file);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, host.worker()).whenComplete((r, ex) -> fx.execute(() -> {
            if (ex != null) {
                Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                LOG.info("sweep report not read: {}", cause.getMessage());
                host.notice("The sweep report was not read:\n" + cause.getMessage(), file.toAbsolutePath(), true);
                done.completeExceptionally(cause);
            } else if (state.get().busy()) {
                done.completeExceptionally(new IllegalStateException("a sweep started meanwhile"));
            } else {
                show(r);
                host.notice("Sweep report read: " + file.toAbsolutePath(), file.toAbsolutePath(), false);
                done.complete(r);
            }
        }));
        return done;
    }

    /** Shows an ended sweep (read from a report) as if it had just ended here. */
    private void show(SweepResult r) {
        runner = null;
        plan.set(r.plan());
        snapshot.set(null);
        result.set(r);
        failure.set(r.failure() == null ? "" : "The sweep failed: " + r.failure());
        state.set(State.ENDED);
    }

    /** The window closes: a sweep going on is stopped (on the worker); nothing starts after this. */
    public void close() {
        closed = true;
        SweepRunner r = runner;
        if (r != null && state.get().busy()) {
            host.worker().execute(r::cancel);
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private CompletableFuture<Path> offThread(Path file, String failed, String saved, Write write) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            try {
                write.run();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, host.worker()).whenComplete((v, ex) -> fx.execute(() -> {
            Path where = file.toAbsolutePath();
            if (ex == null) {
                LOG.info("{}{}", saved, where);
                host.notice(saved + where, where, false);
                done.complete(where);
            } else {
                Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                String why = cause instanceof IOException io ? ReportPaths.reason(io) : String.valueOf(cause);
                // A folder that cannot be written is the person's to fix: one line, no stack trace.
                LOG.info("{} to {}: {}", failed, where, why);
                host.notice(failed + " to " + where + ":\n" + (cause.getMessage() != null ? cause.getMessage() : why),
                        where, true);
                done.completeExceptionally(cause);
            }
        }));
        return done;
    }

    // ---- once per frame ----

    /**
     * Pulls the sweep's snapshot; notices its end (the result then stays, and the lab may run again).
     * Returns true when the snapshot changed (a trial finished or started, or the phase moved).
     */
    public boolean frame() {
        SweepRunner r = runner;
        if (r == null) {
            return false;
        }
        SweepSnapshot s = r.snapshot();
        SweepSnapshot last = snapshot.get();
        boolean changed = last == null || s.phase() != last.phase() || s.finished() != last.finished()
                || s.current() != last.current() || s.cells() != last.cells();
        if (changed) {
            snapshot.set(s);
        }
        if (s.phase().ended() && r.completion().isDone()) {
            SweepResult done = r.completion().join();
            runner = null;
            result.set(done);
            if (done.failure() != null) {
                failure.set("The sweep failed: " + done.failure());
            }
            state.set(State.ENDED);
            host.sweepBusy("");
            LOG.info("sweep ended: {}, {} of {} trials in {} s", done.outcome(), done.trials().size(),
                    done.plan().plannedTrials(), String.format(java.util.Locale.ROOT, "%.1f", done.seconds()));
            changed = true;
        }
        return changed;
    }

    // ---- properties ----

    /** Why the lab holds the engine now (Start waits until it is ""). */
    public javafx.beans.value.ObservableStringValue labBusy() {
        return host.labBusy();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** Starting, running or stopping. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The plan of the sweep going on or shown; null before the first. */
    public ReadOnlyObjectProperty<SweepPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The sweep's latest snapshot (null before it started). */
    public ReadOnlyObjectProperty<SweepSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public SweepSnapshot snapshot() {
        return snapshot.get();
    }

    /** The ended sweep's result (complete, or partial after a Stop); null before the end. */
    public ReadOnlyObjectProperty<SweepResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public SweepResult result() {
        return result.get();
    }

    /** Why the sweep did not start or failed; "" when it did not. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }
}
