package dev.interleave.ui.sweep;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.sweep.Cell;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableStringValue;
import javafx.stage.Window;

/**
 * What the sweep view needs of the window around it: the lab (to open a trial in its views, to load a
 * cell's knobs, to keep a lab run and a sweep from measuring at the same time), the worker that runs
 * what may block, and the status bar's notices. The window implements it; every method is called on,
 * and answers on, the FX thread.
 */
public interface SweepHost {

    /** Shows {@code trial}, the last finished trial of {@code cell}, in the lab's views, and shows the Lab. */
    void openTrial(Cell cell, RunResult trial);

    /** Sets the lab's knobs to {@code config} (a cell's) and shows the Lab, where Run runs it. */
    void loadKnobs(RunConfig config);

    /** The lab's knobs now: a sweep takes its socket options (SO_SNDBUF, TCP_NODELAY, ...) from them. */
    RunConfig labConfig();

    /** Why the lab holds the engine now (a run going on), or "" when it does not. */
    ObservableStringValue labBusy();

    /**
     * Stops what of the lab's runs unasked (the warm-up after launch); completes, on any thread, once
     * nothing of the lab's is sending.
     */
    CompletableFuture<Void> quietLab();

    /** A sweep holds the engine ({@code why}: the lab must not start a run), or no longer (""). */
    void sweepBusy(String why);

    /** What became of a save: where the file went, or (failed) why it was not written. */
    void notice(String text, Path path, boolean failed);

    /** Runs what may block (file writes, stopping a trial). */
    Executor worker();

    /** The owner of file dialogs; may be null (tests). */
    Window window();
}
