package dev.interleave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.telemetry.ThreadSnapshot;
import dev.interleave.ui.charts.FxThread;
import dev.interleave.verify.VerdictCounts;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The words the window shows, from a snapshot or a notice, without a run. */
class StatusPresenterTest {

    @BeforeAll
    static void fx() {
        QuietJavaFx.install();
        FxThread.start();
    }

    private static LabModel running(RunConfig c) {
        RunSession session = new RunSession(Runnable::run, Runnable::run);
        LabExports exports = new LabExports(() -> null, new LabPrefs(Preferences.userRoot().node("dev/interleave-test-status")),
                Runnable::run, n -> { });
        LabModel m = new LabModel(c, session, exports);
        m.starting(c);
        m.stateChanged(RunState.STARTING);
        m.stateChanged(RunState.RUNNING);
        return m;
    }

    @Test
    void aPacketTheVerifierDecidedCountsAsSentSoNoFigureContradictsAnother() throws Exception {
        RunConfig c = RunConfig.defaults().withPackets(2_000);
        // The sender's counter is read a moment before the verifier's: 1,996 sent, 1,998 decided intact.
        RunSnapshot s = new RunSnapshot(RunPhase.SENDING, 1_000_000_000L,
                new TelemetrySnapshot(1_000_000_000L, List.of(new ThreadSnapshot(0, 1_996, 1_996_000, 1_996, 0, 0, 0, 0, 0))),
                new VerdictCounts(0, 1_998, 0, 0, 0), 0, 0, 2_000, 1_024);
        FxThread.run(() -> {
            LabModel m = running(c);
            Label banner = new Label();
            StatusPresenter p = new StatusPresenter(m, banner, () -> null, () -> Theme.LIGHT);
            p.showProgress(s);
            assertThat(banner.getText()).contains("1,998 of 2,000 sent, 1,998 intact");
            assertThat(p.bar().getText()).contains("1,998 of 2,000 sent · 1,998 checked");
        });
    }

    @Test
    void theEndOfRunPopUpIsDarkInTheDarkTheme() throws Exception {
        // (Headless, every window has the focus, so the pop-up itself never shows in a test: its builder does.)
        FxThread.run(() -> {
            assertThat(EndOfRunPopup.notification(dev.interleave.run.RunVerdict.TORN, "3 of 10 packets torn", null, Theme.DARK).getStyleClass())
                    .contains("dark");
            assertThat(EndOfRunPopup.notification(dev.interleave.run.RunVerdict.INTACT, "0 torn", null, Theme.LIGHT).getStyleClass())
                    .doesNotContain("dark");
        });
    }

    @Test
    void aSavedFileIsNamedByItsWholePathWhichCanBeCopied() throws Exception {
        Path file = Path.of("some", "folder", "report.csv");
        FxThread.run(() -> {
            LabModel m = running(RunConfig.defaults());
            StatusPresenter p = new StatusPresenter(m, new Label(), () -> null, () -> Theme.LIGHT);
            Stage stage = new Stage();
            stage.setScene(new Scene(new VBox(p.bar()), 900, 40));
            stage.show();
            try {
                p.notice(Notice.done("Report saved: " + file.toAbsolutePath(), file));
                assertThat(p.bar().getText()).isEqualTo("Report saved: " + file.toAbsolutePath());
                Hyperlink copy = (Hyperlink) p.bar().lookup("#copyPathLink");
                assertThat(copy.isVisible()).isTrue();
                copy.fire();
                assertThat(Clipboard.getSystemClipboard().getString()).isEqualTo(file.toAbsolutePath().toString());
                // A new run's words replace it, and the link goes.
                p.starting(RunConfig.defaults());
                assertThat(copy.isVisible()).isFalse();
            } finally {
                stage.close();
            }
        });
    }
}
