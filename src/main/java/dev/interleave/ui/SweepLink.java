package dev.interleave.ui;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.sweep.Cell;
import dev.interleave.ui.sweep.SweepHost;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableStringValue;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep view's way into the lab: a trial opens in the lab's views through the {@link RunSession}
 * (as if its run had just ended), a cell's knobs go to the {@link LabModel}, and each side keeps the
 * engine from the other while it measures (a sweep's trials and a lab run at once would disturb each
 * other's timing). FX thread.
 */
final class SweepLink implements SweepHost {
    private static final Logger LOG = LoggerFactory.getLogger(SweepLink.class);

    private final LabModel model;
    private final RunSession session;
    private final TopViews top;
    private final Executor worker;
    private final Supplier<Window> window;
    private final Consumer<Notice> notices;
    private final StringBinding labBusy;

    SweepLink(LabModel model, RunSession session, TopViews top, Executor worker, Supplier<Window> window,
              Consumer<Notice> notices) {
        this.model = model;
        this.session = session;
        this.top = top;
        this.worker = worker;
        this.window = window;
        this.notices = notices;
        // Listening holds the engine too: a sender may connect at any moment and measure beside the sweep.
        labBusy = Bindings.createStringBinding(() -> model.busyProperty().get()
                        ? "a run is going on in the Lab: stop it first"
                        : model.listeningProperty().get() ? "the Lab listens for an outside sender: stop listening first"
                        : "", model.busyProperty(), model.listeningProperty());
    }

    @Override
    public void openTrial(Cell cell, RunResult trial) {
        if (session.open(trial)) {
            top.show("Lab");
        } else {
            LOG.info("not opening the trial of {}: a run is going on", cell.label());
            notices.accept(Notice.failed("The trial of " + cell.label() + " was not opened: a run is going on in"
                    + " the Lab. Stop it first.", null));
        }
    }

    @Override
    public void loadKnobs(RunConfig config) {
        model.apply(config);
        top.show("Lab");
    }

    @Override
    public RunConfig labConfig() {
        return model.config();
    }

    @Override
    public ObservableStringValue labBusy() {
        return labBusy;
    }

    @Override
    public CompletableFuture<Void> quietLab() {
        return session.stopWarmUp();
    }

    @Override
    public void sweepBusy(String why) {
        model.setHeldElsewhere(why);
    }

    @Override
    public void notice(String text, Path path, boolean failed) {
        notices.accept(failed ? Notice.failed(text, path) : Notice.done(text, path));
    }

    @Override
    public Executor worker() {
        return worker;
    }

    @Override
    public Window window() {
        return window.get();
    }
}
