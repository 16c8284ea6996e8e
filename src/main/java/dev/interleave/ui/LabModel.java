package dev.interleave.ui;

import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The lab window's state: the config the knobs describe, the run going on (or the last one), its
 * result, and whether a run may start and why not. Views read the read-only properties; only the
 * controller changes them. FX thread only.
 */
final class LabModel {

    /** Where the window is in a run's life. */
    enum Activity {
        /** No run going on; the last one (if any) has its result. */
        IDLE,
        /** Run.start is on its way (the verifier binds, the connections open). */
        STARTING,
        /** The run is going on. */
        RUNNING,
        /** Stop was pressed; waiting for the partial result. */
        STOPPING
    }

    private final ReadOnlyObjectWrapper<RunConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyObjectWrapper<List<String>> inputProblems =
            new ReadOnlyObjectWrapper<>(this, "inputProblems", List.of());
    private final ReadOnlyObjectWrapper<Activity> activity = new ReadOnlyObjectWrapper<>(this, "activity",
            Activity.IDLE);
    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<RunConfig> runConfig = new ReadOnlyObjectWrapper<>(this, "runConfig");
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper blockedReason = new ReadOnlyStringWrapper(this, "blockedReason", "");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper changedSinceStart = new ReadOnlyBooleanWrapper(this, "changedSinceStart");
    private final ReadOnlyStringWrapper knobsBlocked = new ReadOnlyStringWrapper(this, "knobsBlocked", "");

    LabModel(RunConfig initial) {
        config.set(initial);
        config.addListener(o -> update());
        inputProblems.addListener(o -> update());
        activity.addListener(o -> update());
        runConfig.addListener(o -> update());
        update();
    }

    private void update() {
        boolean going = activity.get() != Activity.IDLE;
        busy.set(going);
        List<String> problems = problems();
        String why;
        if (going) {
            why = "a run is going on: press Stop (Esc) first";
        } else if (!problems.isEmpty()) {
            why = "Can't run: " + String.join("; ", problems);
        } else {
            why = "";
        }
        blockedReason.set(why);
        knobsBlocked.set(going ? "" : why);
        canRun.set(why.isEmpty());
        changedSinceStart.set(going && runConfig.get() != null && !Objects.equals(runConfig.get(), config.get()));
    }

    /** Every reason the knobs do not make a valid run: typed text first, then the config's own checks. */
    List<String> problems() {
        List<String> out = new ArrayList<>(inputProblems.get());
        if (out.isEmpty() && config.get() != null) {
            out.addAll(config.get().problems());
        }
        return out;
    }

    ReadOnlyObjectProperty<RunConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    RunConfig config() {
        return config.get();
    }

    void setConfig(RunConfig c) {
        config.set(c);
    }

    ReadOnlyObjectProperty<List<String>> inputProblemsProperty() {
        return inputProblems.getReadOnlyProperty();
    }

    void setInputProblems(List<String> problems) {
        if (!problems.equals(inputProblems.get())) {
            inputProblems.set(List.copyOf(problems));
        }
    }

    ReadOnlyObjectProperty<Activity> activityProperty() {
        return activity.getReadOnlyProperty();
    }

    Activity activity() {
        return activity.get();
    }

    void setActivity(Activity a) {
        activity.set(a);
    }

    ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    Run run() {
        return run.get();
    }

    /** The config of the run going on (or of the last one). */
    ReadOnlyObjectProperty<RunConfig> runConfigProperty() {
        return runConfig.getReadOnlyProperty();
    }

    RunConfig runConfig() {
        return runConfig.get();
    }

    /** A run is starting with {@code c}: the old run and result are gone. */
    void starting(RunConfig c) {
        result.set(null);
        run.set(null);
        runConfig.set(c);
        activity.set(Activity.STARTING);
    }

    void started(Run r) {
        run.set(r);
        if (activity.get() == Activity.STARTING) {
            activity.set(Activity.RUNNING);
        }
    }

    void finished(RunResult r) {
        result.set(r);
        activity.set(Activity.IDLE);
    }

    ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    RunResult result() {
        return result.get();
    }

    /** Why Run is disabled, or "" when it is not. */
    ReadOnlyStringProperty blockedReasonProperty() {
        return blockedReason.getReadOnlyProperty();
    }

    /**
     * Why the knobs do not make a valid run; empty while a run goes on (and when they do). Set once per
     * change, so that what binds to it changes only when it does (see LabController's panelBlocked).
     */
    ReadOnlyStringProperty knobsBlockedProperty() {
        return knobsBlocked.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    /** Starting, running or stopping. */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The knobs differ from the run going on: the change applies to the next run. */
    ReadOnlyBooleanProperty changedSinceStartProperty() {
        return changedSinceStart.getReadOnlyProperty();
    }
}
