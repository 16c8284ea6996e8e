package dev.interleave.ui;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.PacketDetails;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunSnapshot;
import dev.interleave.ui.grid.PacketGrid;
import dev.interleave.ui.sweep.SweepModel;
import dev.interleave.ui.sweep.SweepView;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab window, put together: the {@link CommandBar} on top, the {@link KnobsPanel} on the left,
 * the {@link TopViews} in the middle (the {@link LabViews} of a run, and the {@link SweepView}, which
 * reaches the lab through a {@link SweepLink}),
 * the {@link StatusPresenter}'s status bar below; one {@link LabModel} with its {@link RunSession}
 * under them all, and the {@link FrameLoop} that feeds the views. It holds no state of its own beyond
 * what it was given: this is where a newcomer finds which part does what. Also the handle LabApp, the
 * {@link ScreenshotPilot} and the tests hold. FX thread only.
 */
final class LabWindow {
    private static final Logger LOG = LoggerFactory.getLogger(LabWindow.class);
    /** System property: false skips the engine warm-up at launch. */
    static final String WARM_UP = "interleave.warmup";
    private static final String LAB_CSS = "lab.css";
    private static final String PERF_CSS = "perf-overlay.css";
    /** Stylesheets of the views' own features (the grid's and the charts'). */
    private static final String[] FEATURE_CSS = {"grid.css", "charts.css", "sweep.css"};

    private final LabPrefs prefs;
    private final PerfMonitor perf = PerfMonitor.global();
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "interleave-ui-worker");
        t.setDaemon(true);
        return t;
    });
    private final RunSession session = new RunSession(worker, Platform::runLater);
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final LabExports exports;
    private final LabModel model;
    private final LabViews views;
    private final StatusPresenter status;
    private final KnobsPanel knobs;
    private final FrameLoop frames;
    private final TopViews top = new TopViews();
    private final SweepView sweep;
    private final ThemeSwitch theme;
    private final BooleanProperty overlay = new SimpleBooleanProperty(this, "overlay");
    private boolean shutDown;

    LabWindow(LabPrefs prefs, double width, double height) {
        this.prefs = prefs;
        root.getStyleClass().add(StyleClasses.LAB);
        root.setId("labRoot");
        scene = new Scene(root, width, height);
        scene.getStylesheets().addAll(resource(LAB_CSS), resource(PERF_CSS));
        for (String css : FEATURE_CSS) {
            scene.getStylesheets().add(resource(css));
        }
        theme = new ThemeSwitch(scene, root, prefs, Theme.parse(System.getProperty("interleave.theme"), prefs.theme()));

        exports = new LabExports(scene::getWindow, prefs, worker, n -> status().notice(n));
        model = new LabModel(prefs.config(RunConfig.defaults()), session, exports);
        views = new LabViews(prefs);
        status = new StatusPresenter(model, views.banner(), scene::getWindow, theme::get);
        knobs = new KnobsPanel(model);
        frames = new FrameLoop(model, views.grid(), views.charts(), status, perf, views.perfOverlay());
        exports.beforeEachPicture(frames::completeFinalPictures);
        // Each event reaches the model first (above), then the views' bookkeeping, then the words.
        session.addListener(frames);
        session.addListener(views);
        session.addListener(status);

        views.showUnderBanner(new SenderCommands(model));
        top.add("Lab", views);
        SweepLink sweepLink = new SweepLink(model, session, top, worker, scene::getWindow, n -> status().notice(n));
        sweep = new SweepView(new SweepModel(sweepLink, Platform::runLater), sweepLink);
        top.add("Sweep", sweep);
        frames.addView(sweep::onFrame);
        root.setTop(new CommandBar(model, new CommandBar.WindowCommands(this::exportCsvWithDialog,
                this::savePngWithDialog, this::saveEachPngWithDialog, this::quit), theme.themeProperty(), overlay,
                top.switcher()));
        root.setLeft(knobs);
        // The lab's knobs belong to the Lab; the Sweep view has its own beside its heatmaps.
        knobs.visibleProperty().bind(top.shownProperty().isEqualTo("Lab"));
        knobs.managedProperty().bind(knobs.visibleProperty());
        root.setCenter(top);
        root.setBottom(status.bar());

        overlay.addListener((o, was, now) -> frames.setOverlayVisible(now));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F3), () -> overlay.set(!overlay.get()));
        // Esc stops a run (or, in the Sweep view, the sweep), except while a text field has the focus:
        // there it abandons an edit.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                if ("Sweep".equals(top.shown())) {
                    sweep.model().stop();
                } else {
                    model.stopRun();
                }
            }
        });
        model.configProperty().addListener(o -> rememberConfig());
        model.inputProblemsProperty().addListener(o -> rememberConfig());
        knobs.offerRemoteAddress(prefs.get("remoteTarget", ""));
        offerListenAddress(prefs.get("listenAddress", ""));
        frames.start();
    }

    /** A config that makes a valid run is remembered for the next session. */
    private void rememberConfig() {
        if (model.problems().isEmpty()) {
            prefs.saveConfig(model.config());
        }
    }

    static String resource(String name) {
        return Objects.requireNonNull(LabWindow.class.getResource(name), name).toExternalForm();
    }

    Scene scene() {
        return scene;
    }

    /** Opens folders for the status bar's "Open folder" link (none in tests). */
    void setHostServices(HostServices host) {
        status.setHostServices(host);
    }

    // ---- commands that need a dialog or the views ----

    private void exportCsvWithDialog() {
        if (model.result() != null) {
            Path file = exports.askCsvFile(model.result());
            if (file != null) {
                model.exportCsv(file);
            }
        }
    }

    private void savePngWithDialog() {
        Path file = exports.askPngFile();
        if (file != null) {
            saveViewsPng(file);
        }
    }

    private void saveEachPngWithDialog() {
        Path folder = exports.askPngFolder();
        if (folder != null) {
            saveEachPng(folder);
        }
    }

    private void quit() {
        Window w = scene.getWindow();
        if (w != null) {
            w.hide();
        }
    }

    /** Writes the last run's report to {@code file}; what became of it shows in the status bar. */
    CompletableFuture<Path> exportCsv(Path file) {
        return model.exportCsv(file);
    }

    /** A picture of the grid and the charts together. */
    CompletableFuture<Path> saveViewsPng(Path file) {
        return exports.savePng(views.picturable(), file);
    }

    /** A picture of the whole window. */
    CompletableFuture<Path> saveWindowPng(Path file) {
        return exports.saveWindowPng(scene, file);
    }

    /** Each view as a PNG of its own, in a new folder inside {@code parent}. */
    CompletableFuture<List<Path>> saveEachPng(Path parent) {
        RunConfig c = model.runConfig();
        return exports.saveEachPng(views.pngSources(), parent, c == null ? "views" : LabExports.label(c));
    }

    // ---- launch and close ----

    /**
     * While the window is idle after launch: warms the grid's copy and paint paths up, and starts the
     * engine's warm-up run ({@code -Dinterleave.warmup=false} skips it), whose finished run then warms
     * the views up offscreen.
     */
    void warmUpViews() {
        if (model.run() != null || model.state() != RunState.IDLE) {
            return;
        }
        views.grid().warmUp();
        worker.execute(PacketGrid::warmUpPainter);
        if (Boolean.parseBoolean(System.getProperty(WARM_UP, "true")) && model.canRunProperty().get()) {
            session.warmUp(model.config(), r -> {
                if (!shutDown) {
                    long t0 = System.nanoTime();
                    ViewWarmUp.render(r, List.copyOf(scene.getStylesheets()), 520, 160);
                    LOG.debug("views warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
                }
            });
        }
    }

    /** Cancels a run going on (off the FX thread), stops the frames, saves the settings. On close. */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        frames.stop();
        sweep.model().close();
        session.close();
        String remote = knobs.remoteAddress();
        if (!remote.isEmpty()) {
            prefs.put("remoteTarget", remote);
        }
        String listen = knobs.listenAddress();
        if (!listen.isEmpty()) {
            prefs.put("listenAddress", listen);
        }
        rememberConfig();
        if (scene.getWindow() != null) {
            prefs.putDouble("width", scene.getWindow().getWidth());
            prefs.putDouble("height", scene.getWindow().getHeight());
        }
        prefs.flush();
        worker.shutdown();
    }

    /** A remembered address to listen on, shown in its fields (nothing else changes). */
    private void offerListenAddress(String text) {
        try {
            if (!text.isBlank()) {
                knobs.showListenAddress(ListenAddress.parse(text));
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("remembered listen address '{}' not used: {}", text, e.getMessage());
        }
    }

    /**
     * Chooses an outside sender as the target and listens at {@code at} (for {@code --listen}): each
     * sender that connects is the next run. What becomes of it shows in the banner.
     */
    void listenAt(ListenAddress at) {
        knobs.showListenAddress(at);
        model.targetChoiceProperty().set(TargetChoice.OUTSIDE);
        if (!model.listen()) {
            LOG.info("not listening on {}: {}", at, model.blockedReasonProperty().get());
        }
    }

    // ---- the parts, for LabApp, the pilot, tests and benchmarks ----

    LabModel model() {
        return model;
    }

    StatusPresenter status() {
        return status;
    }

    KnobsPanel knobs() {
        return knobs;
    }

    TopViews topViews() {
        return top;
    }

    SweepView sweepView() {
        return sweep;
    }

    ThemeSwitch theme() {
        return theme;
    }

    PerfMonitor perf() {
        return perf;
    }

    PacketGrid grid() {
        return views.grid();
    }

    /** Sets every knob to {@code c}. */
    void applyConfig(RunConfig c) {
        model.apply(c);
    }

    /** Shows or hides the F3 overlay of frame figures. */
    void setPerfOverlayVisible(boolean on) {
        overlay.set(on);
    }

    /** The last snapshot the views were given, or null. */
    RunSnapshot lastSnapshot() {
        return frames.lastSnapshot();
    }

    /** Whether every view shows the ended run as it ended. */
    boolean finalPicturesDrawn() {
        return frames.finalPicturesDrawn();
    }

    /** The packet whose details are shown, or null. */
    PacketDetails shownPacket() {
        return views.shownPacket();
    }

    /** Milliseconds from the last Stop to its partial result on screen, or -1. */
    long stopLatencyMillis() {
        return session.stopLatencyMillis();
    }

    /** Whether the engine's warm-up run is going on. */
    boolean warmingUp() {
        return session.warmingUp();
    }

    String bannerText() {
        return views.banner().getText();
    }
}
