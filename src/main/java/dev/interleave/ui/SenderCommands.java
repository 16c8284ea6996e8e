package dev.interleave.ui;

import dev.interleave.run.ListenAddress;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Above the views while an outside sender is the target: the command line of each reference client
 * and of {@code interleave send}, pointed at where the window listens, with the knobs' threads, packets
 * and size ({@link SenderCommandLines}); each in a field to select from and with a Copy button. Open
 * while the window waits for a sender; folded when a sender's run starts, so the views get the room
 * (a click opens it again). FX thread.
 */
final class SenderCommands extends TitledPane {
    static final String STYLE_CLASS = "sender-commands";

    private final LabModel model;
    private final Path project;
    private final String launcher;
    private final Label note = new Label();
    private final GridPane rows = new GridPane();
    private List<SenderCommandLines.Command> shown = List.of();

    SenderCommands(LabModel model) {
        super("Start a sender", null);
        this.model = model;
        String home = System.getProperty("interleave.home");
        this.project = SenderCommandLines.projectDir(System.getProperty("user.dir"), home);
        this.launcher = SenderCommandLines.launcher(project, home);
        setId("senderCommands");
        getStyleClass().add(STYLE_CLASS);
        setAnimated(false);
        note.setWrapText(true);
        note.getStyleClass().add(StyleClasses.HINT);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        rows.setHgap(6);
        rows.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints lines = new ColumnConstraints();
        lines.setHgrow(Priority.ALWAYS);
        lines.setMinWidth(120);
        rows.getColumnConstraints().addAll(names, lines, new ColumnConstraints());
        // A low window keeps the views their room (LabViews bounds this pane's height): the lines scroll.
        VBox content = new VBox(4, note, rows);
        content.setPadding(new javafx.geometry.Insets(2, 8, 4, 8));
        ScrollPane scroll = ScrollPanes.uncached(new ScrollPane(content));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setId("senderCommandsScroll");
        setContent(scroll);

        visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.targetChoiceProperty().get().listens(), model.targetChoiceProperty()));
        managedProperty().bind(visibleProperty());
        model.configProperty().addListener(o -> refresh());
        model.listenAddressProperty().addListener(o -> refresh());
        model.listeningAtProperty().addListener((o, was, now) -> {
            refresh();
            if (!now.isEmpty() && !model.stateProperty().get().busy()) {
                setExpanded(true); // waiting for a sender: here is how to start one
            }
        });
        model.stateProperty().addListener((o, was, now) -> {
            if (now == RunState.RUNNING && model.runConfig() != null && model.runConfig().isOutsideSender()) {
                setExpanded(false); // a sender came: the views need the room
            }
        });
        refresh();
    }

    /** Rebuilds the lines (only when they changed: a field keeps its selection otherwise). */
    private void refresh() {
        String where = model.listeningAtProperty().get();
        ListenAddress at;
        try {
            at = where.isEmpty() ? model.listenAddressProperty().get() : ListenAddress.parse(where);
        } catch (IllegalArgumentException e) {
            at = model.listenAddressProperty().get();
        }
        String host = SenderCommandLines.connectHost(at.host());
        List<SenderCommandLines.Command> commands = SenderCommandLines.of(host, at.port(), model.config(), launcher);
        note.setText((project == null ? "In a shell in the project's folder (where clients/ is)" : "In " + project)
                + ", with each client's toolchain (clients/README.md)"
                + (where.isEmpty() ? "; press Listen first" + (at.port() == 0 ? " (PORT: the port it gets)" : "")
                : host.equals(at.host()) ? "" : "; from another machine use this machine's address")
                + ". Threads, packets and size come from the knobs.");
        if (commands.equals(shown)) {
            return;
        }
        shown = commands;
        rows.getChildren().clear();
        for (int i = 0; i < commands.size(); i++) {
            SenderCommandLines.Command c = commands.get(i);
            Label name = new Label(c.name());
            TextField line = new TextField(c.line());
            line.setEditable(false);
            showRunPart(line, SenderCommandLines.runStart(c.line()));
            line.setId("command-" + c.id());
            line.getStyleClass().add("command-line");
            Tips.tip(line, c.line());
            Button copy = Tips.tip(new Button("Copy"), "Copy this command to the clipboard");
            copy.setId("copy-" + c.id());
            copy.setOnAction(e -> copy(c, copy));
            GridPane.setHalignment(name, javafx.geometry.HPos.LEFT);
            rows.addRow(i, name, line, copy);
            GridPane.setValignment(name, javafx.geometry.VPos.CENTER);
        }
        rows.setAlignment(Pos.CENTER_LEFT);
    }

    /**
     * A field narrower than its line shows the part that runs the sender (the window's host and port, the
     * knobs), not the build step before it: the caret goes to the end, then back to where that part
     * begins, and the field scrolls to keep it in view. Its skin scrolls only once it has a width.
     */
    private static void showRunPart(TextField f, int start) {
        f.widthProperty().addListener((o, was, now) -> {
            if (now.doubleValue() > 0 && !f.isFocused()) {
                f.positionCaret(f.getLength());
                f.positionCaret(start);
            }
        });
    }

    private static void copy(SenderCommandLines.Command c, Button button) {
        ClipboardContent content = new ClipboardContent();
        content.putString(c.line());
        Clipboard.getSystemClipboard().setContent(content);
        button.setText("Copied");
        PauseTransition back = new PauseTransition(Duration.seconds(1.5));
        back.setOnFinished(e -> button.setText("Copy"));
        back.play();
    }

    /** The commands shown now, for tests. */
    List<SenderCommandLines.Command> commands() {
        return shown;
    }
}
