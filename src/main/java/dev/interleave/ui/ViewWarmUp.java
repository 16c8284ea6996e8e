package dev.interleave.ui;

import dev.interleave.run.Run;
import dev.interleave.run.RunSnapshot;
import dev.interleave.ui.charts.LiveChart;
import dev.interleave.ui.charts.PartialSendTimeline;
import dev.interleave.ui.charts.ThreadBarsChart;
import dev.interleave.ui.charts.ThroughputChart;
import dev.interleave.ui.charts.VerdictTimeline;
import dev.interleave.ui.grid.PacketGrid;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/**
 * Draws throwaway copies of the live views, offscreen, from the engine warm-up's finished run, so that
 * the JIT compiles what a run's first frames use (the views' ingest and draw code on the FX thread, the
 * renderer's paths for charts with data) before a person's first run rather than during it. Nothing
 * of it is shown. FX thread.
 */
final class ViewWarmUp {
    private ViewWarmUp() {
    }

    /** Renders the views of {@code run} into an offscreen image a few times, with the window's styles. */
    static void render(Run run, List<String> stylesheets, double width, double height) {
        RunSnapshot s = run.snapshot();
        List<LiveChart> charts = List.of(new ThreadBarsChart(), new ThroughputChart(), new PartialSendTimeline(),
                new VerdictTimeline());
        PacketGrid grid = new PacketGrid();
        VBox box = new VBox(grid);
        box.getChildren().addAll(charts);
        for (LiveChart c : charts) {
            c.setPrefSize(width, height);
        }
        grid.setPrefSize(width, height * 2);
        Scene scene = new Scene(box);
        scene.getStylesheets().setAll(stylesheets);
        // What a run's start and end restyle: the banner in each verdict's colours, a busy progress bar,
        // buttons turning disabled and back. In the first run these cost two to three times as much.
        Label banner = new Label(run.config().toString());
        banner.getStyleClass().add(StyleClasses.VERDICT_BANNER);
        ProgressBar progress = new ProgressBar(-1);
        Button button = new Button("Run");
        box.getChildren().addAll(0, List.of(banner, progress, button));
        grid.setSource(run.packets());
        for (int round = 0; round < StyleClasses.VERDICTS.length; round++) {
            banner.getStyleClass().removeAll(StyleClasses.VERDICTS);
            banner.getStyleClass().add(StyleClasses.VERDICTS[round]);
            progress.setProgress(round % 2 == 0 ? -1 : round / 10.0);
            button.setDisable(round % 2 == 0);
            if (round < 3) {
                for (LiveChart c : charts) {
                    c.reset(run.config());
                    c.update(s, run.telemetry(), true);
                }
                grid.flushAll();
                grid.repaint();
            }
            box.snapshot(null, null);
        }
        grid.setSource(null);
    }
}
