package dev.interleave.ui.sweep;

import dev.interleave.run.Sizes;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.Strategies;
import dev.interleave.sweep.LockChoice;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.TrialBudget;
import dev.interleave.ui.charts.HoverTip;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The sweep's knobs: which ways of writing (the seven strategies, without the lock, with it, or both),
 * the thread counts and payload sizes (editable lists with the sweep's defaults), trials per cell and
 * what each trial sends; Start and Stop. Each field is read as it is typed, by the lab's own knobs
 * ({@link SweepInputs}); what is wrong shows on the field (ControlsFX validation, as the lab's fields)
 * and, with the plan's own problems, in one line under the knobs, where Start says why it is disabled.
 * FX thread only.
 */
final class SweepSettings extends VBox {
    /** The lab's style classes (lab.css), so the two panels look alike. */
    private static final String SECTION_TITLE = "section-title";
    private static final String HINT = "hint";
    private static final String BLOCKED = "run-blocked";
    private static final javafx.css.PseudoClass ERROR = javafx.css.PseudoClass.getPseudoClass("error");

    private final SweepModel model;
    private final ValidationSupport validation = new ValidationSupport();
    private final Map<String, CheckBox> strategies = new LinkedHashMap<>();
    private final SegmentedButton lock = new SegmentedButton();
    private final TextField threads = field("sweepThreads", SweepInputs.threadsText(SweepPlan.DEFAULT_THREADS),
            "Thread counts, comma separated, each 1 to 256: the heatmaps' rows");
    private final TextField sizes = field("sweepSizes", SweepInputs.sizesText(SweepPlan.DEFAULT_SIZES),
            "Payload sizes, comma separated, each 0 B to 64 MiB (100, 1 KB, 64 KiB): the heatmaps' columns");
    private final TextField trials = field("sweepTrials", String.valueOf(SweepPlan.DEFAULT_TRIALS),
            "How many times each cell runs (1 to 1,000); trials of different cells are interleaved");
    private final TextField budget = field("sweepBudget", Sizes.format(SweepPlan.DEFAULT_BUDGET.bytes()),
            "What one trial sends: bytes (turned into packets of each cell's size) or a packet count");
    private final ChoiceBox<String> budgetUnit = new ChoiceBox<>();
    private final Label summary = new Label();
    private final Label problems = new Label();
    private final Button start = new Button("▶ Start sweep");
    private final Button stop = new Button("■ Stop");
    private final ReadOnlyObjectWrapper<List<String>> problemList =
            new ReadOnlyObjectWrapper<>(this, "problems", List.of());
    private final ReadOnlyObjectWrapper<SweepPlan> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final long seed = new SecureRandom().nextLong();

    SweepSettings(SweepModel model) {
        super(6);
        this.model = model;
        setId("sweepSettings");
        getStyleClass().addAll("control-panel", "sweep-settings");
        setPadding(new Insets(10, 12, 12, 12));

        VBox boxes = new VBox(3);
        for (SendStrategy s : Strategies.all()) {
            CheckBox b = new CheckBox(s.name());
            b.setId("sweep-" + s.name());
            String why = s.unavailableReason().orElse(null);
            b.setTooltip(wrapping(why == null ? s.reason() : "Not available here: " + why));
            b.setDisable(why != null);
            b.setSelected(why == null && (s.name().equals("native") || s.name().equals("socket-stream")));
            b.selectedProperty().addListener(o -> changed());
            strategies.put(s.name(), b);
            boxes.getChildren().add(b);
        }
        for (LockChoice c : LockChoice.values()) {
            ToggleButton t = new ToggleButton(c.name().toLowerCase(Locale.ROOT));
            t.setUserData(c);
            t.setId("sweepLock-" + c.name().toLowerCase(Locale.ROOT));
            lock.getButtons().add(t);
        }
        lock.setId("sweepLock");
        select(LockChoice.BOTH);
        lock.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one choice is always made
            }
            changed();
        });
        budgetUnit.getItems().addAll("bytes", "packets");
        budgetUnit.setValue("bytes");
        budgetUnit.setId("sweepBudgetUnit");
        budgetUnit.setTooltip(wrapping("Bytes: each cell sends about this many bytes of packets of its size (so a"
                + " trial of 100 B packets and one of 1 MB packets take about as long). Packets: each sends this many."));
        budgetUnit.valueProperty().addListener(o -> {
            validation.revalidate(budget);
            changed();
        });
        HBox budgetRow = new HBox(6, budget, budgetUnit);
        HBox.setHgrow(budget, Priority.ALWAYS);

        register(threads, "threads", SweepInputs::threads);
        register(sizes, "sizes", SweepInputs::sizes);
        register(trials, "trials", SweepInputs::trials);
        register(budget, "budget", t -> SweepInputs.budget(t, inBytes()));

        summary.setId("sweepSummary");
        summary.getStyleClass().add(HINT);
        summary.setWrapText(true);
        problems.setId("sweepProblems");
        problems.getStyleClass().add(BLOCKED);
        problems.setWrapText(true);
        problems.managedProperty().bind(problems.visibleProperty());
        start.setId("sweepStart");
        start.getStyleClass().add("run-button");
        start.setTooltip(wrapping("Run every cell of the plan, its trials interleaved in a shuffled order"));
        start.setOnAction(e -> plan().ifPresent(model::start));
        stop.setId("sweepStop");
        stop.getStyleClass().add("stop-button");
        stop.setTooltip(wrapping("Stop within a second: every finished trial is kept, and can be exported (Esc)"));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.busyProperty().not().or(model.stateProperty().isEqualTo(
                SweepModel.State.STOPPING)));
        model.busyProperty().addListener(o -> changed());
        model.labBusy().addListener(o -> changed());
        Label base = new Label("Socket options (SO_SNDBUF, TCP_NODELAY, SO_RCVBUF, read throttle) come from the"
                + " Lab's Advanced knobs; the verifier runs in this process.");
        base.getStyleClass().add(HINT);
        base.setWrapText(true);

        getChildren().addAll(
                title("How the threads write"), boxes,
                title("Application lock"), lock,
                title("Threads"), threads,
                title("Payload sizes"), sizes,
                title("Trials per cell"), trials,
                title("Each trial sends"), budgetRow,
                summary, problems, new HBox(8, start, stop), base);
        changed();
    }

    private void select(LockChoice c) {
        lock.getButtons().forEach(b -> b.setSelected(b.getUserData() == c));
    }

    private boolean inBytes() {
        return "bytes".equals(budgetUnit.getValue());
    }

    private <T> void register(TextField f, String name, Function<String, T> parser) {
        validation.registerValidator(f, false, (Control c, String text) -> {
            String why = errorOf(parser, text);
            f.pseudoClassStateChanged(ERROR, !why.isEmpty());
            return ValidationResult.fromErrorIf(c, name + ": " + why, !why.isEmpty());
        });
        f.textProperty().addListener(o -> changed());
    }

    private static <T> String errorOf(Function<String, T> parser, String text) {
        try {
            parser.apply(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The plan the knobs describe, when they describe one that can run. */
    Optional<SweepPlan> plan() {
        return problemList.get().isEmpty() ? Optional.ofNullable(build(new ArrayList<>())) : Optional.empty();
    }

    /** Builds the plan, adding every problem (a field's, then the plan's own) to {@code out}; null if none can be built. */
    private SweepPlan build(List<String> out) {
        List<String> chosen = strategies.values().stream().filter(b -> b.isSelected() && !b.isDisabled())
                .map(CheckBox::getText).toList();
        if (chosen.isEmpty()) {
            out.add("choose at least one way of writing");
        }
        List<Integer> t = read(out, "threads", () -> SweepInputs.threads(threads.getText()));
        List<Integer> s = read(out, "sizes", () -> SweepInputs.sizes(sizes.getText()));
        Integer k = read(out, "trials", () -> SweepInputs.trials(trials.getText()));
        TrialBudget b = read(out, "budget", () -> SweepInputs.budget(budget.getText(), inBytes()));
        if (!out.isEmpty()) {
            return null;
        }
        LockChoice l = lock.getButtons().stream().filter(ToggleButton::isSelected)
                .map(x -> (LockChoice) x.getUserData()).findFirst().orElse(LockChoice.NO);
        SweepPlan p = SweepPlan.grid(chosen, l, t, s, k, b, model.baseConfig(), seed);
        out.addAll(p.problems());
        return out.isEmpty() ? p : null;
    }

    private static <T> T read(List<String> out, String name, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            out.add(name + ": " + e.getMessage());
            return null;
        }
    }

    /** Reads the knobs again: the summary line, the problems, and whether Start may be pressed. */
    private void changed() {
        List<String> out = new ArrayList<>();
        SweepPlan p = build(out);
        problemList.set(List.copyOf(out));
        if (!java.util.Objects.equals(p, preview.get())) {
            preview.set(p);
        }
        if (p != null) {
            summary.setText(String.format(Locale.ROOT, "%,d cell%s × %,d trial%s = %,d trial%s, %s.",
                    p.cells().size(), p.cells().size() == 1 ? "" : "s", p.trials(), p.trials() == 1 ? "" : "s",
                    p.plannedTrials(), p.plannedTrials() == 1 ? "" : "s", p.budget()));
        } else {
            summary.setText("");
        }
        String lab = model.labBusy().get();
        String why = model.busyProperty().get() ? "" : !out.isEmpty() ? String.join("; ", out) : lab;
        problems.setText(why.isEmpty() ? "" : "Can't start: " + why);
        problems.setVisible(!why.isEmpty());
        start.setDisable(model.busyProperty().get() || !out.isEmpty() || !lab.isEmpty());
    }

    /**
     * Shows {@code plan}'s knobs (a sweep read from a report). Its ways of writing are shown only when
     * one lock choice makes them all (a report of "native, native+lock, socket-stream" cannot be: those
     * knobs then stay as they were); its lists, trials and budget always are.
     */
    void show(SweepPlan plan) {
        List<String> names = plan.cells().stream().map(c -> c.strategy()).distinct().toList();
        boolean unlocked = plan.cells().stream().anyMatch(c -> !c.lock());
        boolean locked = plan.cells().stream().anyMatch(c -> c.lock());
        LockChoice choice = unlocked && locked ? LockChoice.BOTH : locked ? LockChoice.YES : LockChoice.NO;
        java.util.Set<String> ways = new java.util.HashSet<>();
        plan.cells().forEach(c -> ways.add(c.strategyLabel()));
        java.util.Set<String> formWays = new java.util.HashSet<>();
        for (String n : names) {
            for (boolean l : choice.locks()) {
                formWays.add(l ? n + "+lock" : n);
            }
        }
        if (ways.equals(formWays)) {
            strategies.forEach((name, box) -> box.setSelected(names.contains(name)));
            select(choice);
        }
        threads.setText(SweepInputs.threadsText(plan.cells().stream().map(c -> c.threads()).distinct().sorted().toList()));
        sizes.setText(SweepInputs.sizesText(plan.cells().stream().map(c -> c.payloadSize()).distinct().sorted().toList()));
        trials.setText(String.valueOf(plan.trials()));
        budgetUnit.setValue(plan.budget().inBytes() ? "bytes" : "packets");
        budget.setText(plan.budget().inBytes() ? Sizes.format(plan.budget().bytes())
                : String.valueOf(plan.budget().packets()));
    }

    /** The plan the knobs describe now (null while they describe none), for a preview of its heatmaps. */
    ReadOnlyObjectProperty<SweepPlan> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Every reason the knobs make no plan ("" list when they make one). */
    ReadOnlyObjectProperty<List<String>> problemsProperty() {
        return problemList.getReadOnlyProperty();
    }

    /** ControlsFX's validation of the fields, for tests. */
    ValidationSupport validation() {
        return validation;
    }

    // ---- pieces ----

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(SECTION_TITLE);
        return l;
    }

    private static TextField field(String id, String text, String tip) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setTooltip(wrapping(tip));
        return f;
    }

    private static Tooltip wrapping(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(HoverTip.WIDTH);
        return t;
    }
}
