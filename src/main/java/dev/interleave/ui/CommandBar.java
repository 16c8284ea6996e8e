package dev.interleave.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The menus and the toolbar: every entry calls a command of the model (run, stop, a preset) or of the
 * window (what needs a dialog or the views: export, pictures, quit), and is enabled as the model says.
 * FX thread.
 */
final class CommandBar extends VBox {

    /** What the window does for entries that need a dialog or the views. */
    record WindowCommands(Runnable exportCsv, Runnable savePng, Runnable saveEachPng, Runnable quit) {
    }

    /**
     * @param theme   the theme shown (the menu's check and the toolbar's toggle follow and set it)
     * @param overlay whether the F3 overlay of frame figures shows
     * @param views   the switch between top-level views (shown once there are two)
     */
    CommandBar(LabModel model, WindowCommands window, ObjectProperty<Theme> theme, BooleanProperty overlay, Node views) {
        BooleanExpression cannotRun = model.canRunProperty().not();
        BooleanExpression idle = model.busyProperty().not();
        BooleanExpression noResult = model.resultProperty().isNull().or(model.busyProperty());
        BooleanExpression noRun = model.runConfigProperty().isNull();

        MenuItem exportItem = item("exportItem", "Export CSV…", window.exportCsv(), "Shortcut+E", noResult);
        MenuItem pngItem = item("pngItem", "Save PNG of the views…", window.savePng(), null, noRun);
        MenuItem pngEachItem = item("pngEachItem", "Save each view as PNG…", window.saveEachPng(), null, noRun);
        MenuItem quit = item("quitItem", "Quit", window.quit(), "Shortcut+Q", null);
        MenuItem runItem = item("runItem", "Run", model::startRun, "Shortcut+R", cannotRun);
        // With an outside sender as the target the primary command listens, or stops listening.
        runItem.textProperty().bind(Bindings.createStringBinding(() -> model.primaryTextProperty().get().substring(2),
                model.primaryTextProperty()));
        MenuItem listenItem = item("listenItem", "Listen for an outside sender (your program, a reference client)",
                model::listenForOutsideSender, null, model.listeningProperty().or(model.busyProperty()));
        MenuItem stopItem = item("stopItem", "Stop (Esc)", model::stopRun, null, idle);
        MenuItem articleItem = item("articleItem", "Preset: the article (20 threads, 10,000 × 100,000 B, native)",
                () -> model.applyPreset("article"), null, null);
        MenuItem quickItem = item("quickItem", "Preset: a quick first run", () -> model.applyPreset("defaults"), null, null);
        CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
        darkItem.setId("darkItem");
        CheckMenuItem perfItem = new CheckMenuItem("Performance overlay (F3)");
        perfItem.setId("perfItem");
        perfItem.selectedProperty().bindBidirectional(overlay);
        MenuBar menus = new MenuBar(
                new Menu("_File", null, exportItem, pngItem, pngEachItem, new SeparatorMenuItem(), quit),
                new Menu("_Run", null, runItem, stopItem, new SeparatorMenuItem(), listenItem, new SeparatorMenuItem(),
                        articleItem, quickItem),
                new Menu("_View", null, darkItem, perfItem));
        menus.setId("menuBar");

        Button runButton = button("runButton", "▶ Run", "Start a run with these settings (Ctrl+R)", model::startRun, cannotRun);
        runButton.getStyleClass().add(StyleClasses.RUN_BUTTON);
        runButton.textProperty().bind(model.primaryTextProperty());
        runButton.getTooltip().textProperty().bind(Bindings.createStringBinding(() -> switch (model.primaryTextProperty().get()) {
            case LabModel.LISTEN_TEXT -> "Listen for an outside sender at the address under Advanced; each sender that"
                    + " connects is the next run (Ctrl+R)";
            case LabModel.STOP_LISTENING_TEXT -> "Stop listening: the port is let go; a sender's run going on stops,"
                    + " and what it found stays (Ctrl+R)";
            default -> "Start a run with these settings (Ctrl+R)";
        }, model.primaryTextProperty()));
        Button stopButton = button("stopButton", "■ Stop",
                "Stop the run within a second; what it found so far can be exported (Esc)", model::stopRun, idle);
        stopButton.getStyleClass().add(StyleClasses.STOP_BUTTON);
        Button exportButton = button("exportButton", "Export CSV…", "Save the run's report as CSV (Ctrl+E)",
                window.exportCsv(), noResult);
        Button pngButton = button("pngButton", "Save PNG…", "Save a picture of the grid and the charts",
                window.savePng(), noRun);
        Button articleButton = button("articleButton", "The article",
                "The article's experiment: 20 threads, 10,000 packets of 100,000 B, libc send()",
                () -> model.applyPreset("article"), null);
        ToggleButton themeButton = Tips.tip(new ToggleButton(), "Switch between the light and the dark theme");
        themeButton.setId("themeButton");
        // The menu's check, the toggle and the theme move together; the toggle names the theme it switches to.
        theme.addListener((o, was, now) -> showTheme(now, darkItem, themeButton));
        showTheme(theme.get(), darkItem, themeButton);
        darkItem.setOnAction(e -> theme.set(darkItem.isSelected() ? Theme.DARK : Theme.LIGHT));
        themeButton.setOnAction(e -> theme.set(theme.get().other()));

        Label blocked = new Label();
        blocked.setId("toolbarBlocked");
        blocked.getStyleClass().add(StyleClasses.RUN_BLOCKED);
        // Short, so the toolbar never overflows: the whole reasons are listed under the knobs (and in its tooltip).
        blocked.textProperty().bind(Bindings.createStringBinding(() -> model.busyProperty().get()
                || model.blockedReasonProperty().get().isEmpty() ? ""
                        : !model.heldElsewhereProperty().get().isEmpty() ? model.blockedReasonProperty().get()
                        : shortReason(model.problems().size()),
                model.busyProperty(), model.blockedReasonProperty(), model.heldElsewhereProperty()));
        javafx.scene.control.Tooltip why = new javafx.scene.control.Tooltip();
        why.setWrapText(true);
        why.setMaxWidth(420);
        why.textProperty().bind(model.blockedReasonProperty());
        blocked.setTooltip(why);
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ToolBar toolBar = new ToolBar(runButton, stopButton, new Separator(), exportButton, pngButton, new Separator(),
                articleButton, themeButton, views, gap, blocked);
        toolBar.setId("toolBar");
        getChildren().addAll(menus, toolBar);
    }

    /** "Can't run: 2 problems, listed under the knobs". */
    static String shortReason(int problems) {
        return "Can't run: " + (problems == 1 ? "1 problem" : problems + " problems") + ", listed under the knobs";
    }

    private static void showTheme(Theme t, CheckMenuItem darkItem, ToggleButton themeButton) {
        darkItem.setSelected(t == Theme.DARK);
        themeButton.setSelected(t == Theme.DARK);
        themeButton.setText(t == Theme.DARK ? "Light" : "Dark");
    }

    private static MenuItem item(String id, String text, Runnable action, String keys, BooleanExpression disabled) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        if (keys != null) {
            m.setAccelerator(KeyCombination.keyCombination(keys));
        }
        if (disabled != null) {
            m.disableProperty().bind(disabled);
        }
        return m;
    }

    private static Button button(String id, String text, String tooltip, Runnable action, BooleanExpression disabled) {
        Button b = Tips.tip(new Button(text), tooltip);
        b.setId(id);
        b.setOnAction(e -> action.run());
        if (disabled != null) {
            b.disableProperty().bind(disabled);
        }
        return b;
    }
}
