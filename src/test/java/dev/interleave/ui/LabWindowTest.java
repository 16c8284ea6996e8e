package dev.interleave.ui;

import static dev.interleave.ui.LabWindowFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's knobs, driven like a person would: no run needed. */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    static {
        LabWindowFixture.useJavaFxHeadless();
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetPrefs() {
        LabWindowFixture.forgetPrefs();
    }

    private LabWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = LabWindowFixture.open(stage);
    }

    @Test
    void titleStartsWithInterleave() {
        assertThat(stage.getTitle()).startsWith("Interleave");
    }

    @Test
    void threadSliderMovesWithTheKeyboardAndTheFieldFollows(FxRobot robot) {
        Slider slider = robot.lookup("#threadsSlider").queryAs(Slider.class);
        robot.clickOn(slider.lookup(".thumb")); // a click on the thumb gives the slider the focus
        robot.type(KeyCode.HOME);
        assertThat(slider.getValue()).isEqualTo(1);
        robot.type(KeyCode.RIGHT, 3);
        assertThat(robot.lookup("#threadsField").queryAs(TextField.class).getText()).isEqualTo("4");
        assertThat(robot.lookup("#threadsValue").queryAs(Label.class).getText()).isEqualTo("4");
        assertThat(window.model().config().threads()).isEqualTo(4);

        // and the other way: typing moves the slider
        TextField field = robot.lookup("#threadsField").queryAs(TextField.class);
        robot.doubleClickOn(field).eraseText(3).write("123");
        assertThat(slider.getValue()).isEqualTo(123);
        assertThat(window.model().config().threads()).isEqualTo(123);
    }

    @Test
    void threadSliderDragChangesTheShownValue(FxRobot robot) {
        Slider slider = robot.lookup("#threadsSlider").queryAs(Slider.class);
        robot.clickOn(slider.lookup(".thumb")); // a click on the thumb gives the slider the focus
        robot.type(KeyCode.HOME);
        robot.drag(slider.lookup(".thumb")).moveBy(60, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        int v = window.model().config().threads();
        assertThat(v).isGreaterThan(1);
        assertThat(robot.lookup("#threadsValue").queryAs(Label.class).getText()).isEqualTo(String.valueOf(v));
    }

    @Test
    void sizeSliderSnapsToRoundValuesOnALogScale(FxRobot robot) {
        Slider slider = robot.lookup("#sizeSlider").queryAs(Slider.class);
        robot.clickOn(slider.lookup(".thumb")); // a click on the thumb gives the slider the focus
        robot.type(KeyCode.HOME);
        assertThat(window.model().config().payloadSize()).isZero();
        robot.type(KeyCode.RIGHT, Sizes.indexOf(100_000));
        assertThat(window.model().config().payloadSize()).isEqualTo(100_000);
        assertThat(robot.lookup("#sizeField").queryAs(TextField.class).getText()).isEqualTo("100,000");
        assertThat(robot.lookup("#sizeValue").queryAs(Label.class).getText()).isEqualTo("100 KB (100,000 B)");
        robot.type(KeyCode.END);
        assertThat(window.model().config().payloadSize()).isEqualTo(64 << 20);
        assertThat(robot.lookup("#sizeValue").queryAs(Label.class).getText()).startsWith("64 MiB");

        // a drag lands on a round value too
        robot.drag(slider.lookup(".thumb")).moveBy(-90, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        long size = window.model().config().payloadSize();
        assertThat(size).isLessThan(64 << 20);
        assertThat(Sizes.STEPS).contains(size);
    }

    @Test
    void exactSizesCanBeTyped(FxRobot robot) {
        TextField field = robot.lookup("#sizeField").queryAs(TextField.class);
        Slider slider = robot.lookup("#sizeSlider").queryAs(Slider.class);
        fx(robot, () -> field.setText(""));
        robot.clickOn(field).write("64MiB");
        assertThat(window.model().config().payloadSize()).isEqualTo(64 << 20);
        assertThat(slider.getValue()).isEqualTo(Sizes.maxIndex());
        fx(robot, () -> field.setText(""));
        robot.clickOn(field).write("12345");
        assertThat(window.model().config().payloadSize()).isEqualTo(12_345);
        assertThat(field.getText()).isEqualTo("12345"); // not snapped: typed values are exact
        assertThat(robot.lookup("#sizeValue").queryAs(Label.class).getText()).isEqualTo("12,345 B");
    }

    /** What ControlsFX's validation says about a field now ("" when nothing). */
    private String validationMessage(TextField field) {
        return fx(() -> window.knobs().validation().getHighestMessage(field)
                .map(org.controlsfx.validation.ValidationMessage::getText).orElse(""));
    }

    @Test
    void badInputShowsAnErrorAndBlocksRunWithAReason(FxRobot robot) {
        TextField threads = robot.lookup("#threadsField").queryAs(TextField.class);
        Button run = robot.lookup("#runButton").queryAs(Button.class);
        Label blocked = robot.lookup("#panelBlocked").queryAs(Label.class);
        assertThat(run.isDisabled()).isFalse();
        assertThat(blocked.isVisible()).isFalse();
        assertThat(validationMessage(threads)).isEmpty();

        fx(robot, () -> threads.setText(""));
        robot.clickOn(threads).write("abc");
        assertThat(validationMessage(threads)).contains("'abc' is not a whole number");
        assertThat(threads.getPseudoClassStates()).contains(StyleClasses.ERROR);
        assertThat(run.isDisabled()).isTrue();
        assertThat(blocked.isVisible()).isTrue();
        assertThat(blocked.getText()).contains("threads").contains("abc");
        assertThat(robot.lookup("#toolbarBlocked").queryAs(Label.class).getText())
                .isEqualTo("Can't run: 1 problem, listed under the knobs"); // short: the toolbar must not overflow
        assertThat(threads.getText()).isEqualTo("abc"); // nothing lost

        fx(robot, () -> threads.setText(""));
        robot.clickOn(threads).write("300");
        assertThat(validationMessage(threads)).contains("300 is above the maximum: threads are 1 to 256");
        assertThat(run.isDisabled()).isTrue();

        fx(robot, () -> threads.setText(""));
        robot.clickOn(threads).write("8");
        assertThat(validationMessage(threads)).isEmpty();
        assertThat(blocked.isVisible()).isFalse();
        assertThat(run.isDisabled()).isFalse();

        TextField size = robot.lookup("#sizeField").queryAs(TextField.class);
        fx(robot, () -> size.setText(""));
        robot.clickOn(size).write("65 MiB");
        assertThat(validationMessage(size)).contains("64 MiB");
        assertThat(run.isDisabled()).isTrue();
        assertThat(window.model().config().payloadSize()).isNotEqualTo(64 << 20); // not clamped
    }

    @Test
    void aNegativeNumberIsBelowTheMinimumWithTheRangeNotANonNumber(FxRobot robot) {
        for (String id : new String[] {"#threadsField", "#sizeField", "#packetsField"}) {
            TextField field = robot.lookup(id).queryAs(TextField.class);
            fx(robot, () -> field.setText(""));
            robot.clickOn(field).write("-5");
            assertThat(validationMessage(field)).as(id).contains("below the minimum").doesNotContain("not a");
            fx(robot, () -> field.setText("10"));
        }
        TextField packets = robot.lookup("#packetsField").queryAs(TextField.class);
        fx(robot, () -> packets.setText("-5"));
        assertThat(validationMessage(packets)).contains("-5 is below the minimum: packets are 1 to 4,294,967,295");
    }

    @Test
    void anInvalidSizeLeavesNoStaleValueBehind(FxRobot robot) {
        TextField size = robot.lookup("#sizeField").queryAs(TextField.class);
        Label value = robot.lookup("#sizeValue").queryAs(Label.class);
        fx(robot, () -> size.setText(""));
        robot.clickOn(size).write("999999999999"); // passes through 9,999,999 B (valid) on the way
        assertThat(validationMessage(size)).contains("above the maximum: payload sizes are 0 B to 64 MiB");
        assertThat(value.getText()).doesNotContain("9,999,999").isEqualTo("invalid");
        assertThat(value.getPseudoClassStates()).contains(StyleClasses.ERROR);
        // a good value again shows it
        fx(robot, () -> size.setText("100 KB"));
        assertThat(value.getText()).isEqualTo("100 KB (100,000 B)");
    }

    @Test
    void anErrorMovesNoFieldBelowIt(FxRobot robot) {
        TextField threads = robot.lookup("#threadsField").queryAs(TextField.class);
        TextField size = robot.lookup("#sizeField").queryAs(TextField.class);
        TextField packets = robot.lookup("#packetsField").queryAs(TextField.class);
        double sizeY = fx(() -> size.localToScene(0, 0).getY());
        double packetsY = fx(() -> packets.localToScene(0, 0).getY());
        fx(robot, () -> threads.setText(""));
        robot.clickOn(threads).write("abc");
        assertThat(window.model().canRunProperty().get()).isFalse();
        assertThat(fx(() -> size.localToScene(0, 0).getY())).isEqualTo(sizeY);
        assertThat(fx(() -> packets.localToScene(0, 0).getY())).isEqualTo(packetsY);
        // and the next click lands on the field that was there
        robot.clickOn(size);
        assertThat(size.isFocused()).isTrue();
    }

    @Test
    void articlePresetSetsTheArticlesKnobs(FxRobot robot) {
        robot.clickOn("#articleButton");
        RunConfig c = window.model().config();
        assertThat(c.threads()).isEqualTo(20);
        assertThat(c.packets()).isEqualTo(10_000);
        assertThat(c.payloadSize()).isEqualTo(100_000);
        assertThat(c.strategy()).isEqualTo("native");
        assertThat(c.lock()).isFalse();
        assertThat(robot.lookup("#threadsValue").queryAs(Label.class).getText()).isEqualTo("20");
        assertThat(robot.lookup("#packetsField").queryAs(TextField.class).getText()).isEqualTo("10,000");
    }

    @Test
    void settingsAreRememberedAndThemesSwitch(FxRobot robot) {
        TextField packets = robot.lookup("#packetsField").queryAs(TextField.class);
        fx(robot, () -> packets.setText("777"));
        Preferences node = Preferences.userRoot().node(LabWindowFixture.PREFS_NODE);
        assertThat(node.getLong("packets", 0)).isEqualTo(777);
        assertThat(new LabPrefs(node).config(RunConfig.defaults()).packets()).isEqualTo(777);

        var root = robot.lookup("#labRoot").query();
        assertThat(root.getStyleClass()).contains("theme-light");
        robot.clickOn("#themeButton");
        assertThat(root.getStyleClass()).contains("theme-dark").doesNotContain("theme-light");
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("theme-dark.css"));
        assertThat(node.get("theme", "")).isEqualTo("DARK");
    }

    @Test
    void everyKnobHasATooltip(FxRobot robot) {
        for (String id : new String[] {"#threadsSlider", "#threadsField", "#sizeSlider", "#sizeField",
                "#packetsField", "#strategyBox", "#lockSwitch", "#sendBufferField", "#noDelayBox",
                "#receiveBufferField", "#throttleField", "#inProcessRadio", "#remoteRadio", "#targetField",
                "#runButton", "#stopButton", "#exportButton", "#pngButton", "#articleButton", "#themeButton"}) {
            javafx.scene.control.Control c = robot.lookup(id).queryAs(javafx.scene.control.Control.class);
            assertThat(c.getTooltip()).as(id).isNotNull();
            assertThat(c.getTooltip().getText()).as(id).isNotBlank();
        }
    }

    @Test
    void strategiesShowTheirReason(FxRobot robot) {
        var box = robot.lookup("#strategyBox").<dev.interleave.send.SendStrategy>queryComboBox();
        assertThat(box.getItems()).extracting(dev.interleave.send.SendStrategy::name)
                .contains("native", "socket-stream", "channel", "channel-nonblocking");
        fx(robot, () -> box.setValue(dev.interleave.send.Strategies.byName("socket-stream").orElseThrow()));
        assertThat(robot.lookup("#strategyReason").queryAs(Label.class).getText()).isNotBlank();
        assertThat(window.model().config().strategy()).isEqualTo("socket-stream");
    }

    @Test
    void f3TogglesThePerformanceOverlay(FxRobot robot) throws Exception {
        Label overlay = robot.lookup("#perfOverlay").queryAs(Label.class);
        assertThat(overlay.isVisible()).isFalse();
        robot.clickOn("#verdictBanner").type(KeyCode.F3);
        assertThat(overlay.isVisible()).isTrue();
        LabWindowFixture.await(5, () -> window.perf().framesPerSecond() > 0);
        LabWindowFixture.await(5, () -> overlay.getText().contains("fps"));
        assertThat(window.perf().heapMax()).isPositive();
        robot.type(KeyCode.F3);
        assertThat(overlay.isVisible()).isFalse();
    }
}
