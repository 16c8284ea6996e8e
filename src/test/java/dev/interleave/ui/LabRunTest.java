package dev.interleave.ui;

import static dev.interleave.ui.LabWindowFixture.await;
import static dev.interleave.ui.LabWindowFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Real runs from the window: Run, the live views, the verdict, export, Stop. */
@ExtendWith(ApplicationExtension.class)
class LabRunTest {
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

    private static RunConfig shortRun(String strategy, boolean lock) {
        return new RunConfig(strategy, lock, 4, 200, 10_000, 0, false, 0, 0, Target.inProcess());
    }

    private RunResult runToTheEnd(FxRobot robot, RunConfig config, boolean byKeyboard) throws Exception {
        fx(robot, () -> window.applyConfig(config));
        assertThat(window.model().problems()).isEmpty();
        if (byKeyboard) {
            robot.clickOn("#verdictBanner").press(KeyCode.SHORTCUT, KeyCode.R).release(KeyCode.R, KeyCode.SHORTCUT);
        } else {
            robot.clickOn("#runButton");
        }
        await(60, () -> window.model().state() == RunState.DONE && window.model().result() != null);
        await(5, () -> fx(window::finalPicturesDrawn)); // the views' last pictures, one per frame
        return window.model().result();
    }

    /** The pop-ups ControlsFX's Notifications shows now. */
    private static List<javafx.scene.Parent> notificationBars() {
        return fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().getRoot().lookup(".notification-bar"))
                .filter(java.util.Objects::nonNull).map(n -> (javafx.scene.Parent) n).toList());
    }

    @Test
    void aRunsEndCoversNothingInAWindowBeingLookedAt(FxRobot robot) throws Exception {
        String was = System.getProperty(EndOfRunPopup.NOTIFICATIONS);
        System.setProperty(EndOfRunPopup.NOTIFICATIONS, "true");
        try {
            javafx.stage.Window w = fx(() -> window.scene().getWindow());
            await(5, w::isFocused);
            runToTheEnd(robot, shortRun("socket-stream", false), false);
            assertThat(window.status().notificationsShown()).as("with the window focused").isZero();
            assertThat(notificationBars()).isEmpty();
        } finally {
            if (was == null) {
                System.clearProperty(EndOfRunPopup.NOTIFICATIONS);
            } else {
                System.setProperty(EndOfRunPopup.NOTIFICATIONS, was);
            }
        }
    }

    @Test
    void aRunPressedWhileTheEngineWarmsUpStopsItAndRunsAsAsked(FxRobot robot) throws Exception {
        fx(robot, () -> window.applyConfig(shortRun("socket-stream", false)));
        fx(robot, window::warmUpViews);
        assertThat(fx(window::warmingUp)).isTrue();
        RunResult r = runToTheEnd(robot, shortRun("socket-stream", true), false);
        assertThat(fx(window::warmingUp)).isFalse();
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.config().packets()).isEqualTo(200);
        assertThat(r.config().lock()).isTrue();
        assertThat(r.verdicts().intact()).isEqualTo(200);
    }

    @Test
    void theViewsWarmUpOffscreenWithoutTouchingTheWindow(FxRobot robot) throws Exception {
        dev.interleave.run.Run run = dev.interleave.run.Run.start(shortRun("socket-stream", false));
        assertThat(run.await().outcome()).isEqualTo(RunOutcome.COMPLETED);
        Node views = robot.lookup("#viewsStack").query();
        Image before = LabWindowFixture.picture(views);
        fx(() -> {
            ViewWarmUp.render(run, List.copyOf(views.getScene().getStylesheets()), 300, 100);
            return null;
        });
        assertThat(LabWindowFixture.differingPixels(before, LabWindowFixture.picture(views))).isZero();
    }

    @Test
    void unlockedRunDecidesEveryPacketAndTheViewsChange(FxRobot robot) throws Exception {
        Node grid = robot.lookup("#gridHolder").query();
        Node charts = robot.lookup("#chartsGrid").query();
        Image gridBefore = LabWindowFixture.picture(grid);
        Image chartsBefore = LabWindowFixture.picture(charts);

        RunResult r = runToTheEnd(robot, shortRun("channel-nonblocking", false), true);

        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.verdicts().decided()).isEqualTo(200);
        assertThat(r.verdicts().missing()).isZero();
        Label banner = robot.lookup("#verdictBanner").queryAs(Label.class);
        assertThat(banner.getText()).isEqualTo(r.verdictText());
        assertThat(banner.getStyleClass()).containsAnyOf(StyleClasses.VERDICT_INTACT, StyleClasses.VERDICT_TORN);
        assertThat(window.lastSnapshot().phase()).isEqualTo(RunPhase.DONE);
        assertThat(window.lastSnapshot().sender().packets()).isEqualTo(200);

        assertThat(LabWindowFixture.differingPixels(gridBefore, LabWindowFixture.picture(grid))).isPositive();
        assertThat(LabWindowFixture.differingPixels(chartsBefore, LabWindowFixture.picture(charts))).isPositive();
        assertThat(robot.lookup("#throughputLabel").queryAs(Label.class).getText()).endsWith("B/s");

        // a click on a packet opens its details
        robot.moveTo(grid, javafx.geometry.Pos.TOP_LEFT, new javafx.geometry.Point2D(3, 3), org.testfx.robot.Motion.DIRECT)
                .clickOn(javafx.scene.input.MouseButton.PRIMARY);
        await(5, () -> window.shownPacket() != null);
        assertThat(window.shownPacket().verdict()).isIn(dev.interleave.verify.Verdict.INTACT,
                dev.interleave.verify.Verdict.TORN);
    }

    @Test
    void lockedRunTearsNothingAndItsReportCanBeExported(FxRobot robot) throws Exception {
        RunResult r = runToTheEnd(robot, shortRun("native", true), false);

        assertThat(r.verdicts().decided()).isEqualTo(200);
        assertThat(r.verdicts().torn()).isZero();
        Label banner = robot.lookup("#verdictBanner").queryAs(Label.class);
        assertThat(banner.getText()).startsWith("0 of 200 torn");
        assertThat(banner.getStyleClass()).contains(StyleClasses.VERDICT_INTACT);

        Path csv = dir.resolve("report.csv");
        assertThat(fx(() -> window.exportCsv(csv)).get(20, TimeUnit.SECONDS)).isEqualTo(csv);
        assertThat(csv).exists();
        // The status bar says where it went: the whole path, not only "report.csv".
        assertThat(fx(() -> window.status().bar().getText())).isEqualTo("Report saved: " + csv.toAbsolutePath());
        assertThat(fx(() -> window.status().noticePath())).isEqualTo(csv.toAbsolutePath());
        String text = Files.readString(csv);
        assertThat(text).contains("native");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(csv); // no temp file left beside it
        }

        Path png = dir.resolve("views.png");
        fx(() -> window.saveViewsPng(png)).get(20, TimeUnit.SECONDS);
        assertThat(Files.size(png)).isPositive();
        // Each view into a new folder per save: a second save beside the first overwrites nothing.
        List<Path> first = fx(() -> window.saveEachPng(dir.resolve("each"))).get(20, TimeUnit.SECONDS);
        List<Path> second = fx(() -> window.saveEachPng(dir.resolve("each"))).get(20, TimeUnit.SECONDS);
        assertThat(first).hasSize(5).allSatisfy(p -> assertThat(p).exists().isNotEmptyFile());
        assertThat(second).hasSize(5).allSatisfy(p -> assertThat(p).exists().isNotEmptyFile());
        assertThat(first.get(0).getParent()).isNotEqualTo(second.get(0).getParent());
        assertThat(first.get(0).getParent().getFileName().toString()).startsWith("interleave-native-");
        assertThat(first).extracting(p -> p.getFileName().toString())
                .containsExactly("packets.png", "threads.png", "throughput.png", "partial-sends.png", "verdicts.png");

        // an export that cannot be written shows the error in a dialog and leaves no file
        Files.writeString(dir.resolve("not-a-dir"), "a file where a directory should be");
        Path bad = dir.resolve("not-a-dir").resolve("report.csv");
        assertThat(fx(() -> window.exportCsv(bad))).failsWithin(20, TimeUnit.SECONDS);
        assertThat(bad).doesNotExist();
        await(5, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(fx(() -> window.status().bar().getText())).startsWith("The report was not saved to " + bad.toAbsolutePath());
        // so does a folder for pictures that cannot be made
        assertThat(fx(() -> window.saveEachPng(dir.resolve("not-a-dir")))).failsWithin(20, TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("not-a-dir"))).isEqualTo("a file where a directory should be");
    }

    @Test
    void aPictureTakenAsARunEndsHasEveryViewsLastPicture(FxRobot robot) throws Exception {
        // A script may save the pictures the moment a run ends, perhaps before the grid has had a turn
        // of a frame to take the run (here: Stop pressed while the run starts, so it ends at once): the
        // picture must still show every view as the run ended.
        RunConfig big = new RunConfig("socket-stream", false, 4, 1_000_000, 1_000, 0, false, 0, 0,
                Target.inProcess());
        fx(robot, () -> window.applyConfig(big));
        Path png = dir.resolve("at-the-end.png");
        java.util.concurrent.CompletableFuture<java.util.concurrent.CompletableFuture<Path>> saving =
                new java.util.concurrent.CompletableFuture<>();
        fx(robot, () -> {
            window.model().stateProperty().addListener((o, was, now) -> {
                if (now == RunState.DONE && !saving.isDone()) {
                    saving.complete(window.saveViewsPng(png));
                }
            });
            assertThat(window.model().startRun()).isTrue();
            window.model().stopRun();
        });
        assertThat(saving.get(60, TimeUnit.SECONDS).get(20, TimeUnit.SECONDS)).isEqualTo(png);
        assertThat(fx(window::finalPicturesDrawn)).isTrue();
        assertThat(window.model().result().outcome()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void stopEndsALongRunWithinASecondAndLeavesAPartialReport(FxRobot robot) throws Exception {
        RunConfig slow = new RunConfig("native", false, 1, 1_000_000, 10_000, 4096, false, 4096, 1.0,
                Target.inProcess());
        fx(robot, () -> window.applyConfig(slow));
        robot.clickOn("#runButton");
        await(20, () -> window.model().state() == RunState.RUNNING
                && window.lastSnapshot() != null && window.lastSnapshot().sender().packets() > 0);

        // a knob changed during the run applies to the next one, and the window says so
        fx(robot, () -> window.applyConfig(slow.withThreads(2)));
        assertThat(robot.lookup("#nextRunNote").queryAs(Label.class).isVisible()).isTrue();

        robot.clickOn("#verdictBanner");
        robot.type(KeyCode.ESCAPE);
        await(5, () -> window.model().state() == RunState.DONE);
        assertThat(window.stopLatencyMillis()).as("ms from Stop to the partial result on screen")
                .isBetween(0L, 1_000L);

        RunResult r = window.model().result();
        assertThat(r).isNotNull();
        assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(r.sender().packets()).isLessThan(1_000_000);
        assertThat(robot.lookup("#verdictBanner").queryAs(Label.class).getText()).startsWith("Stopped");
        assertThat(robot.lookup("#nextRunNote").queryAs(Label.class).isVisible()).isFalse();

        Path csv = dir.resolve("partial.csv");
        fx(() -> window.exportCsv(csv)).get(20, TimeUnit.SECONDS);
        assertThat(Files.readString(csv)).contains("native");
    }
}
