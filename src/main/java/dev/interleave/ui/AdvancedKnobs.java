package dev.interleave.ui;

import dev.interleave.run.Knob;
import dev.interleave.run.Target;
import dev.interleave.run.ListenAddress;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;

/**
 * The knobs most runs leave alone, folded under "Advanced": the sending socket's buffer and
 * TCP_NODELAY, the verifier's receive buffer and read throttle (to provoke back-pressure), and where
 * the verifier is (one radio button per {@link TargetChoice}, bound to the model's choice), with the
 * address of an 'interleave serve', or the address and port to listen on for an outside sender. While
 * the window listens the choice stays as it is (Stop listening first). FX thread.
 */
final class AdvancedKnobs extends TitledPane {
    final ValidatedField<Integer> sendBuffer;
    final ValidatedField<Integer> receiveBuffer;
    final ValidatedField<Double> throttle;
    /** The verifier's address, for the targets that need one. */
    final ValidatedField<Target> address;
    /** An address of this machine to listen on for an outside sender. */
    final ValidatedField<String> listenHost;
    /** The port to listen on ({@link Knob#LISTEN_PORT}). */
    final ValidatedField<Integer> listenPort;
    final CheckBox noDelay = Tips.tip(new CheckBox("TCP_NODELAY"), "Turn off Nagle's algorithm on the sending socket(s)");
    private final ObjectProperty<TargetChoice> choice;

    /**
     * @param locked while true the target cannot change (the window listens for an outside sender)
     */
    AdvancedKnobs(ValidationSupport validation, ObjectProperty<TargetChoice> choice,
                  javafx.beans.value.ObservableBooleanValue locked) {
        super("Advanced", null);
        this.choice = choice;
        setId("advancedPane");
        setExpanded(false);
        setAnimated(false);

        TextField sendBufferField = field("sendBufferField", "OS default",
                "The sending socket's buffer (empty or 0 = the OS default). A tiny buffer (4 KiB) makes a run crawl.");
        TextField receiveBufferField = field("receiveBufferField", "OS default",
                "The in-process verifier's receive buffer (empty or 0 = the OS default)");
        TextField throttleField = field("throttleField", "no limit",
                "The in-process verifier reads at most this many MB/s, to push back on the senders (empty or 0 = no limit)");
        TextField targetField = field("targetField", "host:port",
                "host:port of an 'interleave serve' (the port defaults to 11200)");
        TextField listenHostField = field("listenHostField", ListenAddress.DEFAULT_HOST,
                "An address of this machine to listen on: 127.0.0.1 lets only this machine's programs connect, 0.0.0.0"
                        + " every interface");
        TextField listenPortField = field("listenPortField", String.valueOf(ListenAddress.DEFAULT_PORT),
                "The port to listen on (0 = any free port, shown once listening)");
        listenPortField.setPrefColumnCount(5);
        listenPortField.setMinWidth(64);
        noDelay.setId("noDelayBox");
        sendBuffer = new ValidatedField<>("SO_SNDBUF", sendBufferField, validation,
                t -> Inputs.socketBuffer(t, Knob.SEND_BUFFER), v -> v == 0 ? "" : Sizes.group(v), 0);
        receiveBuffer = new ValidatedField<>("SO_RCVBUF", receiveBufferField, validation,
                t -> Inputs.socketBuffer(t, Knob.RECEIVE_BUFFER), v -> v == 0 ? "" : Sizes.group(v), 0);
        throttle = new ValidatedField<>("read throttle", throttleField, validation, Inputs::throttle,
                v -> v == 0 ? "" : stripZeros(v), 0.0);
        address = new ValidatedField<>("verifier", targetField, validation, Inputs::remote,
                t -> t.isInProcess() ? "" : t.toString(), Target.inProcess(), () -> choice.get().needsAddress());
        listenHost = new ValidatedField<>("listen address", listenHostField, validation, Inputs::listenHost,
                h -> h, ListenAddress.DEFAULT_HOST, () -> choice.get().listens());
        listenPort = new ValidatedField<>("listen port", listenPortField, validation, Inputs::listenPort,
                String::valueOf, ListenAddress.DEFAULT_PORT, () -> choice.get().listens());

        ToggleGroup group = new ToggleGroup();
        VBox targets = new VBox(4);
        for (TargetChoice c : TargetChoice.values()) {
            RadioButton r = Tips.tip(new RadioButton(c.label()), c.tooltip());
            r.setId(switch (c) {
                case IN_PROCESS -> "inProcessRadio";
                case REMOTE -> "remoteRadio";
                case OUTSIDE -> "outsideRadio";
            });
            r.setUserData(c);
            r.setToggleGroup(group);
            r.setSelected(choice.get() == c);
            r.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(locked::get, locked));
            targets.getChildren().add(r);
            if (c == TargetChoice.REMOTE) {
                targets.getChildren().add(targetField);
            }
        }
        Label colon = new Label(":");
        HBox listenAt = new HBox(3, listenHostField, colon, listenPortField);
        listenAt.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(listenHostField, Priority.ALWAYS);
        targets.getChildren().add(listenAt);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                choice.set((TargetChoice) now.getUserData());
            }
        });
        choice.addListener((o, was, now) -> {
            group.getToggles().stream().filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true));
            targetField.setDisable(!now.needsAddress());
            listenAt.setDisable(!now.listens() || locked.get());
            address.revalidate();
            listenHost.revalidate();
            listenPort.revalidate();
            validation.revalidate(targetField);
            validation.revalidate(listenHostField);
            validation.revalidate(listenPortField);
        });
        locked.addListener((o, was, now) -> listenAt.setDisable(!choice.get().listens() || now));
        targetField.setDisable(!choice.get().needsAddress());
        listenAt.setDisable(!choice.get().listens());

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(90);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(keys, values);
        grid.addRow(0, new Label("SO_SNDBUF"), sendBufferField);
        grid.add(noDelay, 0, 1, 2, 1);
        grid.addRow(2, wrapped("Verifier SO_RCVBUF"), receiveBufferField);
        grid.addRow(3, wrapped("Read throttle MB/s"), throttleField);
        grid.addRow(4, new Label("Verifier"), targets);
        setContent(grid);
    }

    /** Whether any of these knobs is away from its default (then the pane opens, so it shows). */
    boolean anySet() {
        return sendBuffer.get() != 0 || receiveBuffer.get() != 0 || throttle.get() != 0
                || choice.get() != TargetChoice.IN_PROCESS;
    }

    private static TextField field(String id, String prompt, String tooltip) {
        TextField f = Tips.tip(new TextField(), tooltip);
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    private static String stripZeros(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
