package dev.interleave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.ui.charts.FxThread;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The window's layout parts that hold no run: kept dividers, the top-level views, the display check. */
class WindowLayoutTest {

    @BeforeAll
    static void fx() {
        QuietJavaFx.install();
        FxThread.start();
    }

    private static StackPane side(double minWidth) {
        StackPane p = new StackPane(new Label("side"));
        p.setMinWidth(minWidth);
        return p;
    }

    /** The split's divider after the window was made narrow, then wide again. */
    private static double dividerAfterASqueeze(boolean kept) throws Exception {
        return FxThread.call(() -> {
            SplitPane split = new SplitPane(side(300), side(300));
            split.setDividerPositions(0.7);
            if (kept) {
                SplitMemory.keep(split);
            }
            Stage stage = new Stage();
            stage.setScene(new Scene(split, 1000, 300));
            stage.show();
            try {
                split.applyCss();
                split.layout();
                stage.setWidth(650); // the right side's 300 px minimum pushes the divider left
                stage.getScene().getRoot().resize(650, 300);
                split.layout();
                assertThat(split.getDividerPositions()[0]).isLessThan(0.6);
                stage.setWidth(1000);
                stage.getScene().getRoot().resize(1000, 300);
                split.layout();
                return split.getDividerPositions()[0];
            } finally {
                stage.close();
            }
        });
    }

    @Test
    void aDividerMovedByAResizeComesBackWhenTheWindowGrowsAgain() throws Exception {
        assertThat(dividerAfterASqueeze(false)).as("a plain SplitPane keeps it moved").isLessThan(0.6);
        assertThat(dividerAfterASqueeze(true)).isCloseTo(0.7, Offset.offset(0.01));
    }

    @Test
    void aSecondTopLevelViewBringsTheSwitchAndTheSwitchShowsIt() throws Exception {
        FxThread.run(() -> {
            TopViews views = new TopViews();
            Label lab = new Label("lab");
            views.add("Lab", lab);
            assertThat(views.switcher().isVisible()).as("one view: no switch").isFalse();
            assertThat(views.shown()).isEqualTo("Lab");

            Label sweep = new Label("sweep");
            views.add("Sweep", sweep);
            assertThat(views.switcher().isVisible()).isTrue();
            assertThat(views.shown()).isEqualTo("Lab");
            ((org.controlsfx.control.SegmentedButton) views.switcher()).getButtons().stream()
                    .filter(b -> "view-sweep".equals(b.getId())).findFirst().orElseThrow().fire();
            assertThat(views.shown()).isEqualTo("Sweep");
            assertThat(lab.isVisible()).isFalse();
            assertThat(sweep.isVisible()).isTrue();
        });
    }

    @Test
    void withoutADisplayTheWindowSaysSoInsteadOfAStackTrace() {
        String why = LabApp.noDisplay(Map.of(), "Linux", null);
        assertThat(why).contains("needs a display").contains("xvfb-run").contains("interleave run --help");
        assertThat(LabApp.noDisplay(Map.of("DISPLAY", ":0"), "Linux", null)).isNull();
        assertThat(LabApp.noDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(LabApp.noDisplay(Map.of(), "Linux", "Headless")).as("JavaFX's own headless platform").isNull();
        assertThat(LabApp.noDisplay(Map.of(), "Windows 11", null)).isNull();
        assertThat(LabApp.noDisplay(Map.of(), "Mac OS X", null)).isNull();
    }
}
