package dev.interleave.ui;

import static dev.interleave.testing.TornStreams.assertOnlyCoincidencesUnattributed;
import static dev.interleave.ui.LabWindowFixture.await;
import static dev.interleave.ui.LabWindowFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.OutsideStreams;
import dev.interleave.run.PartialSendSource;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import dev.interleave.telemetry.ThreadSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window watching an outside sender, as a person would use it: an outside sender as the target,
 * Listen, a sender pointed at the listener (the lab's own engine; a hand-written stream with a report;
 * the Python reference client started with the very command the window shows), the views filled, the
 * verdict in words, Export CSV. Loopback, port 0.
 */
@ExtendWith(ApplicationExtension.class)
class OutsideSenderTest {
    static {
        LabWindowFixture.useJavaFxHeadless();
    }

    @AfterAll
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

    @AfterEach
    void stopListening() {
        fx(() -> window.model().stopListening());
    }

    /** Chooses an outside sender with these knobs, presses Listen, and returns the port it got. */
    private int listen(FxRobot robot, int threads, long packets, int size) throws Exception {
        fx(robot, () -> {
            window.applyConfig(new RunConfig("socket-stream", false, threads, packets, size, 0, false, 0, 0,
                    Target.inProcess()));
            window.knobs().showListenAddress(new ListenAddress("127.0.0.1", 0));
            window.model().targetChoiceProperty().set(TargetChoice.OUTSIDE);
        });
        assertThat(robot.lookup("#runButton").queryAs(Button.class).getText()).isEqualTo("▶ Listen");
        robot.clickOn("#runButton");
        await(10, () -> !window.model().listeningAtProperty().get().isEmpty());
        String where = fx(() -> window.model().listeningAtProperty().get());
        assertThat(where).startsWith("127.0.0.1:");
        int port = Integer.parseInt(where.substring(where.lastIndexOf(':') + 1));
        assertThat(port).isPositive();
        assertThat(robot.lookup("#runButton").queryAs(Button.class).getText()).isEqualTo("■ Stop listening");
        return port;
    }

    private RunResult awaitOutsideResult(long packets) throws Exception {
        await(60, () -> window.model().state() == RunState.DONE && window.model().result() != null
                && window.model().result().config().isOutsideSender()
                && window.model().result().config().packets() == packets);
        await(5, window::finalPicturesDrawn);
        return fx(() -> window.model().result());
    }

    @Test
    void theLabsOwnEngineAsAnOutsideSenderFillsTheViewsAndItsRunExports(FxRobot robot) throws Exception {
        Node grid = robot.lookup("#gridHolder").query();
        Node charts = robot.lookup("#chartsGrid").query();
        Image gridBefore = LabWindowFixture.picture(grid);
        Image chartsBefore = LabWindowFixture.picture(charts);
        int port = listen(robot, 4, 400, 2_000);

        assertThat(window.bannerText()).isEqualTo("Listening on 127.0.0.1:" + port
                + ": start a sender, e.g. one of the commands below.");
        assertThat(robot.lookup("#senderCommands").query().isVisible()).isTrue();
        TextField python = robot.lookup("#command-python").queryAs(TextField.class);
        assertThat(python.getText()).isEqualTo("python3 clients/python/interleave_client.py 127.0.0.1 " + port
                + " --threads 4 --packets 400 --size 2000");
        robot.clickOn("#copy-python");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(python.getText());
        assertThat(robot.lookup("#command-send").queryAs(TextField.class).getText())
                .endsWith("interleave send --host 127.0.0.1 --port " + port
                        + " --strategy socket-stream --threads 4 --packets 400 --size 2000");

        RunConfig config = new RunConfig("socket-stream", false, 4, 400, 2_000, 0, false, 0, 0,
                Target.remote("127.0.0.1", port));
        RunResult sent = Run.start(config).await();
        RunResult seen = awaitOutsideResult(400);

        assertThat(sent.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(seen.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(seen.verdicts().intact()).isEqualTo(400);
        assertThat(window.bannerText()).contains(seen.verdictText())
                .endsWith("Still listening on 127.0.0.1:" + port + ": the next sender's run replaces this one.");
        // Per thread, what the views show is what the sender's threads sent (the frames' thread indexes).
        assertThat(fx(window::lastSnapshot).sender().threads()).extracting(ThreadSnapshot::packets)
                .containsExactlyElementsOf(sent.sender().threads().stream().map(ThreadSnapshot::packets).toList());
        assertThat(LabWindowFixture.differingPixels(gridBefore, LabWindowFixture.picture(grid))).isPositive();
        assertThat(LabWindowFixture.differingPixels(chartsBefore, LabWindowFixture.picture(charts))).isPositive();
        assertThat(fx(() -> robot.lookup("#senderCommands").queryAs(SenderCommands.class).isExpanded()))
                .as("folded while a sender's run is shown").isFalse();

        Path csv = dir.resolve("outside.csv");
        assertThat(fx(() -> window.exportCsv(csv)).get(20, TimeUnit.SECONDS)).isEqualTo(csv);
        assertThat(Files.readString(csv)).contains("outside sender").contains(seen.verdictText());
        Path png = dir.resolve("outside.png");
        fx(() -> window.saveViewsPng(png)).get(20, TimeUnit.SECONDS);
        assertThat(Files.size(png)).isPositive();
        List<Path> each = fx(() -> window.saveEachPng(dir.resolve("each"))).get(20, TimeUnit.SECONDS);
        assertThat(each.get(0).getParent().getFileName().toString()).startsWith("interleave-outside-sender-");

        // Still listening: the next sender is the next run, shown in the same views.
        Run.start(config.withPackets(150)).await();
        assertThat(awaitOutsideResult(150).verdicts().intact()).isEqualTo(150);

        robot.clickOn("#runButton"); // Stop listening
        await(5, () -> !window.model().listeningProperty().get());
        assertThat(robot.lookup("#runButton").queryAs(Button.class).getText()).isEqualTo("▶ Listen");
        assertThat(window.bannerText()).doesNotContain("listening on");
    }

    @Test
    void theReportsClaimsAppearOnceItArrivesAndTheBannerSaysWhoseTheyAre(FxRobot robot) throws Exception {
        int port = listen(robot, 2, 4, 500);
        try (OutsideStreams s = new OutsideStreams(port)) {
            s.hello(4, 2).frame(0, 0, 500).frame(1, 1, 500).frame(2, 0, 500);
            await(20, () -> window.model().state() == RunState.RUNNING && window.lastSnapshot() != null
                    && window.lastSnapshot().verdicts().intact() == 2);
            assertThat(fx(window::lastSnapshot).partialSends()).isEqualTo(PartialSendSource.NOT_REPORTED);
            await(5, () -> window.bannerText().contains("partial sends not reported by this sender (yet)"));
            s.frame(3, 1, 500).report("Hand-made sender, Linux", new long[] {2, 3, 1, 0}, new long[] {2, 2, 0, 0});
            s.finish();
        }
        RunResult r = awaitOutsideResult(4);
        assertThat(r.report()).isPresent();
        assertThat(r.verdicts().intact()).isEqualTo(4);
        assertThat(fx(window::lastSnapshot).partialSends()).isEqualTo(PartialSendSource.CLAIMED);
        assertThat(fx(window::lastSnapshot).sender().threads()).extracting(ThreadSnapshot::partialSends)
                .containsExactly(1L, 0L);
        assertThat(window.bannerText()).startsWith("Hand-made sender, Linux: 0 of 4 torn")
                .contains("The sender claims 1 partial send.");
    }

    @Test
    void thePythonReferenceClientStartedWithTheShownCommandIsVerifiedLive(FxRobot robot) throws Exception {
        assumeTrue(pythonWorks(), "python3 (3.8+) is not on PATH: apt-get install python3");
        int port = listen(robot, 3, 300, 1_000);
        String line = robot.lookup("#command-python").queryAs(TextField.class).getText();
        Process p = new ProcessBuilder("bash", "-c", line).redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the client finished").isTrue();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(json).contains("\"verdictsKnown\":true").contains("\"threads\":3");

        RunResult r = awaitOutsideResult(300);
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.verdicts().intact() + r.verdicts().torn()).isEqualTo(300);
        assertOnlyCoincidencesUnattributed(r.unattributedBytes(), r.verdicts().torn(), r.torn(), r.problems());
        assertThat(r.report().orElseThrow().sanitizedDescription()).startsWith("Python");
        assertThat(fx(window::lastSnapshot).partialSends()).as("sendall hides its send calls")
                .isEqualTo(PartialSendSource.NOT_MEASURED);
        // Per thread: the client's own count, the frames' thread indexes, and the views agree.
        assertThat(fx(window::lastSnapshot).sender().threads()).extracting(ThreadSnapshot::packets)
                .containsExactlyElementsOf(perThreadPackets(json));
        assertThat(window.bannerText()).startsWith(r.report().get().sanitizedDescription() + ": ")
                .contains(r.verdictText());
    }

    private static boolean pythonWorks() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; sys.exit(sys.version_info < (3, 8))")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The "packets" of each entry of the JSON line's "perThread" list, in order. */
    private static List<Long> perThreadPackets(String json) {
        int from = json.indexOf("\"perThread\":[");
        String list = json.substring(from, json.indexOf(']', from));
        Matcher m = Pattern.compile("\"packets\":(\\d+)").matcher(list);
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
