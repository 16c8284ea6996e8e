package dev.interleave.ui.sweep;

import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.Pooling;
import dev.interleave.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The sweep's heatmaps, one per way of writing in the plan's order, under the {@link TornLegend}: what
 * "Save PNG" pictures. New figures (a snapshot, one per finished trial) only mark the heatmaps they
 * touch stale; {@link #repaintOne()} lets one of them draw per frame, as the lab's views take turns.
 * FX thread only.
 */
final class HeatmapBoard extends VBox {
    private final FlowPane maps = new FlowPane(18, 14);
    private final Label heading = new Label();
    private final Consumer<Cell> onOpen;
    private final Consumer<Cell> onRunCell;
    private final Predicate<Cell> openable;
    private final Map<String, Heatmap> byLabel = new LinkedHashMap<>();
    private List<Heatmap> order = List.of();
    private List<CellSummary> shown = List.of();
    private int next;

    HeatmapBoard(Consumer<Cell> onOpen, Consumer<Cell> onRunCell, Predicate<Cell> openable) {
        super(8);
        this.onOpen = onOpen;
        this.onRunCell = onRunCell;
        this.openable = openable;
        setId("heatmapBoard");
        getStyleClass().add("sweep-board");
        setPadding(new Insets(8));
        heading.setId("sweepHeading");
        heading.getStyleClass().add("sweep-heading");
        heading.setWrapText(true);
        maps.setId("heatmaps");
        getChildren().addAll(heading, new TornLegend(), maps);
    }

    /** Shows empty heatmaps for every way of writing in {@code plan}, under {@code title}. */
    void setPlan(SweepPlan plan, String title) {
        byLabel.clear();
        Map<String, TreeSet<Integer>> threads = new LinkedHashMap<>();
        Map<String, TreeSet<Integer>> sizes = new LinkedHashMap<>();
        for (Cell c : plan.cells()) {
            threads.computeIfAbsent(c.strategyLabel(), k -> new TreeSet<>()).add(c.threads());
            sizes.computeIfAbsent(c.strategyLabel(), k -> new TreeSet<>()).add(c.payloadSize());
        }
        List<Heatmap> made = new ArrayList<>();
        for (String label : threads.keySet()) {
            Heatmap h = new Heatmap(label, new ArrayList<>(threads.get(label)), new ArrayList<>(sizes.get(label)),
                    onOpen, onRunCell, openable);
            h.setId("heatmap-" + label.replace('+', '-'));
            byLabel.put(label, h);
            made.add(h);
        }
        // Every cell starts as "not run yet" (dashed), before any snapshot names it.
        for (Cell c : plan.cells()) {
            byLabel.get(c.strategyLabel()).set(Pooling.pool(c, plan.packetsFor(c), plan.trials(), List.of()));
        }
        order = List.copyOf(made);
        maps.getChildren().setAll(made);
        shown = List.of();
        next = 0;
        heading.setText(title);
    }

    /** The words above the legend (what was swept, how far it is). */
    void setTitle(String title) {
        if (!title.equals(heading.getText())) {
            heading.setText(title);
        }
    }

    /**
     * Takes a snapshot's figures (every cell, in the plan's order; the runner reuses the summaries of
     * cells that did not change, so only changed ones are compared further) and the trial running now.
     */
    void update(List<CellSummary> cells, PlannedTrial running) {
        if (cells != shown) {
            for (int i = 0; i < cells.size(); i++) {
                CellSummary s = cells.get(i);
                if (i >= shown.size() || shown.get(i) != s) {
                    Heatmap h = byLabel.get(s.cell().strategyLabel());
                    if (h != null) {
                        h.set(s);
                    }
                }
            }
            shown = cells;
        }
        Cell now = running == null ? null : running.cell();
        for (Heatmap h : order) {
            h.setRunning(now);
        }
    }

    /** Lets the next stale heatmap (round robin) draw; true when one drew. */
    boolean repaintOne() {
        for (int k = 0; k < order.size(); k++) {
            int i = (next + k) % order.size();
            if (order.get(i).repaintIfStale()) {
                next = (i + 1) % order.size();
                return true;
            }
        }
        return false;
    }

    /** Draws every stale heatmap now (before a picture is taken). */
    void repaintAll() {
        for (Heatmap h : order) {
            h.repaintIfStale();
        }
    }

    /** Whether any heatmap waits for a repaint. */
    boolean stale() {
        return order.stream().anyMatch(Heatmap::stale);
    }

    /** The heatmap of a way of writing ("native+lock"), or null. */
    Heatmap heatmap(String strategyLabel) {
        return byLabel.get(strategyLabel);
    }

    List<Heatmap> heatmaps() {
        return order;
    }
}
