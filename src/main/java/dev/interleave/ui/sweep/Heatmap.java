package dev.interleave.ui.sweep;

import dev.interleave.run.Sizes;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import dev.interleave.ui.charts.HoverTip;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * One way of writing's cells (a strategy, with or without the lock): thread counts down, payload sizes
 * across, each cell coloured by its pooled torn rate ({@link TornScale}), hatched with its upper bound
 * where nothing tore, empty until a trial of it has finished, outlined while one runs. New figures only
 * mark it stale; {@link #repaintIfStale()} draws it (the board gives one heatmap per frame its turn).
 * Hover names the cell's figures in a tooltip that wraps; a click opens its last trial; a right-click
 * offers that and "run this cell". FX thread only.
 */
final class Heatmap extends SweepCanvas {
    static final String STYLE_CLASS = "sweep-heatmap";
    static final double CELL_W = 72;
    static final double CELL_H = 26;
    /** Room for the thread counts, left of the cells. */
    static final double LEFT = 62;
    /** Room for the title and the sizes, above the cells. */
    static final double TOP = 40;
    private static final Font TITLE = Font.font(null, FontWeight.BOLD, 13);
    private static final Font TEXT = Font.font(11);

    private final String title;
    private final List<Integer> threads;
    private final List<Integer> sizes;
    /** Row-major (threads x sizes); null where the plan has no such cell. */
    private final CellSummary[] cells;
    private final HoverTip tooltip;
    private final ContextMenu menu = new ContextMenu();
    private final Consumer<Cell> onOpen;
    private final Consumer<Cell> onRunCell;
    private final Predicate<Cell> openable;
    private int hover = -1;
    private int running = -1;
    private int menuCell = -1;
    private boolean stale = true;
    private long repaints;

    /**
     * @param title     the way of writing, "native+lock"
     * @param threads   the rows, ascending
     * @param sizes     the columns, ascending
     * @param onOpen    opens a cell's last trial in the lab
     * @param onRunCell loads a cell's knobs into the lab
     * @param openable  whether a cell has a last trial to open
     */
    Heatmap(String title, List<Integer> threads, List<Integer> sizes, Consumer<Cell> onOpen,
            Consumer<Cell> onRunCell, Predicate<Cell> openable) {
        super(STYLE_CLASS);
        this.title = title;
        this.threads = List.copyOf(threads);
        this.sizes = List.copyOf(sizes);
        this.cells = new CellSummary[threads.size() * sizes.size()];
        this.onOpen = onOpen;
        this.onRunCell = onRunCell;
        this.openable = openable;
        this.tooltip = new HoverTip(canvas);
        MenuItem open = new MenuItem("Open its last trial in the Lab");
        open.setOnAction(e -> act(onOpen, true));
        MenuItem run = new MenuItem("Run this cell (load its knobs into the Lab)");
        run.setOnAction(e -> act(onRunCell, false));
        menu.getItems().addAll(open, run);
        menu.setOnShowing(e -> open.setDisable(menuCell < 0 || cells[menuCell] == null
                || !openable.test(cells[menuCell].cell())));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(indexAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.setOnContextMenuRequested(e -> {
            menuCell = indexAt(e.getX(), e.getY());
            if (menuCell >= 0 && cells[menuCell] != null) {
                menu.show(canvas, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    private void act(Consumer<Cell> action, boolean needsTrial) {
        if (menuCell >= 0 && cells[menuCell] != null && (!needsTrial || openable.test(cells[menuCell].cell()))) {
            action.accept(cells[menuCell].cell());
        }
    }

    String title() {
        return title;
    }

    // ---- figures ----

    /** Sets the figures of {@code s}'s cell; false (and nothing changes) when it is not one of this map's. */
    boolean set(CellSummary s) {
        int i = indexOf(s.cell());
        if (i < 0) {
            return false;
        }
        if (!Objects.equals(cells[i], s)) {
            cells[i] = s;
            stale = true;
            if (i == hover) {
                tooltip.setText(tooltipText(i));
            }
        }
        return true;
    }

    /** Outlines {@code c}'s cell as the one running now (null: none of this map's). */
    void setRunning(Cell c) {
        int i = c == null ? -1 : indexOf(c);
        if (i != running) {
            running = i;
            stale = true;
        }
    }

    /** The figures shown for {@code c}, or null. */
    CellSummary summary(Cell c) {
        int i = indexOf(c);
        return i < 0 ? null : cells[i];
    }

    private int indexOf(Cell c) {
        if (!title.equals(c.strategyLabel())) {
            return -1;
        }
        int r = threads.indexOf(c.threads());
        int col = sizes.indexOf(c.payloadSize());
        return r < 0 || col < 0 ? -1 : r * sizes.size() + col;
    }

    /** Whether new figures wait for a repaint. */
    boolean stale() {
        return stale;
    }

    /** Draws the new figures, if any; returns true when it drew. */
    boolean repaintIfStale() {
        if (!stale) {
            return false;
        }
        paint();
        return true;
    }

    /** Repaints so far (for tests). */
    long repaints() {
        return repaints;
    }

    // ---- geometry ----

    /** The cell under a point of the canvas, or -1. */
    int indexAt(double x, double y) {
        if (x < LEFT || y < TOP) {
            return -1;
        }
        int col = (int) ((x - LEFT) / CELL_W);
        int row = (int) ((y - TOP) / CELL_H);
        return col < sizes.size() && row < threads.size() ? row * sizes.size() + col : -1;
    }

    /** The middle of {@code c}'s cell in the canvas's coordinates (for tests and the robot), or null. */
    javafx.geometry.Point2D centreOf(Cell c) {
        int i = indexOf(c);
        if (i < 0) {
            return null;
        }
        return new javafx.geometry.Point2D(LEFT + (i % sizes.size() + 0.5) * CELL_W,
                TOP + (i / sizes.size() + 0.5) * CELL_H);
    }

    @Override
    protected double computePrefWidth(double height) {
        return LEFT + sizes.size() * CELL_W + 2;
    }

    @Override
    protected double computePrefHeight(double width) {
        return TOP + threads.size() * CELL_H + 2;
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    // ---- the pointer ----

    private void hover(int i) {
        if (i >= 0 && cells[i] == null) {
            i = -1;
        }
        if (i == hover) {
            return;
        }
        hover = i;
        if (i < 0) {
            tooltip.hide();
        } else {
            tooltip.show(tooltipText(i));
        }
        paint(); // the outline follows the pointer at once
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        int i = indexAt(e.getX(), e.getY());
        if (i >= 0 && cells[i] != null && openable.test(cells[i].cell())) {
            onOpen.accept(cells[i].cell());
        }
    }

    /** The tooltip's text for the cell under a point; "" outside the cells. */
    String tooltipAt(double x, double y) {
        int i = indexAt(x, y);
        return i < 0 || cells[i] == null ? "" : tooltipText(i);
    }

    private String tooltipText(int i) {
        CellSummary s = cells[i];
        return CellText.tooltip(s, i == running, openable.test(s.cell()));
    }

    Tooltip tooltip() {
        return tooltip.tooltip();
    }

    // ---- drawing ----

    @Override
    void paint() {
        stale = false;
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            return;
        }
        repaints++;
        GraphicsContext gc = begin();
        gc.setFill(textFill.getValue());
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFont(TITLE);
        gc.fillText(title, 2, 1);
        gc.setFont(TEXT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText("payload size →", LEFT + sizes.size() * CELL_W, 3);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText("threads ↓", LEFT - 6, TOP - 3);
        gc.setTextAlign(TextAlignment.CENTER);
        for (int c = 0; c < sizes.size(); c++) {
            gc.fillText(Sizes.format(sizes.get(c)), LEFT + (c + 0.5) * CELL_W, TOP - 3);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < threads.size(); r++) {
            gc.fillText(String.valueOf(threads.get(r)), LEFT - 8, TOP + (r + 0.5) * CELL_H);
        }
        for (int i = 0; i < cells.length; i++) {
            CellSummary s = cells[i];
            if (s == null) {
                continue;
            }
            double x = LEFT + (i % sizes.size()) * CELL_W;
            double y = TOP + (i / sizes.size()) * CELL_H;
            paintCell(gc, x + 1, y + 1, CELL_W - 2, CELL_H - 2, CellText.kind(s), s.tornRate().rate(),
                    CellText.inCell(s));
        }
        outline(gc, running, currentColor.getValue(), 2);
        outline(gc, hover, textFill.getValue(), 1.5);
    }

    private void outline(GraphicsContext gc, int i, javafx.scene.paint.Color colour, double width) {
        if (i < 0) {
            return;
        }
        double x = LEFT + (i % sizes.size()) * CELL_W;
        double y = TOP + (i / sizes.size()) * CELL_H;
        gc.setStroke(colour);
        gc.setLineWidth(width);
        gc.strokeRect(x + width / 2, y + width / 2, CELL_W - width, CELL_H - width);
    }
}
