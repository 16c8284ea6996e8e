package dev.interleave.ui;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.LiveRun;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab window's model: the config the knobs describe, where the run is ({@link RunState}), the run
 * going on (or the last one) and its result, whether a run may start and why not, and whether the
 * window listens for an outside sender; and the commands the menus, buttons and keys call:
 * {@link #startRun} (Run; Listen or Stop listening when an outside sender is the target),
 * {@link #stopRun}, {@link #applyPreset}, {@link #exportCsv}.
 * Views read its read-only properties and call its commands; none of them holds run state of its own.
 *
 * <p>At about 400 lines it is one idea: most of it is read-only properties and their getters, and the
 * derived ones (whether Run may start and why not, the primary command's words) come from one rule,
 * {@code update()}, over all the others, which a split would cut in two.
 *
 * <p>FX thread only; the session's events come on it.
 */
final class LabModel implements RunSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(LabModel.class);

    private final RunSession session;
    private final LabExports exports;
    private final List<Consumer<RunConfig>> appliers = new ArrayList<>();
    private final ReadOnlyObjectWrapper<RunConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ObjectProperty<TargetChoice> targetChoice =
            new SimpleObjectProperty<>(this, "targetChoice", TargetChoice.IN_PROCESS);
    private final ReadOnlyObjectWrapper<List<String>> inputProblems =
            new ReadOnlyObjectWrapper<>(this, "inputProblems", List.of());
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyObjectWrapper<LiveRun> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<RunConfig> runConfig = new ReadOnlyObjectWrapper<>(this, "runConfig");
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper blockedReason = new ReadOnlyStringWrapper(this, "blockedReason", "");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper changedSinceStart = new ReadOnlyBooleanWrapper(this, "changedSinceStart");
    private final ReadOnlyStringWrapper knobsBlocked = new ReadOnlyStringWrapper(this, "knobsBlocked", "");
    private final ReadOnlyObjectWrapper<ListenAddress> listenAddress =
            new ReadOnlyObjectWrapper<>(this, "listenAddress", ListenAddress.defaults());
    private final ReadOnlyObjectWrapper<List<String>> listenProblems =
            new ReadOnlyObjectWrapper<>(this, "listenProblems", List.of());
    /** Listening for an outside sender, or binding to (Listen was pressed). */
    private final ReadOnlyBooleanWrapper listening = new ReadOnlyBooleanWrapper(this, "listening");
    /** Where senders connect once bound ("127.0.0.1:11200"), else "". */
    private final ReadOnlyStringWrapper listeningAt = new ReadOnlyStringWrapper(this, "listeningAt", "");
    /** The primary command's words: "▶ Run", "▶ Listen" or "■ Stop listening". */
    private final ReadOnlyStringWrapper primaryText = new ReadOnlyStringWrapper(this, "primaryText", RUN_TEXT);

    static final String RUN_TEXT = "▶ Run";
    static final String LISTEN_TEXT = "▶ Listen";
    static final String STOP_LISTENING_TEXT = "■ Stop listening";
    /** Why something else holds the engine (a sweep), or "". */
    private final ReadOnlyStringWrapper heldElsewhere = new ReadOnlyStringWrapper(this, "heldElsewhere", "");

    /**
     * @param session the engine side of the runs (this model listens to it)
     * @param exports writes the report (and tells what became of it)
     */
    LabModel(RunConfig initial, RunSession session, LabExports exports) {
        this.session = session;
        this.exports = exports;
        config.set(initial);
        session.addListener(this);
        config.addListener(o -> update());
        inputProblems.addListener(o -> update());
        state.addListener(o -> update());
        runConfig.addListener(o -> update());
        targetChoice.addListener(o -> update());
        listenProblems.addListener(o -> update());
        listening.addListener(o -> update());
        heldElsewhere.addListener(o -> update());
        update();
    }

    private void update() {
        boolean going = state.get().busy();
        boolean outside = targetChoice.get().listens();
        busy.set(going);
        List<String> problems = problems();
        String why;
        if (outside && listening.get()) {
            why = ""; // the primary command stops listening, whatever goes on
        } else if (going) {
            why = "a run is going on: press Stop (Esc) first";
        } else if (!heldElsewhere.get().isEmpty()) {
            why = "Can't run: " + heldElsewhere.get();
        } else if (!problems.isEmpty()) {
            why = (outside ? "Can't listen: " : "Can't run: ") + String.join("; ", problems);
        } else {
            why = "";
        }
        blockedReason.set(why);
        knobsBlocked.set(going ? "" : why);
        canRun.set(why.isEmpty());
        primaryText.set(!outside ? RUN_TEXT : listening.get() ? STOP_LISTENING_TEXT : LISTEN_TEXT);
        // An outside sender's run is not the knobs' run: they only fill the commands shown for it.
        changedSinceStart.set(going && runConfig.get() != null && !runConfig.get().isOutsideSender()
                && !Objects.equals(runConfig.get(), config.get()));
    }

    // ---- commands ----

    /**
     * The primary command (the Run button, Ctrl+R): starts a run with the knobs' config; with an outside
     * sender as the target, starts listening, or stops listening. False (and nothing happens) when it is
     * disabled. FX thread.
     */
    boolean startRun() {
        if (!canRun.get()) {
            LOG.info("not starting: {}", blockedReason.get());
            return false;
        }
        if (targetChoice.get().listens()) {
            return listening.get() ? stopListening() : listen();
        }
        return session.start(config.get());
    }

    /**
     * Listens for an outside sender at the knobs' address (the verifier's receive buffer and throttle as
     * the knobs say); each sender that connects is the next run. False when it may not (already
     * listening, a run going on, a bad address: see {@link #blockedReasonProperty}). FX thread.
     */
    boolean listen() {
        if (listening.get() || !listenProblems.get().isEmpty() || state.get().busy()) {
            return false;
        }
        RunConfig c = config.get();
        boolean asked = session.listen(listenAddress.get(), c.receiveBuffer(), c.readThrottleMBps());
        listening.set(session.listening());
        return asked;
    }

    /** Chooses an outside sender as the target and listens at the knobs' address (the menu's command). FX thread. */
    boolean listenForOutsideSender() {
        targetChoice.set(TargetChoice.OUTSIDE);
        return canRun.get() && listen();
    }

    /** Stops listening (an outside sender's run going on stops too; its partial result stays). FX thread. */
    boolean stopListening() {
        boolean stopped = session.stopListening();
        listening.set(session.listening());
        return stopped;
    }

    /** Stops the run going on (or about to start) within a second; false when nothing runs. FX thread. */
    boolean stopRun() {
        return session.stop();
    }

    /**
     * Sets the knobs to a preset: "article" (20 threads, 10,000 x 100,000 B, native), "defaults",
     * "current" (as they are), or knobs on top of the current ones, as
     * "threads=20,packets=1000000,size=100 KB,strategy=native". False (and nothing changes) when the
     * knobs do not parse. FX thread.
     */
    boolean applyPreset(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "article" -> apply(RunConfig.article());
            case "defaults" -> apply(RunConfig.defaults());
            case "current", "" -> { }
            default -> {
                try {
                    apply(Inputs.spec(name, config.get()));
                } catch (InputException e) {
                    LOG.info("preset '{}' not applied: {}", name, e.getMessage());
                    return false;
                }
            }
        }
        return true;
    }

    /** Sets every knob to {@code c} (the knobs panel shows it, then reports the config back). FX thread. */
    void apply(RunConfig c) {
        for (Consumer<RunConfig> a : appliers) {
            a.accept(c);
        }
    }

    /**
     * Writes the last run's report to {@code file}, off the FX thread; what became of it shows as a
     * notice. FX thread.
     */
    CompletableFuture<Path> exportCsv(Path file) {
        return exports.exportCsv(result.get(), file);
    }

    /**
     * Something else holds the engine ({@code why}, e.g. a sweep going on): Run is refused, and says
     * why, until it is given back with "". Two experiments at once would disturb each other's timing.
     * FX thread.
     */
    void setHeldElsewhere(String why) {
        heldElsewhere.set(why == null ? "" : why);
    }

    /** Why something else holds the engine, or "". FX thread. */
    ReadOnlyStringProperty heldElsewhereProperty() {
        return heldElsewhere.getReadOnlyProperty();
    }

    // ---- what the knobs report ----

    /** Who shows a config {@link #apply} asks for: the knobs panel. FX thread. */
    void onApply(Consumer<RunConfig> applier) {
        appliers.add(applier);
    }

    /** The config the knobs describe now. FX thread. */
    void setConfig(RunConfig c) {
        config.set(c);
    }

    /** What is wrong with what was typed into the knobs (empty: nothing). FX thread. */
    void setInputProblems(List<String> problems) {
        if (!problems.equals(inputProblems.get())) {
            inputProblems.set(List.copyOf(problems));
        }
    }

    /** The address the knobs say to listen on, and what is wrong with what was typed for it. FX thread. */
    void setListenAddress(ListenAddress at, List<String> problems) {
        listenAddress.set(at);
        if (!problems.equals(listenProblems.get())) {
            listenProblems.set(List.copyOf(problems));
        }
    }

    // ---- the session's events ----

    @Override
    public void starting(RunConfig c) {
        result.set(null);
        run.set(null);
        runConfig.set(c);
    }

    @Override
    public void started(LiveRun r, dev.interleave.ui.grid.PacketGrid.Copies gridCopies) {
        run.set(r);
    }

    @Override
    public void ended(LiveRun r, RunResult res, Throwable failure) {
        result.set(res);
    }

    /** A result opened from a sweep becomes the last run's: Export CSV and the pictures take it. */
    @Override
    public void opened(RunResult res, dev.interleave.ui.grid.PacketGrid.Copies gridCopies) {
        run.set(null);
        runConfig.set(res.config());
        result.set(res);
    }

    @Override
    public void stateChanged(RunState s) {
        state.set(s);
    }

    @Override
    public void listening(String where) {
        listeningAt.set(where);
        listening.set(true);
    }

    @Override
    public void listenFailed(Throwable cause) {
        listeningAt.set("");
        listening.set(false);
    }

    @Override
    public void stoppedListening() {
        listeningAt.set("");
        listening.set(false);
    }

    // ---- properties ----

    /**
     * Every reason the knobs do not make a valid run: typed text first, then the config's own checks;
     * with an outside sender as the target, what is wrong with the address to listen on. FX thread.
     */
    List<String> problems() {
        if (targetChoice.get().listens()) {
            return listenProblems.get();
        }
        List<String> out = new ArrayList<>(inputProblems.get());
        if (out.isEmpty() && config.get() != null) {
            out.addAll(config.get().problems());
        }
        return out;
    }

    /** The config the knobs describe (valid or not: {@link #problems} says). FX thread. */
    ReadOnlyObjectProperty<RunConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** The config the knobs describe. FX thread. */
    RunConfig config() {
        return config.get();
    }

    /**
     * Where the runs go: the verifier in this process, or an 'interleave serve' elsewhere; or where they
     * come from: an outside sender. FX thread.
     */
    ObjectProperty<TargetChoice> targetChoiceProperty() {
        return targetChoice;
    }

    /** What is wrong with what was typed into the knobs. FX thread. */
    ReadOnlyObjectProperty<List<String>> inputProblemsProperty() {
        return inputProblems.getReadOnlyProperty();
    }

    /** Where the window is in a run's life. FX thread. */
    ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Where the window is in a run's life. FX thread. */
    RunState state() {
        return state.get();
    }

    /**
     * The run going on, or the last one; null before the first, while one starts, and for a result
     * opened from a sweep. FX thread.
     */
    ReadOnlyObjectProperty<LiveRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The run going on, or the last one (see {@link #runProperty}). FX thread. */
    LiveRun run() {
        return run.get();
    }

    /** The config of the run going on (or of the last one). FX thread. */
    ReadOnlyObjectProperty<RunConfig> runConfigProperty() {
        return runConfig.getReadOnlyProperty();
    }

    /** The config of the run going on (or of the last one). FX thread. */
    RunConfig runConfig() {
        return runConfig.get();
    }

    /** The last run's result; null while a run goes on, and when it failed. FX thread. */
    ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The last run's result (see {@link #resultProperty}). FX thread. */
    RunResult result() {
        return result.get();
    }

    /** Why Run is disabled, or "" when it is not. FX thread. */
    ReadOnlyStringProperty blockedReasonProperty() {
        return blockedReason.getReadOnlyProperty();
    }

    /**
     * Why the knobs do not make a valid run; empty while a run goes on (and when they do). Set once per
     * change, so that what binds to it changes only when it does: a label bound to a binding of several
     * properties is invalidated, and its panel laid out again, whenever any of them is, in the heavy
     * frames where a run starts and ends. FX thread.
     */
    ReadOnlyStringProperty knobsBlockedProperty() {
        return knobsBlocked.getReadOnlyProperty();
    }

    /** Whether the primary command (Run, Listen, Stop listening) may be used now. FX thread. */
    ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    /** Starting, running or stopping. FX thread. */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The knobs differ from the run going on: the change applies to the next run. FX thread. */
    ReadOnlyBooleanProperty changedSinceStartProperty() {
        return changedSinceStart.getReadOnlyProperty();
    }

    /** Listening for an outside sender, or about to (the bind is on its way). FX thread. */
    ReadOnlyBooleanProperty listeningProperty() {
        return listening.getReadOnlyProperty();
    }

    /** Where outside senders connect ("127.0.0.1:11200", the bound port), or "" while not listening. FX thread. */
    ReadOnlyStringProperty listeningAtProperty() {
        return listeningAt.getReadOnlyProperty();
    }

    /** The address the knobs say to listen on (valid or not: {@link #problems} says). FX thread. */
    ReadOnlyObjectProperty<ListenAddress> listenAddressProperty() {
        return listenAddress.getReadOnlyProperty();
    }

    /** The primary command's words: "▶ Run", "▶ Listen" or "■ Stop listening". FX thread. */
    ReadOnlyStringProperty primaryTextProperty() {
        return primaryText.getReadOnlyProperty();
    }

    /** The engine side, for the window's warm-up, its close, and tests. FX thread. */
    RunSession session() {
        return session;
    }
}
