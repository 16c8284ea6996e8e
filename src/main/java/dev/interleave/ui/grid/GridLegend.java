package dev.interleave.ui.grid;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The grid's legend: the verdict colours, or the first threads' colours. Rebuilt only when what it says
 * changes: new labels cost a CSS pass and a layout of the grid's header, in the frame a run starts.
 */
final class GridLegend {
    static final String ENTRY = "legend-entry";
    static final String SWATCH = "legend-swatch";
    static final String NOTE = "legend-note";
    /** Verdict-mode entries in reading order: good news first. */
    private static final byte[] ORDER = {CellState.INTACT, CellState.TORN, CellState.MISSING, CellState.DUPLICATE,
            CellState.PENDING, CellState.NOT_SENT};
    private static final int THREAD_SWATCHES = 16;

    private final FlowPane pane = new FlowPane(10, 4);
    /** What the entries now shown say, to skip a rebuild that would change nothing. */
    private List<Object> shown = List.of();

    GridLegend() {
        pane.getStyleClass().add(PacketGrid.LEGEND_STYLE_CLASS);
        pane.getStylesheets().add(Objects.requireNonNull(
                GridLegend.class.getResource(PacketGrid.STYLESHEET)).toExternalForm());
    }

    Node node() {
        return pane;
    }

    /**
     * @param stateColors colours by {@link CellState}
     * @param threads     threads seen so far
     */
    void show(ColorMode mode, Color[] stateColors, int threads, long packets, int kept) {
        int swatches = Math.min(Math.max(threads, 1), THREAD_SWATCHES);
        // Only what the entries say: in verdict mode the thread count does not show.
        List<Object> says = List.of(mode, List.of(stateColors), mode == ColorMode.THREAD ? threads : 0,
                packets > kept ? packets : 0L, packets > kept ? kept : 0);
        if (says.equals(shown)) {
            return;
        }
        shown = says;
        pane.getChildren().clear();
        if (mode == ColorMode.VERDICT) {
            for (byte s : ORDER) {
                pane.getChildren().add(entry(stateColors[s], CellState.LABELS[s]));
            }
        } else {
            for (int t = 0; t < swatches; t++) {
                pane.getChildren().add(entry(ThreadPalette.color(t), "thread " + t));
            }
            if (threads > swatches) {
                pane.getChildren().add(note(String.format(Locale.ROOT, "… %d threads in all", threads)));
            }
            pane.getChildren().add(entry(stateColors[CellState.NOT_SENT], "not sent"));
        }
        if (packets > kept) {
            pane.getChildren().add(note(String.format(Locale.ROOT, "showing the first %,d of %,d packets",
                    kept, packets)));
        }
    }

    private static Node entry(Color color, String text) {
        Rectangle swatch = new Rectangle(10, 10, color);
        swatch.getStyleClass().add(SWATCH);
        Label label = new Label(text, swatch);
        label.getStyleClass().add(ENTRY);
        return label;
    }

    private static Node note(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(NOTE);
        return label;
    }
}
