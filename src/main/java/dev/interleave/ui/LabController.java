package dev.interleave.ui;

import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.PacketDetails;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunSnapshot;
import dev.interleave.run.Target;
import dev.interleave.run.WarmUp;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.Strategies;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.ui.charts.LiveChart;
import dev.interleave.ui.charts.PartialSendTimeline;
import dev.interleave.ui.charts.ThreadBarsChart;
import dev.interleave.ui.charts.ThroughputChart;
import dev.interleave.ui.charts.VerdictTimeline;
import dev.interleave.ui.grid.ColorMode;
import dev.interleave.ui.grid.PacketDetailsPane;
import dev.interleave.ui.grid.PacketGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.ToggleSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab window's controller: turns the knobs into a {@link RunConfig}, starts and stops runs, pulls
 * one engine snapshot per frame and hands it to the views, shows the verdict, exports. All methods on
 * the FX thread unless they say otherwise; engine callbacks come back through one
 * {@link Platform#runLater} each (start, completion), never one per event.
 */
final class LabController {
    private static final Logger LOG = LoggerFactory.getLogger(LabController.class);
    private static final String LAB_CSS = "lab.css";
    private static final String PERF_CSS = "perf-overlay.css";
    /** Stylesheets of the views' own features (the grid's and the charts'), added when they exist. */
    private static final String[] FEATURE_CSS = {"grid.css", "charts.css"};
    private static final long OVERLAY_REFRESH_NANOS = 250_000_000L;
    /** Words in the status bar and the banner change four times a second (each change costs a layout). */
    private static final long STATUS_REFRESH_NANOS = 250_000_000L;
    /**
     * Views that may repaint in a frame, taken in turn: each repaint costs the renderer (the software
     * pipeline repaints every changed region), so the grid, the four charts and the status words land in
     * different frames rather than all in one long frame.
     */
    private static final int SLOTS = 6;

    @FXML private BorderPane root;
    @FXML private ScrollPane controlScroll;
    @FXML private ScrollPane detailsScroll;
    @FXML private MenuItem exportItem;
    @FXML private MenuItem pngItem;
    @FXML private MenuItem pngEachItem;
    @FXML private MenuItem runItem;
    @FXML private MenuItem stopItem;
    @FXML private CheckMenuItem darkItem;
    @FXML private CheckMenuItem perfItem;
    @FXML private Button runButton;
    @FXML private Button stopButton;
    @FXML private Button exportButton;
    @FXML private Button pngButton;
    @FXML private ToggleButton themeButton;
    @FXML private Label toolbarBlocked;
    @FXML private Label threadsValue;
    @FXML private Slider threadsSlider;
    @FXML private TextField threadsField;
    @FXML private Label threadsError;
    @FXML private Label sizeValue;
    @FXML private Slider sizeSlider;
    @FXML private TextField sizeField;
    @FXML private Label sizeError;
    @FXML private TextField packetsField;
    @FXML private Label packetsError;
    @FXML private ComboBox<SendStrategy> strategyBox;
    @FXML private Label strategyReason;
    @FXML private ToggleSwitch lockSwitch;
    @FXML private TitledPane advancedPane;
    @FXML private TextField sendBufferField;
    @FXML private Label sendBufferError;
    @FXML private CheckBox noDelayBox;
    @FXML private TextField receiveBufferField;
    @FXML private Label receiveBufferError;
    @FXML private TextField throttleField;
    @FXML private Label throttleError;
    @FXML private RadioButton inProcessRadio;
    @FXML private RadioButton remoteRadio;
    @FXML private TextField targetField;
    @FXML private Label targetError;
    @FXML private Label nextRunNote;
    @FXML private Label panelBlocked;
    @FXML private Label verdictBanner;
    @FXML private SplitPane viewsSplit;
    @FXML private RadioButton byVerdictRadio;
    @FXML private RadioButton byThreadRadio;
    @FXML private StackPane legendHolder;
    @FXML private StackPane gridHolder;
    @FXML private StackPane detailsHolder;
    @FXML private StackPane threadBarsHolder;
    @FXML private StackPane throughputHolder;
    @FXML private StackPane partialsHolder;
    @FXML private StackPane verdictsHolder;
    @FXML private Label perfOverlay;
    @FXML private StatusBar statusBar;

    private final LabPrefs prefs;
    private final LabModel model;
    private final PerfMonitor perf = PerfMonitor.global();
    /** System property: false skips the engine warm-up at launch. */
    static final String WARM_UP = "interleave.warmup";
    /** The engine's warm-up run while the window is idle after launch; null once a run was started. FX thread. */
    private WarmUp warmUp;
    /** The four charts, in slot order. */
    private List<LiveChart> charts = List.of();
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "interleave-ui-worker");
        t.setDaemon(true);
        return t;
    });
    private final Label elapsedLabel = new Label();
    private final Label leftLabel = new Label();
    private final Label throughputLabel = new Label();

    private PacketGrid grid;
    private PacketDetailsPane detailsPane;
    private ThreadBarsChart threadBars;
    private ThroughputChart throughput;
    private PartialSendTimeline partials;
    private VerdictTimeline verdicts;

    private ValidatedField<Integer> threads;
    private ValidatedField<Integer> size;
    private ValidatedField<Long> packets;
    private ValidatedField<Integer> sendBuffer;
    private ValidatedField<Integer> receiveBuffer;
    private ValidatedField<Double> throttle;
    private ValidatedField<Target> target;

    private Scene scene;
    private LabExports exports;
    private Theme theme = Theme.LIGHT;
    private boolean syncing;
    private boolean applying;
    private boolean stopRequested;
    private boolean finalFrameDrawn = true;
    /**
     * Frames in which the views draw nothing: the one after a run's start or its first snapshot, whose
     * pulse already restyles the buttons, banner and status bar;
     * a chart redrawn in the same pulse made it the longest of the run. FX thread.
     */
    private int quietFrames;
    /** The run's completion has arrived (finished()); its views may still owe their last pictures. */
    private boolean runEnded;
    /** The grid has copied and painted every last verdict of the ended run. */
    private boolean gridFinal;
    /** A started run the grid has not taken yet: it does in its next turn of a frame. */
    private Starting gridPending;
    private boolean frameErrorLogged;
    private boolean shutDown;
    private long stopPressedNanos;
    private long stopLatencyMillis = -1;
    private long lastOverlayNanos;
    private long lastStatusNanos;
    private RunSnapshot lastSnapshot;
    /** The view offered this frame's repaint first (round robin over {@link #SLOTS}). */
    private int nextSlot;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onFrame(now);
        }
    };

    LabController(LabPrefs prefs) {
        this.prefs = prefs;
        this.model = new LabModel(prefs.config(RunConfig.defaults()));
    }

    @FXML
    private void initialize() {
        createViews();
        initKnobs();
        initActions();
        initStatusBar();
        verdictBanner.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap long verdicts, never cut them
        uncacheViewport(controlScroll);
        uncacheViewport(detailsScroll);
        setBanner(StyleClasses.VERDICT_IDLE, "Set the knobs and press Run (Ctrl+R).");
        applyConfig(model.config());
        timer.start();
    }

    /**
     * ScrollPaneSkin caches its viewport as an image (setCache(true)): then any change inside, a button
     * turning disabled or a label's text, redraws the whole image. Under the software pipeline that was
     * the control panel's 260 x 860 pixels, 60 ms of the renderer, in the frame where a run starts. The
     * panel scrolls rarely; it does without the cache.
     */
    private static void uncacheViewport(ScrollPane pane) {
        javafx.beans.InvalidationListener uncache = o -> {
            if (pane.getSkin() instanceof javafx.scene.control.skin.ScrollPaneSkin) {
                for (javafx.scene.Node n : pane.getChildrenUnmodifiable()) {
                    if (n.getStyleClass().contains("viewport")) {
                        n.setCache(false);
                    }
                }
            }
        };
        pane.skinProperty().addListener(uncache);
        uncache.invalidated(null);
    }

    // ---- views ----

    private void createViews() {
        grid = new PacketGrid();
        gridHolder.getChildren().add(grid);
        legendHolder.getChildren().add(grid.legend());
        detailsPane = new PacketDetailsPane();
        detailsHolder.getChildren().add(detailsPane);
        grid.setOnPacketSelected(detailsPane::setDetails);
        threadBars = new ThreadBarsChart();
        throughput = new ThroughputChart();
        partials = new PartialSendTimeline();
        verdicts = new VerdictTimeline();
        charts = List.of(threadBars, throughput, partials, verdicts);
        threadBarsHolder.getChildren().add(threadBars);
        throughputHolder.getChildren().add(throughput);
        partialsHolder.getChildren().add(partials);
        verdictsHolder.getChildren().add(verdicts);

        ColorMode mode = "THREAD".equals(prefs.get("colorMode", "VERDICT"))
                ? ColorMode.THREAD : ColorMode.VERDICT;
        grid.colorModeProperty().set(mode);
        (mode == ColorMode.THREAD ? byThreadRadio : byVerdictRadio).setSelected(true);
        byThreadRadio.selectedProperty().addListener((o, was, now) -> {
            ColorMode m = now ? ColorMode.THREAD : ColorMode.VERDICT;
            grid.colorModeProperty().set(m);
            prefs.put("colorMode", m.name());
        });
    }

    /**
     * Readies the charts for a new run; they draw their empty pictures in the frames that follow. The
     * grid lets go of the last run (so it can be freed before the next is built) but keeps its picture,
     * and the details keep theirs, until the new run has started ({@link #started}): clearing them here
     * put a grid repaint into the run's first, already heaviest frame.
     */
    private void resetViews(RunConfig config) {
        grid.detachSource();
        for (LiveChart chart : charts) {
            chart.reset(config);
        }
    }

    // ---- knobs ----

    private void initKnobs() {
        threads = new ValidatedField<>("threads", threadsField, threadsError, Inputs::threads,
                String::valueOf, model.config().threads());
        size = new ValidatedField<>("packet size", sizeField, sizeError, Inputs::payload,
                v -> Sizes.group(v), model.config().payloadSize());
        packets = new ValidatedField<>("packets", packetsField, packetsError, Inputs::packets,
                Sizes::group, model.config().packets());
        sendBuffer = new ValidatedField<>("SO_SNDBUF", sendBufferField, sendBufferError,
                t -> Inputs.socketBuffer(t, "SO_SNDBUF"), v -> v == 0 ? "" : Sizes.group(v), 0);
        receiveBuffer = new ValidatedField<>("SO_RCVBUF", receiveBufferField, receiveBufferError,
                t -> Inputs.socketBuffer(t, "SO_RCVBUF"), v -> v == 0 ? "" : Sizes.group(v), 0);
        throttle = new ValidatedField<>("read throttle", throttleField, throttleError, Inputs::throttle,
                v -> v == 0 ? "" : stripZeros(v), 0.0);
        target = new ValidatedField<>("verifier", targetField, null, LabController::parseRemote,
                t -> t.isInProcess() ? "" : t.toString(), Target.inProcess());

        // Ticks fall at 1, 64.75, 128.5, 192.25, 256: label them as the round thread counts they stand for.
        threadsSlider.setLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return String.valueOf((int) Math.floor(v + 1e-9));
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text);
            }
        });
        // Threads: slider and field bound both ways; the field may hold a bad value, the slider never.
        threadsSlider.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                sync(() -> threads.set((int) Math.round(now.doubleValue())));
            }
        });
        threads.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                sync(() -> threadsSlider.setValue(now));
            }
            threadsValue.setText(String.valueOf(now));
        });

        // Packet size: the slider's position is an index into Sizes.STEPS (log scale, round values).
        sizeSlider.setMin(0);
        sizeSlider.setMax(Sizes.maxIndex());
        sizeSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : Sizes.tickLabel(d);
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        sizeSlider.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                long v = Sizes.valueAt(now.doubleValue());
                sync(() -> size.set((int) v));
            }
        });
        size.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                sync(() -> sizeSlider.setValue(Sizes.indexOf(now)));
            }
            sizeValue.setText(dev.interleave.run.Sizes.formatLong(now));
        });

        strategyBox.getItems().setAll(Strategies.all());
        strategyBox.setCellFactory(lv -> new StrategyCell());
        strategyBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SendStrategy s) {
                return s == null ? "" : s.name();
            }

            @Override
            public SendStrategy fromString(String s) {
                return Strategies.byName(s).orElse(null);
            }
        });
        strategyBox.valueProperty().addListener((o, was, now) -> {
            strategyReason.setText(now == null ? ""
                    : now.unavailableReason().map(w -> "Not available here: " + w).orElse(now.reason()));
            knobsChanged();
        });
        lockSwitch.selectedProperty().addListener(o -> knobsChanged());
        noDelayBox.selectedProperty().addListener(o -> knobsChanged());
        remoteRadio.selectedProperty().addListener(o -> {
            targetField.setDisable(!remoteRadio.isSelected());
            knobsChanged();
        });
        targetField.setDisable(true);

        for (ValidatedField<?> f : fields()) {
            f.valueProperty().addListener(o -> knobsChanged());
            f.errorProperty().addListener(o -> knobsChanged());
        }

        nextRunNote.visibleProperty().bind(model.changedSinceStartProperty());
        nextRunNote.managedProperty().bind(nextRunNote.visibleProperty());
        // Bound to one model property, set once per change: bound to and()/when() of busy and the reason,
        // its managed property was invalidated (and the whole control panel relaid out, 25 ms) whenever
        // they were, value changed or not, in the frames a run started and ended.
        panelBlocked.textProperty().bind(model.knobsBlockedProperty());
        panelBlocked.visibleProperty().bind(model.knobsBlockedProperty().isNotEmpty());
        panelBlocked.managedProperty().bind(panelBlocked.visibleProperty());
        toolbarBlocked.textProperty().bind(Bindings.when(model.busyProperty()).then("")
                .otherwise(model.blockedReasonProperty()));
    }

    private static Target parseRemote(String text) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InputException("enter the host:port of an 'interleave serve'");
        }
        Target target = Target.parse(t);
        if (target.isInProcess()) {
            throw new InputException("'" + t + "' is not a remote verifier; choose In this process instead");
        }
        if (target.host().isBlank()) {
            throw new InputException("'" + t + "' has no host");
        }
        if (target.port() < 1 || target.port() > 65535) {
            throw new InputException("the port in '" + t + "' is not 1-65535");
        }
        return target;
    }

    private List<ValidatedField<?>> fields() {
        return List.of(threads, size, packets, sendBuffer, receiveBuffer, throttle, target);
    }

    private void sync(Runnable r) {
        syncing = true;
        try {
            r.run();
        } finally {
            syncing = false;
        }
    }

    /** Rebuilds the config from the knobs, records what is wrong, remembers a good config. */
    private void knobsChanged() {
        if (applying || strategyBox == null || target == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ValidatedField<?> f : List.of(threads, size, packets, sendBuffer, receiveBuffer, throttle)) {
            if (!f.isValid()) {
                problems.add(f.problem());
            }
        }
        boolean remote = remoteRadio.isSelected();
        if (remote && !target.isValid()) {
            problems.add(target.problem());
        }
        targetError.setText(remote ? target.errorProperty().get() : "");
        targetError.setVisible(remote && !target.isValid());
        targetError.setManaged(targetError.isVisible());
        SendStrategy s = strategyBox.getValue();
        if (s == null) {
            problems.add("choose how the threads write");
        } else if (s.unavailableReason().isPresent()) {
            problems.add(s.name() + " is not available here: " + s.unavailableReason().get());
        }
        RunConfig c = new RunConfig(s == null ? null : s.name(), lockSwitch.isSelected(), threads.get(),
                packets.get(), size.get(), sendBuffer.get(), noDelayBox.isSelected(), receiveBuffer.get(),
                throttle.get(), remote ? target.get() : Target.inProcess());
        model.setConfig(c);
        model.setInputProblems(problems);
        if (problems.isEmpty() && c.problems().isEmpty()) {
            prefs.saveConfig(c);
        }
    }

    /** Sets every knob to {@code c}. */
    void applyConfig(RunConfig c) {
        applying = true;
        try {
            threads.set(c.threads());
            size.set(c.payloadSize());
            packets.set(c.packets());
            strategyBox.setValue(Strategies.byName(c.strategy()).orElse(
                    strategyBox.getItems().isEmpty() ? null : strategyBox.getItems().getFirst()));
            lockSwitch.setSelected(c.lock());
            sendBuffer.set(c.sendBuffer());
            noDelayBox.setSelected(c.tcpNoDelay());
            receiveBuffer.set(c.receiveBuffer());
            throttle.set(c.readThrottleMBps());
            boolean remote = c.target() != null && !c.target().isInProcess();
            (remote ? remoteRadio : inProcessRadio).setSelected(true);
            target.set(remote ? c.target() : Target.inProcess());
            if (!remote) {
                targetField.setText(prefs.get("remoteTarget", ""));
            }
            threadsValue.setText(String.valueOf(threads.get()));
            sizeValue.setText(dev.interleave.run.Sizes.formatLong(size.get()));
            sync(() -> {
                threadsSlider.setValue(threads.get());
                sizeSlider.setValue(Sizes.indexOf(size.get()));
            });
            if (c.sendBuffer() != 0 || c.receiveBuffer() != 0 || c.readThrottleMBps() != 0 || remote) {
                advancedPane.setExpanded(true);
            }
        } finally {
            applying = false;
        }
        knobsChanged();
    }

    /**
     * "article" (20 threads, 10,000 x 100,000 B, native), "defaults", "current" (the knobs as they are),
     * or knobs on top of the current ones: "threads=20,packets=1000000,size=100 KB,strategy=native".
     * Returns false (and changes nothing) when the knobs do not parse. FX thread.
     */
    boolean applyPreset(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "article" -> applyConfig(RunConfig.article());
            case "defaults" -> applyConfig(RunConfig.defaults());
            case "current", "" -> { }
            default -> {
                try {
                    applyConfig(Inputs.spec(name, model.config()));
                } catch (InputException e) {
                    LOG.warn("preset '{}' not applied: {}", name, e.getMessage());
                    return false;
                }
            }
        }
        return true;
    }

    // ---- actions ----

    private void initActions() {
        runButton.disableProperty().bind(model.canRunProperty().not());
        runItem.disableProperty().bind(model.canRunProperty().not());
        stopButton.disableProperty().bind(model.busyProperty().not());
        stopItem.disableProperty().bind(model.busyProperty().not());
        var noResult = model.resultProperty().isNull().or(model.busyProperty());
        exportButton.disableProperty().bind(noResult);
        exportItem.disableProperty().bind(noResult);
        pngButton.disableProperty().bind(model.runConfigProperty().isNull());
        pngItem.disableProperty().bind(model.runConfigProperty().isNull());
        pngEachItem.disableProperty().bind(model.runConfigProperty().isNull());
        darkItem.selectedProperty().bindBidirectional(themeButton.selectedProperty());
        perfItem.selectedProperty().addListener((o, was, now) -> setPerfOverlayVisible(now));
    }

    /**
     * While the window is idle after launch: warms the grid's copy and paint paths up, and starts the
     * engine's warm-up run ({@link WarmUp}; {@code -Dinterleave.warmup=false} skips it). FX thread.
     */
    void warmUpViews() {
        if (model.run() != null || model.busyProperty().get()) {
            return;
        }
        grid.warmUp();
        worker.execute(PacketGrid::warmUpPainter);
        if (Boolean.parseBoolean(System.getProperty(WARM_UP, "true")) && warmUp == null
                && model.canRunProperty().get()) {
            warmUp = WarmUp.start(model.config());
            if (warmUp != null) {
                warmUp.whenFinished(r -> Platform.runLater(() -> {
                    if (!shutDown && model.run() == null && !model.busyProperty().get() && scene != null) {
                        long t0 = System.nanoTime();
                        ViewWarmUp.render(r, List.copyOf(scene.getStylesheets()), 520, 160);
                        LOG.debug("views warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
                    }
                }));
            }
        }
    }

    /** Whether the engine's warm-up run is going on. FX thread. */
    boolean warmingUp() {
        return warmUp != null && !warmUp.done();
    }

    /** Called by LabApp once the scene exists: stylesheets, theme, the keys that are not menu accelerators. */
    void attach(Scene s) {
        this.scene = s;
        this.exports = new LabExports(s, prefs, worker, statusBar::setText, this::completeFinalPictures);
        s.getStylesheets().add(resource(LAB_CSS));
        s.getStylesheets().add(resource(PERF_CSS));
        for (String css : FEATURE_CSS) {
            var url = LabController.class.getResource(css);
            if (url != null) {
                s.getStylesheets().add(url.toExternalForm());
            }
        }
        setTheme(Theme.parse(System.getProperty("interleave.theme"), prefs.theme()));
        s.getAccelerators().put(new KeyCodeCombination(KeyCode.F3), () -> perfItem.setSelected(!perfItem.isSelected()));
        // Esc stops a run, except while a text field has the focus: there it abandons an edit.
        s.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (!(s.getFocusOwner() instanceof javafx.scene.control.TextInputControl)) {
                stopRun();
            }
        });
    }

    private static String resource(String name) {
        return Objects.requireNonNull(LabController.class.getResource(name), name).toExternalForm();
    }

    @FXML
    private void onRun() {
        startRun();
    }

    @FXML
    private void onStop() {
        stopRun();
    }

    @FXML
    private void onArticlePreset() {
        applyPreset("article");
    }

    @FXML
    private void onDefaultsPreset() {
        applyPreset("defaults");
    }

    @FXML
    private void onToggleTheme() {
        setTheme(darkItem.isSelected() ? Theme.DARK : Theme.LIGHT);
    }

    @FXML
    private void onThemeButton() {
        setTheme(themeButton.isSelected() ? Theme.DARK : Theme.LIGHT);
    }

    @FXML
    private void onTogglePerf() {
        setPerfOverlayVisible(perfItem.isSelected());
    }

    @FXML
    private void onQuit() {
        Window w = root.getScene() == null ? null : root.getScene().getWindow();
        if (w != null) {
            w.hide();
        }
    }

    void setTheme(Theme t) {
        theme = t;
        if (scene != null) {
            for (Theme other : Theme.values()) {
                scene.getStylesheets().remove(resource(other.stylesheet()));
                scene.getRoot().getStyleClass().remove(other.styleClass());
            }
            scene.getStylesheets().add(1, resource(t.stylesheet()));
            scene.getRoot().getStyleClass().add(t.styleClass());
        }
        themeButton.setSelected(t == Theme.DARK);
        themeButton.setText(t == Theme.DARK ? "Light" : "Dark");
        prefs.saveTheme(t);
    }

    Theme theme() {
        return theme;
    }

    void setPerfOverlayVisible(boolean on) {
        perfItem.setSelected(on);
        perfOverlay.setVisible(on);
        if (on) {
            perfOverlay.setText(perf.text());
        }
    }

    // ---- a run ----

    /** Starts a run with the knobs' config; false (and nothing happens) when Run is disabled. */
    boolean startRun() {
        if (!model.canRunProperty().get()) {
            LOG.info("not starting: {}", model.blockedReasonProperty().get());
            return false;
        }
        RunConfig cfg = model.config();
        LOG.info("starting {} threads x {} packets x {} B, {}", cfg.threads(), cfg.packets(), cfg.payloadSize(),
                cfg.strategyLabel());
        stopRequested = false;
        stopLatencyMillis = -1;
        finalFrameDrawn = false;
        runEnded = false;
        gridFinal = false;
        gridPending = null;
        quietFrames = 1;
        frameErrorLogged = false;
        lastSnapshot = null;
        model.starting(cfg);
        resetViews(cfg);
        setBanner(StyleClasses.VERDICT_RUNNING, "Starting: " + describe(cfg) + "…");
        statusBar.setText("Starting…");
        // Not indeterminate: that bar's skin builds its animation in the frame the run starts, for a
        // state that lasts a few frames; the words say it.
        statusBar.setProgress(0);
        perf.resetWorst();
        WarmUp warming = warmUp;
        warmUp = null;
        CompletableFuture.supplyAsync(() -> {
            try {
                if (warming != null && !warming.done() && !warming.stop(java.time.Duration.ofSeconds(2))) {
                    LOG.warn("the engine warm-up did not stop within 2 s; starting anyway");
                }
                Run run = Run.start(cfg);
                PacketGrid.Copies copies = null;
                try {
                    copies = PacketGrid.copiesFor(run.packets().size());
                } catch (OutOfMemoryError e) {
                    LOG.warn("no memory for the grid's copies of {} packets yet", run.packets().size());
                }
                return new Starting(run, copies);
            } catch (InvalidConfigException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, worker).whenComplete((st, ex) -> Platform.runLater(() -> started(st, ex)));
        return true;
    }

    /** Hands the started run to the grid (see {@link #started}). FX thread. */
    private void attachGrid() {
        Starting st = gridPending;
        gridPending = null;
        try {
            grid.setSource(st.run().packets(), st.gridCopies());
        } catch (OutOfMemoryError e) {
            // The run goes on and its report is whole; only the grid cannot show it.
            LOG.warn("no memory for the grid's copies of {} packets; the grid stays empty", st.run().packets().size());
            grid.setSource(null);
        }
    }

    /** A run just started, and the grid's copies for its packets, made on the worker. */
    private record Starting(Run run, PacketGrid.Copies gridCopies) {
    }

    private void started(Starting starting, Throwable ex) {
        Run run = starting == null ? null : starting.run();
        if (shutDown && run != null) {
            run.cancel(); // the window closed while the run was being started
            return;
        }
        if (ex != null) {
            Throwable cause = LabExports.cause(ex);
            LOG.warn("run did not start", cause);
            gridPending = null;
            grid.setSource(null);
            detailsPane.setDetails(null);
            model.finished(null);
            finalFrameDrawn = true;
            setBanner(StyleClasses.VERDICT_FAILED, "The run could not start: " + message(cause));
            statusBar.setText("Failed to start");
            statusBar.setProgress(0);
            return;
        }
        model.started(run);
        run.completion().whenComplete((r, e) -> Platform.runLater(() -> finished(run, r, e)));
        detailsPane.setDetails(null);
        // The grid takes the run in its first turn of a frame: its first copy and paint (5-10 ms) then
        // do not add to this frame, which already lays out the banner, buttons and status bar.
        gridPending = starting;
        quietFrames = 1;
        if (stopRequested) {
            worker.execute(run::cancel);
        }
    }

    /** Stops the run going on (or about to start) within a second; the partial result stays exportable. */
    void stopRun() {
        switch (model.activity()) {
            case STARTING -> {
                stopRequested = true;
                model.setActivity(LabModel.Activity.STOPPING);
            }
            case RUNNING -> {
                stopRequested = true;
                model.setActivity(LabModel.Activity.STOPPING);
                Run run = model.run();
                worker.execute(run::cancel);
            }
            default -> {
                return;
            }
        }
        stopPressedNanos = System.nanoTime();
        LOG.info("stop requested");
        setBanner(StyleClasses.VERDICT_RUNNING, "Stopping…");
        statusBar.setText("Stopping…");
    }

    private void finished(Run run, RunResult result, Throwable ex) {
        if (model.run() != run) {
            return;
        }
        // The views draw their last pictures in the frames that follow, one per frame (drawn all at once,
        // with the banner and the buttons, they made an 80-120 ms pulse); exports finish them first.
        lastSnapshot = run.snapshot();
        runEnded = true;
        quietFrames = 1;
        if (stopRequested) {
            stopLatencyMillis = (System.nanoTime() - stopPressedNanos) / 1_000_000;
            LOG.info("stopped {} ms after Stop", stopLatencyMillis);
        }
        if (ex != null || result == null) {
            Throwable cause = LabExports.cause(ex);
            LOG.warn("run failed", cause);
            if (!run.phase().isFinished()) {
                finalFrameDrawn = true; // no finished snapshot will come for the views' last pictures
            }
            model.finished(null);
            setBanner(StyleClasses.VERDICT_FAILED, "The run failed: " + message(cause));
            statusBar.setText("Failed");
            return;
        }
        model.finished(result);
        String text = result.verdictText();
        String style = switch (result.verdict()) {
            case TORN -> StyleClasses.VERDICT_TORN;
            case INTACT -> StyleClasses.VERDICT_INTACT;
            default -> result.outcome() == dev.interleave.run.RunOutcome.FAILED
                    ? StyleClasses.VERDICT_FAILED : StyleClasses.VERDICT_INCOMPLETE;
        };
        setBanner(style, text);
        if (detailsPane.getDetails() != null && result.packets() != null) {
            // The pane holds a copy taken during the run: show the packet as the run ended.
            detailsPane.setDetails(result.packets().details(detailsPane.getDetails().packetId()));
        }
        if (!result.torn().isEmpty() && detailsPane.getDetails() == null && result.packets() != null) {
            // Show one tear right away: its splice is the lab's evidence, and most people look there first.
            detailsPane.setDetails(result.packets().details(result.torn().getFirst().packetId()));
        }
        statusBar.setText(switch (result.outcome()) {
            case COMPLETED -> "Done";
            case CANCELLED -> "Stopped";
            case FAILED -> "Failed";
        } + " · " + result.config().strategyLabel() + " · " + String.format(Locale.ROOT, "%.2f s", result.seconds()));
        throughputLabel.setText(dev.interleave.run.Sizes.rate(result.throughput()));
        LOG.info("run finished: {}", text);
        notifyVerdict(result, text);
    }

    private void notifyVerdict(RunResult result, String text) {
        if (!Boolean.parseBoolean(System.getProperty("interleave.notifications", "true"))
                || System.getProperty(LabApp.SCREENSHOT) != null) {
            return;
        }
        Window w = scene == null ? null : scene.getWindow();
        if (w == null || !w.isShowing()) {
            return;
        }
        try {
            Notifications n = Notifications.create().owner(w).title("Interleave: " + result.verdict().name().toLowerCase(Locale.ROOT))
                    .text(text).hideAfter(Duration.seconds(6));
            if (result.verdict() == dev.interleave.run.RunVerdict.TORN) {
                n.showWarning();
            } else {
                n.showInformation();
            }
        } catch (RuntimeException e) {
            LOG.debug("no notification", e);
        }
    }

    // ---- frames ----

    private void onFrame(long now) {
        perf.frame(now);
        long t0 = System.nanoTime();
        Run run = model.run();
        if (quietFrames > 0) {
            quietFrames--;
        } else if (run != null && !finalFrameDrawn) {
            drawFrame(run, false);
            if (runEnded && finalPicturesDrawn()) {
                finalFrameDrawn = true;
            }
        } else {
            // A reset's empty charts, one per frame (a running run's frames draw them as their first update).
            for (LiveChart chart : charts) {
                if (chart.drawPendingReset()) {
                    break;
                }
            }
        }
        if (perfOverlay.isVisible() && now - lastOverlayNanos >= OVERLAY_REFRESH_NANOS) {
            lastOverlayNanos = now;
            perfOverlay.setText(perf.text());
        }
        perf.work(System.nanoTime() - t0);
    }

    /** Whether every view shows the ended run as it ended. FX thread. */
    boolean finalPicturesDrawn() {
        if (!runEnded || !gridFinal) {
            return false;
        }
        for (LiveChart c : charts) {
            if (!c.finalPictureDrawn()) {
                return false;
            }
        }
        return true;
    }

    /** Draws what the views still owe of an ended run's last pictures, all now (before a picture is taken). */
    private void completeFinalPictures() {
        Run run = model.run();
        if (run != null && runEnded && !finalFrameDrawn) {
            drawFrame(run, true);
            finalFrameDrawn = true;
        }
    }

    /**
     * One engine snapshot, handed to every view; one of them repaints ({@code all}: every one that has
     * something to show).
     */
    private void drawFrame(Run run, boolean all) {
        try {
            long t0 = System.nanoTime();
            RunSnapshot s = run.snapshot();
            perf.snapshotTaken();
            lastSnapshot = s;
            SenderTelemetry telemetry = run.telemetry();
            long snapshotNanos = System.nanoTime() - t0;
            long gridNanos = 0;
            long statusNanos = 0;
            long t1 = System.nanoTime();
            boolean last = s.phase().isFinished();
            // One repaint per frame: the first view, from nextSlot on, that has one due takes it.
            int taken = -1;
            int first = nextSlot;
            for (int k = 0; k < SLOTS; k++) {
                int slot = (first + k) % SLOTS;
                boolean may = all || taken < 0;
                long slotStart = System.nanoTime();
                boolean did = switch (slot) {
                    case 0 -> {
                        boolean painted = false;
                        if (gridPending != null && may) {
                            attachGrid();
                            painted = true;
                        }
                        if (gridPending == null) {
                            if (last && runEnded && !gridFinal) {
                                // every last verdict, not just the per-frame budget's worth, in its turn
                                // (also right after attaching, when the run ended before the grid's turn)
                                if (may) {
                                    grid.flushAll();
                                    gridFinal = true;
                                    painted = true;
                                }
                            } else if (!painted) {
                                painted = grid.refresh(may);
                            }
                        }
                        yield painted;
                    }
                    case 1 -> threadBars.update(s, telemetry, may);
                    case 2 -> throughput.update(s, telemetry, may);
                    case 3 -> partials.update(s, telemetry, may);
                    case 4 -> verdicts.update(s, telemetry, may);
                    default -> {
                        long now = System.nanoTime();
                        if (last || (may && now - lastStatusNanos >= STATUS_REFRESH_NANOS)) {
                            lastStatusNanos = now;
                            showStatus(s);
                            statusNanos = System.nanoTime() - now;
                            yield !last; // an ended run's words are cheap: they take no view's turn
                        }
                        yield false;
                    }
                };
                long slotNanos = System.nanoTime() - slotStart;
                perf.slot(slot, slotNanos);
                if (slot == 0) {
                    gridNanos = slotNanos;
                }
                if (did && taken < 0) {
                    taken = slot;
                }
            }
            if (taken >= 0) {
                nextSlot = (taken + 1) % SLOTS;
            }
            long t3 = System.nanoTime();
            perf.part(PerfMonitor.Part.SNAPSHOT, snapshotNanos);
            perf.part(PerfMonitor.Part.GRID, gridNanos);
            perf.part(PerfMonitor.Part.CHARTS, t3 - t1 - gridNanos - statusNanos);
            perf.part(PerfMonitor.Part.STATUS, statusNanos);
        } catch (RuntimeException e) {
            if (!frameErrorLogged) {
                frameErrorLogged = true;
                LOG.warn("a frame could not be drawn", e);
            }
            if (runEnded) {
                finalFrameDrawn = true; // a view that fails at its last picture is not retried every frame
            }
        }
    }

    private void showStatus(RunSnapshot s) {
        double p = s.sendProgress();
        statusBar.setProgress(s.phase() == RunPhase.STARTING ? -1 : p);
        long sent = s.sender().packets();
        String phase = s.phase().name().charAt(0) + s.phase().name().substring(1).toLowerCase(Locale.ROOT);
        if (!s.phase().isFinished()) {
            statusBar.setText((model.activity() == LabModel.Activity.STOPPING ? "Stopping" : phase) + " · "
                    + Sizes.group(sent) + " of " + Sizes.group(s.packets()) + " sent · "
                    + Sizes.group(s.verdicts().decided()) + " checked");
        }
        elapsedLabel.setText("Elapsed " + Formats.duration(s.elapsedNanos()));
        leftLabel.setText("Left " + (s.phase().isFinished() ? Formats.duration(0) : Formats.duration(s.nanosLeft())));
        if (!runEnded) { // at the end, finished() shows the result's figure
            throughputLabel.setText(dev.interleave.run.Sizes.rate(s.sendThroughput()));
        }
        if (model.activity() == LabModel.Activity.RUNNING) {
            var v = s.verdicts();
            setBanner(StyleClasses.VERDICT_RUNNING, String.format(Locale.ROOT,
                    "Running %s: %,d of %,d sent, %,d intact, %,d torn so far, %,d partial sends",
                    model.runConfig().strategyLabel(), sent, s.packets(), v.intact(), v.torn(),
                    s.sender().partialSends()));
        }
    }

    private void initStatusBar() {
        elapsedLabel.setText("Elapsed –");
        leftLabel.setText("Left –");
        throughputLabel.setText("– B/s");
        elapsedLabel.setId("elapsedLabel");
        leftLabel.setId("leftLabel");
        throughputLabel.setId("throughputLabel");
        for (Label l : List.of(elapsedLabel, leftLabel, throughputLabel)) {
            l.getStyleClass().add("status-item");
        }
        elapsedLabel.setTooltip(new javafx.scene.control.Tooltip("Time since the start gate opened"));
        leftLabel.setTooltip(new javafx.scene.control.Tooltip("Estimated time until the last packet is sent"));
        throughputLabel.setTooltip(new javafx.scene.control.Tooltip("Bytes per second the senders write"));
        statusBar.getRightItems().addAll(elapsedLabel, leftLabel, throughputLabel);
        statusBar.setProgress(0);
    }

    /** Changes the banner only where it differs: a style-class change costs a CSS pass. */
    private void setBanner(String style, String text) {
        var classes = verdictBanner.getStyleClass();
        if (!classes.contains(style)) {
            classes.removeAll(StyleClasses.VERDICTS);
            classes.add(style);
        }
        if (!text.equals(verdictBanner.getText())) {
            verdictBanner.setText(text);
        }
    }

    // ---- export ----

    @FXML
    private void onExportCsv() {
        exports.exportCsvWithDialog(model.result());
    }

    @FXML
    private void onSavePng() {
        exports.savePngWithDialog(viewsSplit);
    }

    @FXML
    private void onSaveEachPng() {
        exports.saveEachPngWithDialog(pngSources(), pngLabel());
    }

    /** Writes the last run's report to {@code file}; an error shows in a dialog. */
    CompletableFuture<Path> exportCsv(Path file) {
        return exports.exportCsv(model.result(), file);
    }

    /** A picture of the grid and the charts together. */
    CompletableFuture<Path> saveViewsPng(Path file) {
        return exports.savePng(viewsSplit, file);
    }

    /** A picture of the whole window. */
    CompletableFuture<Path> saveWindowPng(Path file) {
        return exports.saveWindowPng(file);
    }

    /** Each view as a PNG of its own, in a new folder inside {@code parent}. */
    CompletableFuture<List<Path>> saveEachPng(Path parent) {
        return exports.saveEachPng(pngSources(), parent, pngLabel());
    }

    /** Names the pictures' folder after the run shown: its strategy, e.g. "native" or "native-lock". */
    private String pngLabel() {
        RunConfig c = model.runConfigProperty().get();
        return c == null ? "views" : c.strategyLabel().replace('+', '-');
    }

    private Map<String, LabExports.PngSource> pngSources() {
        Map<String, LabExports.PngSource> m = new LinkedHashMap<>();
        m.put("packets", grid::picture);
        m.put("threads", threadBars::picture);
        m.put("throughput", throughput::picture);
        m.put("partial-sends", partials::picture);
        m.put("verdicts", verdicts::picture);
        return m;
    }

    // ---- words ----

    private static String describe(RunConfig c) {
        return String.format(Locale.ROOT, "%d threads × %,d packets × %s, %s", c.threads(), c.packets(),
                dev.interleave.run.Sizes.format(c.payloadSize()), c.strategyLabel());
    }

    private static String message(Throwable t) {
        return LabExports.message(t);
    }

    private static String stripZeros(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    // ---- life ----

    /** Cancels a run going on, stops the frames, saves the settings. On the FX thread when the window closes. */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        timer.stop();
        if (warmUp != null) {
            WarmUp w = warmUp;
            warmUp = null;
            worker.execute(() -> {
                try {
                    w.stop(java.time.Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Run run = model.run();
        if (run != null && model.activity() != LabModel.Activity.IDLE) {
            try {
                run.cancel();
            } catch (RuntimeException e) {
                LOG.debug("cancel on exit", e);
            }
        }
        if (remoteRadio.isSelected() && target.isValid()) {
            prefs.put("remoteTarget", targetField.getText());
        }
        if (model.problems().isEmpty()) {
            prefs.saveConfig(model.config());
        }
        if (scene != null && scene.getWindow() != null) {
            prefs.putDouble("width", scene.getWindow().getWidth());
            prefs.putDouble("height", scene.getWindow().getHeight());
        }
        prefs.flush();
        worker.shutdown();
    }

    // ---- for LabApp, tests and benchmarks ----

    LabModel model() {
        return model;
    }

    PerfMonitor perf() {
        return perf;
    }

    /** The last snapshot the views were given, or null. */
    RunSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    PacketGrid grid() {
        return grid;
    }

    /** The packet whose details are shown, or null. */
    PacketDetails shownPacket() {
        return detailsPane.getDetails();
    }

    /** Milliseconds from the last Stop to its partial result on screen, or -1. */
    long stopLatencyMillis() {
        return stopLatencyMillis;
    }

    String bannerText() {
        return verdictBanner.getText();
    }
}
