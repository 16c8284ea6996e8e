package dev.interleave.ui;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.LiveRun;
import dev.interleave.run.RunResult;
import dev.interleave.ui.charts.LiveChart;
import dev.interleave.ui.charts.PartialSendTimeline;
import dev.interleave.ui.charts.ThreadBarsChart;
import dev.interleave.ui.charts.ThroughputChart;
import dev.interleave.ui.charts.VerdictTimeline;
import dev.interleave.ui.grid.ColorMode;
import dev.interleave.ui.grid.PacketDetailsPane;
import dev.interleave.ui.grid.PacketGrid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The "Lab" view: the verdict banner over the live views of one run, the packet grid (with the
 * details of the packet picked on it) above the four charts, and the F3 overlay of frame figures. It
 * draws nothing by itself: the {@link FrameLoop} hands the views their snapshots. It follows the run's
 * events only for the packet details (cleared as a run starts; at the end, the picked packet as it
 * ended, or the first torn one). FX thread.
 */
final class LabViews extends VBox implements RunSessionListener {
    /** Preferences key of the grid's colour mode. */
    private static final String COLOR_MODE = "colorMode";
    /** The charts' two rows at their least: a title (about 24 px) over a chart's least height (80) each. */
    static final double CHARTS_MIN_HEIGHT = 2 * (24 + 80) + 6;
    /** Height the grid and the charts keep when a pane shows under the banner: their least, and a little. */
    static final double VIEWS_ROOM = 120 + CHARTS_MIN_HEIGHT + 10;
    /** The least a pane under the banner gets: its title and a few lines. */
    static final double UNDER_BANNER_MIN = 110;

    private final Label banner = new Label(StatusPresenter.IDLE_TEXT);
    private final PacketGrid grid = new PacketGrid();
    private final PacketDetailsPane details = new PacketDetailsPane();
    private final ThreadBarsChart threadBars = new ThreadBarsChart();
    private final ThroughputChart throughput = new ThroughputChart();
    private final PartialSendTimeline partials = new PartialSendTimeline();
    private final VerdictTimeline verdicts = new VerdictTimeline();
    private final Label perfOverlay = new Label();
    private final SplitPane split;

    LabViews(LabPrefs prefs) {
        setId("labViews");
        banner.setId("verdictBanner");
        banner.getStyleClass().add(StyleClasses.VERDICT_BANNER);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        grid.setOnPacketSelected(details::setDetails);

        split = new SplitPane(gridCard(prefs), chartsGrid());
        split.setId("viewsSplit");
        split.getStyleClass().add(StyleClasses.VIEWS_SPLIT);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        SplitMemory.keep(split);
        perfOverlay.setId("perfOverlay");
        perfOverlay.getStyleClass().add(StyleClasses.PERF_OVERLAY);
        perfOverlay.setVisible(false);
        perfOverlay.setMouseTransparent(true);
        StackPane.setAlignment(perfOverlay, Pos.BOTTOM_RIGHT);
        StackPane stack = new StackPane(split, perfOverlay);
        stack.setId("viewsStack");
        VBox.setVgrow(stack, Priority.ALWAYS);
        getChildren().addAll(banner, stack);
    }

    /** The grid's card: its title, the colour mode, the legend; the grid beside the picked packet's details. */
    private BorderPane gridCard(LabPrefs prefs) {
        ToggleGroup colors = new ToggleGroup();
        RadioButton byVerdict = Tips.tip(new RadioButton("by verdict"),
                "Colour each packet by its verdict: intact, torn, missing, duplicate");
        RadioButton byThread = Tips.tip(new RadioButton("by thread"), "Colour each packet by the thread that sent it");
        byVerdict.setId("byVerdictRadio");
        byThread.setId("byThreadRadio");
        byVerdict.setToggleGroup(colors);
        byThread.setToggleGroup(colors);
        ColorMode mode = "THREAD".equals(prefs.get(COLOR_MODE, "VERDICT")) ? ColorMode.THREAD : ColorMode.VERDICT;
        grid.colorModeProperty().set(mode);
        (mode == ColorMode.THREAD ? byThread : byVerdict).setSelected(true);
        byThread.selectedProperty().addListener((o, was, now) -> {
            ColorMode m = now ? ColorMode.THREAD : ColorMode.VERDICT;
            grid.colorModeProperty().set(m);
            prefs.put(COLOR_MODE, m.name());
        });
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        StackPane legend = new StackPane(grid.legend());
        legend.setId("legendHolder");
        HBox top = new HBox(8, title("Packets"), byVerdict, byThread, gap, legend);
        top.setAlignment(Pos.CENTER_LEFT);

        StackPane gridHolder = new StackPane(grid);
        gridHolder.setId("gridHolder");
        gridHolder.setMinSize(100, 60);
        StackPane detailsHolder = new StackPane(details);
        detailsHolder.setId("detailsHolder");
        ScrollPane detailsScroll = ScrollPanes.uncached(new ScrollPane(detailsHolder));
        detailsScroll.setId("detailsScroll");
        detailsScroll.setFitToWidth(true);
        detailsScroll.setMinWidth(200);
        detailsScroll.getStyleClass().add(StyleClasses.PACKET_DETAILS);
        SplitPane gridSplit = new SplitPane(gridHolder, detailsScroll);
        gridSplit.setId("gridSplit");
        gridSplit.getStyleClass().add(StyleClasses.VIEWS_SPLIT);
        gridSplit.setDividerPositions(0.66);
        SplitMemory.keep(gridSplit);

        BorderPane card = new BorderPane(gridSplit);
        card.setId("gridCard");
        card.setTop(top);
        card.getStyleClass().add(StyleClasses.VIEW_CARD);
        card.setMinHeight(120);
        return card;
    }

    /** The four charts, two by two. */
    private GridPane chartsGrid() {
        GridPane g = new GridPane();
        g.setId("chartsGrid");
        g.setHgap(6);
        g.setVgap(6);
        // Two rows of a title and a chart at its least (80 px): squeezed further, a chart centred in its
        // cell drew its top over the card's title.
        g.setMinHeight(CHARTS_MIN_HEIGHT);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            g.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            g.getRowConstraints().add(r);
        }
        g.add(card("Packets sent per thread", "threadBarsHolder", threadBars), 0, 0);
        g.add(card("Throughput", "throughputHolder", throughput), 1, 0);
        g.add(card("Partial sends (time × thread)", "partialsHolder", partials), 0, 1);
        g.add(card("Verdicts over time", "verdictsHolder", verdicts), 1, 1);
        return g;
    }

    private static BorderPane card(String title, String holderId, Node chart) {
        StackPane holder = new StackPane(chart);
        holder.setId(holderId);
        holder.setMinSize(50, 40);
        BorderPane card = new BorderPane(holder);
        card.setTop(title(title));
        card.getStyleClass().add(StyleClasses.VIEW_CARD);
        return card;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StyleClasses.VIEW_TITLE);
        return l;
    }

    // ---- the details follow the run ----

    /** The details keep the last run's packet until the new one has started (a layout less in its first frame). */
    @Override
    public void started(LiveRun run, PacketGrid.Copies gridCopies) {
        details.setDetails(null);
    }

    @Override
    public void startFailed(Throwable cause) {
        details.setDetails(null);
    }

    /** A sweep's trial opened: the details show its first torn packet, if any (and if its packets were kept). */
    @Override
    public void opened(RunResult result, PacketGrid.Copies gridCopies) {
        details.setDetails(null);
        ended(null, result, null);
    }

    @Override
    public void ended(LiveRun run, RunResult result, Throwable failure) {
        if (result == null || result.packets() == null) {
            return;
        }
        if (details.getDetails() != null) {
            // The pane holds a copy taken during the run: show the packet as the run ended.
            details.setDetails(result.packets().details(details.getDetails().packetId()));
        }
        if (!result.torn().isEmpty() && details.getDetails() == null) {
            // One tear right away: its splice is the lab's evidence, and most people look there first.
            details.setDetails(result.packets().details(result.torn().getFirst().packetId()));
        }
    }

    // ---- parts ----

    PacketGrid grid() {
        return grid;
    }

    /** The charts, in the frame loop's slot order. */
    List<LiveChart> charts() {
        return List.of(threadBars, throughput, partials, verdicts);
    }

    Label banner() {
        return banner;
    }

    Label perfOverlay() {
        return perfOverlay;
    }

    /**
     * Puts {@code pane} between the banner and the views (the commands that start an outside sender).
     * It is as tall as its lines, but at most what leaves the views {@link #VIEWS_ROOM} (its lines
     * scroll inside it then): in a low window the charts squeezed under it drew their titles over their
     * data.
     */
    void showUnderBanner(javafx.scene.control.TitledPane pane) {
        getChildren().add(1, pane);
        javafx.beans.binding.DoubleBinding cap = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(UNDER_BANNER_MIN, getHeight() - banner.getHeight() - VIEWS_ROOM),
                heightProperty(), banner.heightProperty());
        pane.maxHeightProperty().bind(cap);
        // The box would squeeze it before the views (its scrolling content asks for little): it keeps
        // its own height up to the cap.
        pane.minHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> pane.isExpanded() ? Math.min(cap.get(), pane.prefHeight(getWidth())) : USE_COMPUTED_SIZE,
                cap, widthProperty(), pane.expandedProperty()));
    }

    /** The grid and the charts together, as "Save PNG" pictures them. */
    Node picturable() {
        return split;
    }

    /** Each view by the file name its picture gets. */
    Map<String, LabExports.PngSource> pngSources() {
        Map<String, LabExports.PngSource> m = new LinkedHashMap<>();
        m.put("packets", grid::picture);
        m.put("threads", threadBars::picture);
        m.put("throughput", throughput::picture);
        m.put("partial-sends", partials::picture);
        m.put("verdicts", verdicts::picture);
        return m;
    }

    /** The packet whose details are shown, or null. */
    PacketDetails shownPacket() {
        return details.getDetails();
    }
}
