package dev.interleave.ui.sweep;

import dev.interleave.run.Sizes;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.SweepSnapshot;
import dev.interleave.ui.charts.PngWriter;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

/**
 * The "Sweep" view: its knobs on the left ({@link SweepSettings}), and on the right the progress (trials
 * done of planned, failures, elapsed and time left, the trial running now), Export CSV and Save PNG, and
 * the {@link HeatmapBoard}, which fills in as trials finish. It draws only in {@link #onFrame}, which
 * the window's frame loop calls once per frame: the model pulls the sweep's snapshot there, and the
 * board repaints at most one heatmap per frame. FX thread only.
 */
public final class SweepView extends BorderPane {
    /** The progress words change at most four times a second (each change costs a layout). */
    private static final long WORDS_NANOS = 250_000_000L;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final SweepModel model;
    private final SweepHost host;
    private final SweepSettings settings;
    private final HeatmapBoard board;
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("No sweep yet: pick the ways of writing, threads and sizes, then"
            + " Start.");
    private final Label failure = new Label();
    private long lastWordsNanos;
    private File lastDir;

    public SweepView(SweepModel model, SweepHost host) {
        this.model = model;
        this.host = host;
        setId("sweepView");
        getStyleClass().add("sweep-view");
        settings = new SweepSettings(model);
        board = new HeatmapBoard(model::open, model::runCell, c -> model.lastTrial(c).isPresent());

        ScrollPane left = new ScrollPane(settings);
        left.setId("sweepSettingsScroll");
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        left.setCache(false);
        left.setMinWidth(260);
        left.setPrefWidth(300);
        left.setMaxWidth(320);
        setLeft(left);

        progress.setId("sweepProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("sweepProgressText");
        progressText.setWrapText(true);
        progressText.setMinHeight(Region.USE_PREF_SIZE);
        failure.setId("sweepFailure");
        failure.getStyleClass().add("run-blocked");
        failure.setWrapText(true);
        failure.textProperty().bind(model.failureProperty());
        failure.visibleProperty().bind(model.failureProperty().isNotEmpty());
        failure.managedProperty().bind(failure.visibleProperty());
        Button csv = new Button("Export CSV…");
        csv.setId("sweepExportCsv");
        csv.setTooltip(new Tooltip("Save every trial and every cell's pooled figures as CSV (docs/REPORT.md)"));
        csv.setOnAction(e -> askCsv());
        csv.disableProperty().bind(model.resultProperty().isNull());
        Button png = new Button("Save PNG…");
        png.setId("sweepSavePng");
        png.setTooltip(new Tooltip("Save a picture of the heatmaps with their legend"));
        png.setOnAction(e -> askPng());
        png.disableProperty().bind(model.planProperty().isNull());
        Button open = new Button("Open report…");
        open.setId("sweepOpen");
        open.setTooltip(new Tooltip("Show a sweep saved as CSV (interleave sweep --report, or Export CSV)"));
        open.setOnAction(e -> askOpen());
        open.disableProperty().bind(model.busyProperty());
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, progress, gap, open, csv, png);
        HBox.setHgrow(progress, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, bar, progressText, failure);
        top.setId("sweepTop");
        top.setPadding(new Insets(8, 10, 4, 10));

        ScrollPane maps = new ScrollPane(board);
        maps.setId("heatmapScroll");
        maps.setFitToWidth(true);
        maps.setCache(false);
        maps.getStyleClass().add("sweep-maps");
        BorderPane right = new BorderPane(maps);
        right.setTop(top);
        setCenter(right);

        // Until the first sweep, the heatmaps the knobs plan show empty, so a person sees what Start will measure.
        settings.previewProperty().addListener((o, was, plan) -> preview(plan));
        preview(settings.previewProperty().get());
        model.planProperty().addListener((o, was, plan) -> {
            if (plan != null) {
                board.setPlan(plan, heading(plan));
            }
        });
        model.resultProperty().addListener((o, was, r) -> {
            if (r != null) {
                board.update(r.cells(), null);
                showProgress(true);
            }
        });
        model.stateProperty().addListener(o -> showProgress(true));
    }

    private void preview(SweepPlan plan) {
        if (plan != null && model.state() == SweepModel.State.IDLE) {
            board.setPlan(plan, "Planned: " + heading(plan));
        }
    }

    // ---- once per frame ----

    /**
     * The frame loop's call: pulls the sweep's snapshot, and, if {@code mayRepaint} (no other view took
     * this frame), lets one stale heatmap draw. Returns true when a heatmap drew.
     */
    public boolean onFrame(boolean mayRepaint) {
        if (model.frame()) {
            SweepSnapshot s = model.snapshot();
            if (s != null) {
                board.update(s.cells(), s.current());
            }
            showProgress(true);
        } else if (model.state().busy()) {
            showProgress(false);
        }
        return mayRepaint && isVisible() && board.repaintOne();
    }

    private void showProgress(boolean now) {
        long t = System.nanoTime();
        if (!now && t - lastWordsNanos < WORDS_NANOS) {
            return;
        }
        lastWordsNanos = t;
        SweepSnapshot s = model.snapshot();
        SweepResult r = model.result();
        progress.setProgress(r != null ? (double) r.trials().size() / Math.max(1, r.plan().plannedTrials())
                : s == null ? 0 : s.progress());
        String words = ProgressText.of(model.state(), s, r);
        if (!words.equals(progressText.getText())) {
            progressText.setText(words);
        }
    }

    private static String heading(SweepPlan p) {
        List<String> ways = p.cells().stream().map(Cell::strategyLabel).distinct().toList();
        List<Integer> t = p.cells().stream().map(Cell::threads).distinct().sorted().toList();
        List<Integer> s = p.cells().stream().map(Cell::payloadSize).distinct().sorted().toList();
        return String.format(Locale.ROOT, "%s · threads %s · sizes %s · %,d trial%s per cell, %s · seed %d",
                String.join(", ", ways), SweepInputs.threadsText(t), SweepInputs.sizesText(s), p.trials(),
                p.trials() == 1 ? "" : "s", p.budget().inBytes() ? Sizes.format(p.budget().bytes()) + " each"
                        : String.format(Locale.ROOT, "%,d packets each", p.budget().packets()), p.seed());
    }

    // ---- exports ----

    /** Writes the ended sweep as CSV; what became of it shows in the status bar. */
    public CompletableFuture<Path> exportCsv(Path file) {
        return model.exportCsv(file);
    }

    /** A picture of the heatmaps with their legend, as they are now (every stale heatmap drawn first). */
    public BufferedImage picture() {
        board.repaintAll();
        board.applyCss();
        board.layout();
        return PngWriter.capture(board, background());
    }

    /** Writes {@link #picture()} as PNG, off the FX thread. */
    public CompletableFuture<Path> savePng(Path file) {
        return model.savePng(picture(), file);
    }

    /** The window's background colour (the board paints none of its own). */
    private Color background() {
        if (getScene() != null && getScene().getRoot() instanceof Region root) {
            Background b = root.getBackground();
            if (b != null && !b.getFills().isEmpty() && b.getFills().getFirst().getFill() instanceof Color c) {
                return c;
            }
        }
        return Color.WHITE;
    }

    /** Shows the sweep in a report file (its knobs too); what became of it shows in the status bar. */
    public CompletableFuture<SweepResult> open(Path file) {
        return model.load(file).thenApply(r -> {
            settings.show(r.plan());
            board.setTitle("From " + file.getFileName() + ": " + heading(r.plan()));
            return r;
        });
    }

    private void askOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a sweep report");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File dir = lastDir != null ? lastDir : new File(System.getProperty("user.home"));
        if (dir.isDirectory()) {
            fc.setInitialDirectory(dir);
        }
        File chosen = fc.showOpenDialog(host.window());
        if (chosen != null) {
            lastDir = chosen.getAbsoluteFile().getParentFile();
            open(chosen.toPath());
        }
    }

    private void askCsv() {
        SweepResult r = model.result();
        if (r == null) {
            return;
        }
        Path file = ask("Export the sweep as CSV", "CSV", "*.csv", "interleave-sweep-" + stamp() + ".csv");
        if (file != null) {
            exportCsv(file);
        }
    }

    private void askPng() {
        Path file = ask("Save a picture of the heatmaps", "PNG", "*.png", "interleave-sweep-" + stamp() + ".png");
        if (file != null) {
            savePng(file);
        }
    }

    private Path ask(String title, String kind, String pattern, String name) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        fc.setInitialFileName(name);
        File dir = lastDir != null ? lastDir : new File(System.getProperty("user.home"));
        if (dir.isDirectory()) {
            fc.setInitialDirectory(dir);
        }
        File chosen = fc.showSaveDialog(host.window());
        if (chosen == null) {
            return null;
        }
        lastDir = chosen.getAbsoluteFile().getParentFile();
        return chosen.toPath();
    }

    private static String stamp() {
        return LocalDateTime.now().format(STAMP);
    }

    // ---- parts, for the window and tests ----

    public SweepModel model() {
        return model;
    }

    SweepSettings settings() {
        return settings;
    }

    /** The figures the heatmaps hold for {@code c} (null when it is in no heatmap). */
    public dev.interleave.sweep.CellSummary shown(Cell c) {
        Heatmap h = board.heatmap(c.strategyLabel());
        return h == null ? null : h.summary(c);
    }

    /** The middle of {@code c}'s cell on the screen, for a pointer (null when it is in no heatmap). */
    public javafx.geometry.Point2D screenPointOf(Cell c) {
        Heatmap h = board.heatmap(c.strategyLabel());
        javafx.geometry.Point2D p = h == null ? null : h.centreOf(c);
        return p == null ? null : h.localToScreen(p);
    }

    /** The tooltip of the heatmap that holds {@code c} (its text follows the pointer), or null. */
    public Tooltip tooltipOf(Cell c) {
        Heatmap h = board.heatmap(c.strategyLabel());
        return h == null ? null : h.tooltip();
    }

    /** Whether every heatmap shows its latest figures (none waits for its turn to repaint). */
    public boolean drawn() {
        return !board.stale();
    }

    /** The ways of writing the heatmaps show, in order ("native", "native+lock", ...). */
    public List<String> heatmapTitles() {
        return board.heatmaps().stream().map(Heatmap::title).toList();
    }

    HeatmapBoard board() {
        return board;
    }
}
