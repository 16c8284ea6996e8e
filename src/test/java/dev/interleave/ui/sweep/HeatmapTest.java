package dev.interleave.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunVerdict;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.ui.charts.FxThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** A heatmap on its own: where its cells are, what hovering says, when it repaints, and its theme colours. */
class HeatmapTest {
    private static final Cell NATIVE_2_1K = new Cell("native", false, 2, 1_000);

    private static CellSummary summary(Cell c, long torn, long judged, int finished) {
        return new CellSummary(c, judged, 3, finished, 0, torn > 0 ? RunVerdict.TORN : RunVerdict.INTACT,
                List.of(torn), new Proportion(torn > 0 ? 1 : 0, 1), new Proportion(torn, judged), 1e9);
    }

    private static Heatmap map(List<Cell> opened, List<Cell> ran) {
        return new Heatmap("native", List.of(1, 2), List.of(100, 1_000), opened::add, ran::add, c -> true);
    }

    @Test
    void aCellsFiguresLandInItsCellAndHoverNamesThem() throws Exception {
        FxThread.run(() -> {
            Heatmap h = map(new ArrayList<>(), new ArrayList<>());
            h.resize(h.prefWidth(-1), h.prefHeight(-1));
            h.layout();
            assertThat(h.set(summary(NATIVE_2_1K, 12, 20_000, 1))).isTrue();
            assertThat(h.set(summary(new Cell("native", true, 2, 1_000), 0, 10, 1))).as("another way of writing")
                    .isFalse();
            var p = h.centreOf(NATIVE_2_1K);
            assertThat(h.indexAt(p.getX(), p.getY())).isEqualTo(3); // row 1 (2 threads), column 1 (1 KB)
            assertThat(h.tooltipAt(p.getX(), p.getY())).startsWith("native, 2 threads, 1 KB")
                    .contains("12 of 20,000 torn (0.060%; 95% interval").contains("one trial");
            assertThat(h.tooltipAt(1, 1)).as("the title, outside the cells").isEmpty();
        });
    }

    @Test
    void newFiguresRepaintOnceAndOnlyWhenTheyDiffer() throws Exception {
        FxThread.run(() -> {
            Heatmap h = map(new ArrayList<>(), new ArrayList<>());
            h.resize(h.prefWidth(-1), h.prefHeight(-1));
            h.layout(); // the first layout paints
            h.repaintIfStale();
            long before = h.repaints();
            h.set(summary(NATIVE_2_1K, 0, 20_000, 1));
            assertThat(h.repaintIfStale()).isTrue();
            assertThat(h.repaintIfStale()).as("nothing new").isFalse();
            h.set(summary(NATIVE_2_1K, 0, 20_000, 1)); // equal figures: nothing to draw
            assertThat(h.repaintIfStale()).isFalse();
            assertThat(h.repaints()).isEqualTo(before + 1);
        });
    }

    /** The colours a heatmap takes in a window of {@code theme} ("theme-light" or "theme-dark"). */
    private static List<Color> colours(String theme) throws Exception {
        return FxThread.call(() -> {
            Heatmap h = map(new ArrayList<>(), new ArrayList<>());
            TornLegend legend = new TornLegend();
            StackPane root = new StackPane(h, legend);
            root.getStyleClass().add(theme);
            Scene scene = new Scene(root, 400, 300);
            scene.getStylesheets().add(Objects.requireNonNull(
                    SweepView.class.getResource("/dev/interleave/ui/sweep.css")).toExternalForm());
            root.applyCss();
            SweepCanvas swatch = (SweepCanvas) legend.lookup("." + TornLegend.SWATCH_CLASS);
            return List.of(h.zeroFill.getValue(), h.textFill.getValue(), swatch.zeroFill.getValue(),
                    swatch.textFill.getValue());
        });
    }

    @Test
    void theDarkThemesColoursApplyOnlyInTheDarkThemeToTheMapsAndTheLegend() throws Exception {
        List<Color> light = colours("theme-light");
        List<Color> dark = colours("theme-dark");
        for (int i : new int[] {0, 2}) {
            String what = i == 0 ? "heatmap" : "legend swatch";
            assertThat(light.get(i)).as(what).isEqualTo(Color.web("#eef1f4"));
            assertThat(dark.get(i)).as(what).isEqualTo(Color.web("#2b3036"));
            assertThat(light.get(i + 1).getBrightness()).as(what + ": dark text on a light window").isLessThan(0.5);
            assertThat(dark.get(i + 1).getBrightness()).as(what + ": light text on a dark window").isGreaterThan(0.5);
        }
    }
}
