package dev.interleave.ui;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.Strategies;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.validation.ValidationSupport;

/**
 * The control panel: the knobs of a run (threads and packet size, each a slider and a field bound
 * both ways; packets; how the threads write; the lock; the {@link AdvancedKnobs}). It reports the
 * config they describe, and what is wrong with them, to the model as they change, and shows a config
 * the model applies (a preset). Problems show on each field (ControlsFX validation) and, all of them,
 * in one line pinned under the knobs, where it moves none of them. FX thread.
 */
final class KnobsPanel extends BorderPane {
    static final String STYLE_CLASS = StyleClasses.CONTROL_PANEL;

    private final LabModel model;
    private final ValidationSupport validation = new ValidationSupport();
    private final Slider threadsSlider = new Slider(RunConfig.MIN_THREADS, RunConfig.MAX_THREADS, 20);
    private final Label threadsValue = valueLabel("threadsValue");
    private final Slider sizeSlider = new Slider(0, Sizes.maxIndex(), 0);
    private final Label sizeValue = valueLabel("sizeValue");
    private final ComboBox<SendStrategy> strategyBox = new ComboBox<>();
    private final Label strategyReason = new Label();
    private final ToggleSwitch lockSwitch = new ToggleSwitch("Hold a lock around each packet");
    private final ValidatedField<Integer> threads;
    private final ValidatedField<Integer> size;
    private final ValidatedField<Long> packets;
    private final AdvancedKnobs advanced;
    /** A slider and its field are being set from each other (each must not answer the other's change). */
    private boolean syncing;
    /** A whole config is being shown: report it once, at the end, not once per knob. */
    private boolean applying;

    KnobsPanel(LabModel model) {
        this.model = model;
        getStyleClass().add("knobs");
        RunConfig c = model.config();
        threads = new ValidatedField<>("threads", textField("threadsField", "1-256",
                "Type the thread count exactly (1-256)"), validation, Inputs::threads, String::valueOf, c.threads());
        size = new ValidatedField<>("packet size", textField("sizeField", "e.g. 100000, 100 KB, 64 MiB",
                "Type the payload size exactly: 100000, 100 KB, 4 KiB, 64MiB (KB = 1000 B, KiB = 1024 B)"),
                validation, Inputs::payload, v -> Sizes.group(v), c.payloadSize());
        packets = new ValidatedField<>("packets", textField("packetsField", "e.g. 10000 or 10k",
                "How many packets the run sends in all (1 to 4,294,967,295; 10k = 10,000)"),
                validation, Inputs::packets, Sizes::group, c.packets());
        advanced = new AdvancedKnobs(validation, model.targetChoiceProperty(), model.listeningProperty());

        VBox knobs = new VBox(6,
                header("Threads", threadsValue), threadsSlider(), threads.field(),
                header("Packet size", sizeValue), sizeSlider(), size.field(),
                title("Packets"), packets.field(),
                title("How the threads write"), strategyBox(), strategyReason,
                Tips.tip(lockSwitch, "The fix: one application lock held for the whole packet, so sends cannot interleave"),
                advanced);
        knobs.setId("controlPanel");
        knobs.getStyleClass().add(STYLE_CLASS);
        knobs.setPadding(new Insets(10, 12, 12, 12));
        lockSwitch.setId("lockSwitch");
        lockSwitch.setMaxWidth(Double.MAX_VALUE);
        strategyReason.setId("strategyReason");
        strategyReason.getStyleClass().add(StyleClasses.HINT);
        strategyReason.setWrapText(true);
        ScrollPane scroll = ScrollPanes.uncached(new ScrollPane(knobs));
        scroll.setId("controlScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        setBottom(notes());
        setMinWidth(260);
        // Narrow windows give the views the room: 27 % of the window, 290-320 px (below 290 the size
        // slider's last tick label is cut once the Advanced knobs bring a scroll bar).
        sceneProperty().addListener((o, was, scene) -> {
            prefWidthProperty().unbind();
            if (scene != null) {
                prefWidthProperty().bind(Bindings.createDoubleBinding(
                        () -> Math.max(290, Math.min(320, Math.floor(scene.getWidth() * 0.27))), scene.widthProperty()));
            }
        });

        for (ValidatedField<?> f : fields()) {
            f.valueProperty().addListener(o -> knobsChanged());
            f.errorProperty().addListener(o -> knobsChanged());
        }
        lockSwitch.selectedProperty().addListener(o -> knobsChanged());
        advanced.noDelay.selectedProperty().addListener(o -> knobsChanged());
        model.targetChoiceProperty().addListener(o -> knobsChanged());
        model.targetChoiceProperty().addListener((o, was, now) -> {
            if (now.listens()) {
                advanced.setExpanded(true); // where it listens shows, and can be changed
            }
        });
        model.onApply(this::show);
        show(c);
    }

    // ---- the knobs ----

    private Slider threadsSlider() {
        threadsSlider.setId("threadsSlider");
        threadsSlider.setMajorTickUnit(63.75);
        threadsSlider.setMinorTickCount(3);
        threadsSlider.setShowTickMarks(true);
        threadsSlider.setShowTickLabels(true);
        threadsSlider.setBlockIncrement(1);
        Tips.tip(threadsSlider, "How many threads share the one socket and call send() at the same time (1-256)");
        // Ticks fall at 1, 64.75, 128.5, 192.25, 256: label them as the round thread counts they stand for.
        threadsSlider.setLabelFormatter(converter(v -> String.valueOf((int) Math.floor(v + 1e-9))));
        // Slider and field bound both ways; the field may hold a bad value, the slider never.
        threadsSlider.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                sync(() -> threads.set((int) Math.round(now.doubleValue())));
            }
        });
        threads.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                sync(() -> threadsSlider.setValue(now));
            }
        });
        threads.errorProperty().addListener(o -> showValue(threadsValue, threads, String::valueOf));
        threads.valueProperty().addListener(o -> showValue(threadsValue, threads, String::valueOf));
        return threadsSlider;
    }

    /** The packet size's slider: its position is an index into Sizes.STEPS (log scale, round values). */
    private Slider sizeSlider() {
        sizeSlider.setId("sizeSlider");
        sizeSlider.setMajorTickUnit(1);
        sizeSlider.setMinorTickCount(0);
        sizeSlider.setSnapToTicks(true);
        sizeSlider.setShowTickMarks(true);
        sizeSlider.setShowTickLabels(true);
        sizeSlider.setBlockIncrement(1);
        Tips.tip(sizeSlider, "Payload bytes per packet, on a log scale from 0 B to 64 MiB; snaps to round sizes");
        sizeSlider.setLabelFormatter(converter(Sizes::tickLabel));
        sizeSlider.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                long v = Sizes.valueAt(now.doubleValue());
                sync(() -> size.set((int) v));
            }
        });
        size.valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                sync(() -> sizeSlider.setValue(Sizes.indexOf(now)));
            }
        });
        size.errorProperty().addListener(o -> showValue(sizeValue, size, v -> dev.interleave.run.Sizes.formatLong(v)));
        size.valueProperty().addListener(o -> showValue(sizeValue, size, v -> dev.interleave.run.Sizes.formatLong(v)));
        return sizeSlider;
    }

    /**
     * A value label says what the field holds: the value, or, while the text is not a valid value,
     * that it is not (the slider keeps the last good value; the label must not pretend it is the
     * typed one).
     */
    private static <T extends Number> void showValue(Label label, ValidatedField<T> f,
                                                     java.util.function.Function<T, String> text) {
        boolean bad = !f.isValid();
        label.setText(bad ? "invalid" : text.apply(f.get()));
        label.pseudoClassStateChanged(StyleClasses.ERROR, bad);
    }

    private ComboBox<SendStrategy> strategyBox() {
        strategyBox.setId("strategyBox");
        strategyBox.setMaxWidth(Double.MAX_VALUE);
        Tips.tip(strategyBox, "The API each thread calls to send its packet; each shows something different");
        strategyBox.getItems().setAll(Strategies.all());
        strategyBox.setCellFactory(lv -> new StrategyCell());
        strategyBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SendStrategy s) {
                return s == null ? "" : s.name();
            }

            @Override
            public SendStrategy fromString(String s) {
                return Strategies.byName(s).orElse(null);
            }
        });
        strategyBox.valueProperty().addListener((o, was, now) -> {
            strategyReason.setText(now == null ? ""
                    : now.unavailableReason().map(w -> "Not available here: " + w).orElse(now.reason()));
            knobsChanged();
        });
        return strategyBox;
    }

    /** Under the knobs, never inside them: a note during a run, and every reason Run is disabled. */
    private VBox notes() {
        Label nextRunNote = new Label("A run is going on: changes apply to the next run.");
        nextRunNote.setId("nextRunNote");
        nextRunNote.getStyleClass().add(StyleClasses.NEXT_RUN_NOTE);
        nextRunNote.setWrapText(true);
        nextRunNote.visibleProperty().bind(model.changedSinceStartProperty());
        nextRunNote.managedProperty().bind(nextRunNote.visibleProperty());
        Label blocked = new Label();
        blocked.setId("panelBlocked");
        blocked.getStyleClass().add(StyleClasses.RUN_BLOCKED);
        blocked.setWrapText(true);
        // Bound to one model property that is set once per change (see LabModel.knobsBlockedProperty).
        blocked.textProperty().bind(model.knobsBlockedProperty());
        blocked.visibleProperty().bind(model.knobsBlockedProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        VBox notes = new VBox(6, nextRunNote, blocked);
        notes.getStyleClass().addAll(STYLE_CLASS, "knob-notes");
        return notes;
    }

    // ---- knobs to config, and back ----

    private List<ValidatedField<?>> fields() {
        return List.of(threads, size, packets, advanced.sendBuffer, advanced.receiveBuffer, advanced.throttle,
                advanced.address, advanced.listenHost, advanced.listenPort);
    }

    private void sync(Runnable r) {
        syncing = true;
        try {
            r.run();
        } finally {
            syncing = false;
        }
    }

    /** Rebuilds the config from the knobs and tells the model, with what is wrong. */
    private void knobsChanged() {
        if (applying) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> listenProblems = new ArrayList<>();
        for (ValidatedField<?> f : fields()) {
            if (!f.isValid()) {
                (f == advanced.listenHost || f == advanced.listenPort ? listenProblems : problems).add(f.problem());
            }
        }
        SendStrategy s = strategyBox.getValue();
        if (s == null) {
            problems.add("choose how the threads write");
        } else if (s.unavailableReason().isPresent()) {
            problems.add(s.name() + " is not available here: " + s.unavailableReason().get());
        }
        Target target = switch (model.targetChoiceProperty().get()) {
            case IN_PROCESS, OUTSIDE -> Target.inProcess(); // an outside sender's verifier is this process
            case REMOTE -> advanced.address.get();
        };
        model.setConfig(new RunConfig(s == null ? null : s.name(), lockSwitch.isSelected(), threads.get(),
                packets.get(), size.get(), advanced.sendBuffer.get(), advanced.noDelay.isSelected(),
                advanced.receiveBuffer.get(), advanced.throttle.get(), target));
        model.setInputProblems(problems);
        model.setListenAddress(new ListenAddress(advanced.listenHost.get(), advanced.listenPort.get()), listenProblems);
    }

    /** Sets every knob to {@code c}, then reports the config once. */
    private void show(RunConfig c) {
        applying = true;
        try {
            threads.set(c.threads());
            size.set(c.payloadSize());
            packets.set(c.packets());
            strategyBox.setValue(Strategies.byName(c.strategy()).orElse(
                    strategyBox.getItems().isEmpty() ? null : strategyBox.getItems().getFirst()));
            lockSwitch.setSelected(c.lock());
            advanced.sendBuffer.set(c.sendBuffer());
            advanced.noDelay.setSelected(c.tcpNoDelay());
            advanced.receiveBuffer.set(c.receiveBuffer());
            advanced.throttle.set(c.readThrottleMBps());
            boolean remote = c.target() != null && !c.target().isInProcess();
            // A config says nothing of listening: a preset keeps an outside sender chosen (its knobs fill the commands).
            boolean outside = !remote && model.targetChoiceProperty().get() == TargetChoice.OUTSIDE;
            model.targetChoiceProperty().set(remote ? TargetChoice.REMOTE
                    : outside ? TargetChoice.OUTSIDE : TargetChoice.IN_PROCESS);
            if (remote) {
                advanced.address.set(c.target());
            }
            sync(() -> {
                threadsSlider.setValue(threads.get());
                sizeSlider.setValue(Sizes.indexOf(size.get()));
            });
            showValue(threadsValue, threads, String::valueOf);
            showValue(sizeValue, size, v -> dev.interleave.run.Sizes.formatLong(v));
            if (advanced.anySet()) {
                advanced.setExpanded(true);
            }
        } finally {
            applying = false;
        }
        knobsChanged();
    }

    /** The remote verifier's address as typed, when it is one ("" otherwise): remembered between sessions. */
    String remoteAddress() {
        return advanced.address.isValid() && model.targetChoiceProperty().get().needsAddress()
                ? advanced.address.field().getText() : "";
    }

    /** Puts a remembered address into the address field (the in-process target is chosen). */
    void offerRemoteAddress(String text) {
        if (model.targetChoiceProperty().get() == TargetChoice.IN_PROCESS && text != null && !text.isBlank()) {
            advanced.address.field().setText(text);
        }
    }

    /** The address to listen on as typed ("127.0.0.1:11200"), when valid ("" otherwise): remembered between sessions. */
    String listenAddress() {
        return advanced.listenHost.isValid() && advanced.listenPort.isValid()
                ? new ListenAddress(advanced.listenHost.get(), advanced.listenPort.get()).toString() : "";
    }

    /** Shows {@code at} in the listen fields (a remembered address, or --listen). */
    void showListenAddress(ListenAddress at) {
        advanced.listenHost.set(at.host());
        advanced.listenPort.set(at.port());
    }

    /** Opens the Advanced knobs, where the target is chosen. */
    void showAdvanced() {
        advanced.setExpanded(true);
    }

    /** ControlsFX's validation of the fields, for tests. */
    ValidationSupport validation() {
        return validation;
    }

    // ---- pieces ----

    private static HBox header(String title, Label value) {
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return new HBox(6, title(title), gap, value);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StyleClasses.SECTION_TITLE);
        return l;
    }

    private static Label valueLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(StyleClasses.VALUE_LABEL);
        return l;
    }

    private static TextField textField(String id, String prompt, String tooltip) {
        TextField f = Tips.tip(new TextField(), tooltip);
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static StringConverter<Double> converter(java.util.function.Function<Double, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : text.apply(d);
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        };
    }
}
