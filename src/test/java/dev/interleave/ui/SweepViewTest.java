package dev.interleave.ui;

import static dev.interleave.ui.LabWindowFixture.await;
import static dev.interleave.ui.LabWindowFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.SweepOutcome;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.TrialRecord;
import dev.interleave.ui.sweep.CellText;
import dev.interleave.ui.sweep.SweepModel;
import dev.interleave.ui.sweep.SweepView;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Sweep view driven as a person would: its knobs, real sweeps over loopback, the heatmaps filling
 * in, hover, a click that opens a trial in the lab, "run this cell", the exports, and Stop. Only what
 * holds on every run is asserted: the locked and JDK-locked cells never tear; a native cell may.
 */
@ExtendWith(ApplicationExtension.class)
class SweepViewTest {
    static {
        LabWindowFixture.useJavaFxHeadless();
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetPrefs() {
        LabWindowFixture.forgetPrefs();
    }

    private LabWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = LabWindowFixture.open(stage);
    }

    private SweepView view() {
        return window.sweepView();
    }

    /** Shows the Sweep view and sets its knobs: these strategies, lock, lists, trials and packets per trial. */
    private void setUp(FxRobot robot, List<String> strategies, String lock, String threads, String sizes,
                       String trials, String packets) {
        robot.clickOn("#view-sweep");
        assertThat(window.topViews().shown()).isEqualTo("Sweep");
        assertThat(window.knobs().isVisible()).as("the lab's knobs hide").isFalse();
        for (String s : List.of("native", "native-nonblocking", "socket-stream", "channel", "channel-nonblocking",
                "async-channel", "socket-per-thread")) {
            CheckBox b = robot.lookup("#sweep-" + s).queryAs(CheckBox.class);
            if (b.isSelected() != strategies.contains(s)) {
                robot.clickOn(b);
            }
        }
        robot.clickOn("#sweepLock-" + lock);
        fx(robot, () -> {
            robot.lookup("#sweepThreads").queryAs(TextField.class).setText(threads);
            robot.lookup("#sweepSizes").queryAs(TextField.class).setText(sizes);
            robot.lookup("#sweepTrials").queryAs(TextField.class).setText(trials);
            javafx.scene.control.ChoiceBox<String> unit = robot.lookup("#sweepBudgetUnit").query();
            unit.setValue("packets");
            robot.lookup("#sweepBudget").queryAs(TextField.class).setText(packets);
        });
    }

    private SweepResult awaitEnd(long seconds) throws Exception {
        await(seconds, () -> view().model().state() == SweepModel.State.ENDED);
        await(5, () -> view().drawn());
        return view().model().result();
    }

    @Test
    void badListsAreNamedOnTheFieldAndStartSaysWhy(FxRobot robot) {
        setUp(robot, List.of("socket-stream"), "no", "1, 2", "100", "1", "20");
        Button start = robot.lookup("#sweepStart").queryAs(Button.class);
        assertThat(start.isDisabled()).isFalse();
        assertThat(robot.lookup("#sweepSummary").queryAs(Label.class).getText())
                .isEqualTo("2 cells × 1 trial = 2 trials, 20 packets per trial.");

        TextField threads = robot.lookup("#sweepThreads").queryAs(TextField.class);
        fx(robot, () -> threads.setText(""));
        robot.clickOn(threads).write("1, 300");
        assertThat(start.isDisabled()).isTrue();
        assertThat(threads.getText()).isEqualTo("1, 300"); // nothing lost
        assertThat(threads.getPseudoClassStates()).contains(StyleClasses.ERROR);
        assertThat(robot.lookup("#sweepProblems").queryAs(Label.class).getText())
                .isEqualTo("Can't start: threads: 300 is above the maximum: threads are 1 to 256");

        fx(robot, () -> robot.lookup("#sweepSizes").queryAs(TextField.class).setText("100, 10,000"));
        assertThat(robot.lookup("#sweepProblems").queryAs(Label.class).getText())
                .contains("sizes: '000' looks like the end of a number with a thousands separator");

        fx(robot, () -> {
            threads.setText("1, 2");
            robot.lookup("#sweepSizes").queryAs(TextField.class).setText("100");
        });
        assertThat(start.isDisabled()).isFalse();
        assertThat(threads.getPseudoClassStates()).doesNotContain(StyleClasses.ERROR);
    }

    @Test
    void aSweepFillsTheHeatmapsAndItsCellsOpenInTheLab(FxRobot robot) throws Exception {
        fx(robot, window::warmUpViews); // a sweep pressed right after launch stops the engine's warm-up
        setUp(robot, List.of("native", "socket-stream"), "both", "1, 2", "100, 1 KB", "1", "20");
        robot.clickOn("#sweepStart");
        assertThat(window.model().canRunProperty().get()).as("no lab run during a sweep").isFalse();
        assertThat(robot.lookup("#toolbarBlocked").queryAs(Label.class).getText()).contains("a sweep is going on");
        SweepResult r = awaitEnd(120);
        assertThat(fx(window::warmingUp)).isFalse();
        assertThat(window.model().canRunProperty().get()).as("the lab may run again").isTrue();

        assertThat(r.outcome()).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(r.trials()).hasSize(16).allMatch(TrialRecord::pooled);
        assertThat(view().heatmapTitles()).containsExactly("native", "native+lock", "socket-stream",
                "socket-stream+lock");
        assertThat(robot.lookup("#sweepProgressText").queryAs(Label.class).getText()).startsWith("Done: 16 trials in");
        for (Cell c : r.plan().cells()) {
            CellSummary s = view().shown(c);
            assertThat(s).as(c.label()).isNotNull();
            assertThat(s.finished()).isEqualTo(1);
            if (c.lock() || c.strategy().equals("socket-stream")) {
                // Locked or JDK-locked: 0 torn, shown as the bound, every run.
                assertThat(s.tornRate().events()).as(c.label()).isZero();
                assertThat(CellText.kind(s)).isEqualTo(CellText.Kind.UPPER_BOUND);
                assertThat(CellText.inCell(s)).isEqualTo("< 14%"); // 0 of 20: 1 - 0.05^(1/20) = 13.9%
            } else {
                assertThat(CellText.kind(s)).as(c.label()).isIn(CellText.Kind.UPPER_BOUND, CellText.Kind.TORN);
            }
        }

        // Hover: the cell's figures and interval, in a bounded, wrapping tooltip.
        Cell stream = new Cell("socket-stream", false, 2, 1_000);
        robot.moveTo(fx(() -> view().screenPointOf(stream)));
        javafx.scene.control.Tooltip tip = view().tooltipOf(stream);
        assertThat(tip.getText()).startsWith("socket-stream, 2 threads, 1 KB\n1 of 1 trial done; 20 packets per trial")
                .contains("0 of 20 torn: with 95% confidence fewer than 14% tear under these conditions (one trial)")
                .contains("Click: open its last trial in the Lab.");
        assertThat(tip.isWrapText()).isTrue();
        assertThat(tip.getMaxWidth()).isEqualTo(420);

        // A click opens the cell's last trial in the lab's views.
        Cell locked = new Cell("native", true, 1, 100);
        robot.clickOn(fx(() -> view().screenPointOf(locked)), MouseButton.PRIMARY);
        await(10, () -> "Lab".equals(window.topViews().shown()) && window.model().result() != null
                && window.finalPicturesDrawn());
        RunResult shown = window.model().result();
        assertThat(shown).isSameAs(view().model().lastTrial(locked).orElseThrow());
        assertThat(shown.config().strategyLabel()).isEqualTo("native+lock");
        assertThat(window.model().state()).isEqualTo(RunState.DONE);
        assertThat(window.bannerText()).startsWith("From the sweep, the last trial of 1 threads × 20 packets × 100 B,"
                + " native+lock: 0 of 20 torn");
        assertThat(window.grid().getSource().size()).isEqualTo(20);
        assertThat(window.knobs().isVisible()).isTrue();
        // The lab's Export CSV writes the opened trial's report, packet rows included.
        Path trialCsv = dir.resolve("trial.csv");
        fx(() -> window.exportCsv(trialCsv)).get(20, TimeUnit.SECONDS);
        assertThat(Files.readString(trialCsv).lines().filter(l -> l.startsWith("packet,"))).hasSize(20);

        // "Run this cell" loads its knobs into the lab (from the cell's menu).
        robot.clickOn("#view-sweep");
        robot.moveTo(fx(() -> view().screenPointOf(stream))).press(MouseButton.SECONDARY)
                .release(MouseButton.SECONDARY);
        javafx.scene.Node item = robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l
                && "Run this cell (load its knobs into the Lab)".equals(l.getText())).query();
        robot.clickOn(item);
        await(5, () -> "Lab".equals(window.topViews().shown()));
        RunConfig knobs = window.model().config();
        assertThat(knobs.strategy()).isEqualTo("socket-stream");
        assertThat(knobs.lock()).isFalse();
        assertThat(knobs.threads()).isEqualTo(2);
        assertThat(knobs.payloadSize()).isEqualTo(1_000);
        assertThat(knobs.packets()).isEqualTo(20);
        assertThat(robot.lookup("#threadsField").queryAs(TextField.class).getText()).isEqualTo("2");

        // Export: the sweep's CSV, and a picture of the heatmaps with their legend.
        Path csv = dir.resolve("sweep.csv");
        Path png = dir.resolve("sweep.png");
        assertThat(fx(() -> view().exportCsv(csv)).get(20, TimeUnit.SECONDS)).isEqualTo(csv.toAbsolutePath());
        assertThat(Files.readString(csv)).contains("sweep,outcome,COMPLETED").contains("cell,socket-stream,false,2,1000,20,1,1,0,1,INTACT");
        assertThat(fx(() -> view().savePng(png)).get(20, TimeUnit.SECONDS)).isEqualTo(png.toAbsolutePath());
        BufferedImage picture = ImageIO.read(png.toFile());
        assertThat(picture.getWidth()).isGreaterThan(800);
        assertThat(picture.getHeight()).isGreaterThan(150); // the legend over one row of four maps of two rows
        assertThat(window.status().noticePath()).isEqualTo(png.toAbsolutePath());

        // The CSV opens again in the view (as a report of `interleave sweep` would): the same figures, but
        // no trial to open, which the tooltip says.
        CellSummary before = view().shown(stream);
        robot.clickOn("#view-sweep");
        SweepResult loaded = fx(() -> view().open(csv)).get(20, TimeUnit.SECONDS);
        // The same trials (the file keeps each trial's seconds to the millisecond).
        assertThat(loaded.trials()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                .isEqualTo(r.trials());
        await(5, () -> view().drawn());
        assertThat(view().shown(stream).tornRate()).isEqualTo(before.tornRate());
        assertThat(view().model().lastTrial(stream)).isEmpty();
        assertThat(robot.lookup("#sweepHeading").queryAs(Label.class).getText()).startsWith("From sweep.csv: native,");
        robot.moveTo(fx(() -> view().screenPointOf(new Cell("native", true, 2, 100))));
        robot.moveTo(fx(() -> view().screenPointOf(stream)));
        assertThat(view().tooltipOf(stream).getText()).endsWith("Right-click: run this cell (no trial of it is kept"
                + " to open).");
    }

    @Test
    void stopKeepsTheFinishedTrialsAndExportsThem(FxRobot robot) throws Exception {
        setUp(robot, List.of("socket-stream"), "no", "1, 2, 4, 8", "100, 1000, 10000", "50", "2000");
        robot.clickOn("#sweepStart");
        await(60, () -> view().model().snapshot() != null && view().model().snapshot().finished() >= 3);
        robot.clickOn("#sweepHeading").type(KeyCode.ESCAPE); // Esc stops the sweep in the Sweep view
        SweepResult r = awaitEnd(30);
        assertThat(r.outcome()).isEqualTo(SweepOutcome.CANCELLED);
        assertThat(r.trials().size()).isGreaterThanOrEqualTo(3);
        assertThat(r.notRun()).isNotEmpty();
        assertThat(r.trials().size() + r.notRun().size()).isEqualTo(600);
        long measured = r.plan().cells().stream().filter(c -> view().shown(c).finished() > 0).count();
        assertThat(measured).isEqualTo(r.trials().stream().map(TrialRecord::cell).distinct().count());
        for (Cell c : r.plan().cells()) {
            CellSummary s = view().shown(c);
            assertThat(s.tornRate().events()).as("socket-stream never tears: " + c.label()).isZero();
            assertThat(CellText.kind(s)).isIn(CellText.Kind.UPPER_BOUND, CellText.Kind.NOT_RUN);
        }
        assertThat(robot.lookup("#sweepProgressText").queryAs(Label.class).getText())
                .startsWith("Stopped after").contains("trials finished and kept");
        Path csv = dir.resolve("stopped.csv");
        fx(() -> view().exportCsv(csv)).get(20, TimeUnit.SECONDS);
        String text = Files.readString(csv);
        assertThat(text).contains("sweep,outcome,CANCELLED").contains("sweep,finished_trials," + r.trials().size());
        assertThat(text.lines().filter(l -> l.startsWith("trial,"))).hasSize(r.trials().size());
        assertThat(robot.lookup("#sweepStart").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#sweepLock-no").queryAs(ToggleButton.class).isSelected()).isTrue();
    }
}
