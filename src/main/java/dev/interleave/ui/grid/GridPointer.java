package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import dev.interleave.ui.charts.HoverTip;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The pointer and the keys on the grid: hover names the cell in a tooltip, a click selects its
 * packet, the wheel zooms around the pointer, a drag pans, a double-click shows every packet again;
 * {@code +}/{@code -} zoom and {@code 0} resets. Where cells are smaller than a torn mark, pointing
 * anywhere on the mark means its torn packet: what looks torn there is what the tooltip and a click
 * name. FX thread only.
 */
final class GridPointer {
    private static final double WHEEL_STEP = 40;

    private final PacketGrid grid;
    private final GridGeometry geometry;
    private final PacketMirror mirror;
    private final Canvas canvas;
    private final HoverTip tooltip;
    private long hoverCell = -1;
    private double lastX = Double.NaN;
    private double lastY;
    private double wheel;

    GridPointer(PacketGrid grid, GridGeometry geometry, PacketMirror mirror, Canvas canvas) {
        this.grid = grid;
        this.geometry = geometry;
        this.mirror = mirror;
        this.canvas = canvas;
        this.tooltip = new HoverTip(canvas);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(Double.NaN, Double.NaN));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            grid.requestFocus();
            lastX = e.getX();
            lastY = e.getY();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        grid.addEventHandler(KeyEvent.KEY_TYPED, this::key);
    }

    /** The cell under the pointer (its outline is drawn), or -1. */
    long hoverCell() {
        return hoverCell;
    }

    /** The cells moved under the pointer (zoom, pan, resize, mode): the outline is gone until it moves. */
    void forgetHover() {
        hoverCell = -1;
    }

    /** After the view moved: the cell now under the pointer's last place gets the outline. */
    void hoverAgain() {
        if (!Double.isNaN(lastX)) {
            hover(lastX, lastY);
        }
    }

    /** The pointer left, or the packets changed under it. */
    void leave() {
        hover(Double.NaN, Double.NaN);
    }

    Tooltip tooltip() {
        return tooltip.tooltip();
    }

    /**
     * The cell a point picks: the one under it, or, where cells are smaller than a torn mark, the torn
     * cell whose mark covers the point (the nearest, if several).
     */
    private long pickCell(double x, double y) {
        long cell = geometry.cellAt(x, y);
        if (cell < 0 || !grid.marksShown() || !GridPainter.marksOn(geometry, mirror, grid.getColorMode())
                || GridPainter.isTorn(geometry, mirror, cell)) {
            return cell;
        }
        int col = geometry.columnAt(x);
        int row = geometry.rowAt(y);
        int cols = geometry.columns();
        int[] xs = geometry.columnEdges();
        int[] ys = geometry.rowEdges();
        int gap = geometry.gap();
        int reachX = GridPainter.markReach(geometry.minCellWidth());
        int reachY = GridPainter.markReach(geometry.minCellHeight());
        double half = GridPainter.TORN_MARK / 2.0;
        long best = cell;
        double bestDistance = Double.MAX_VALUE;
        for (int r = Math.max(0, row - reachY); r <= Math.min(geometry.rows() - 1, row + reachY); r++) {
            // The mark's centre, as GridPainter draws it (the middle of its centre pixel).
            double cy = GridPainter.markCentre(ys, r, gap) + 0.5;
            for (int c = Math.max(0, col - reachX); c <= Math.min(cols - 1, col + reachX); c++) {
                long candidate = (long) r * cols + c;
                double cx = GridPainter.markCentre(xs, c, gap) + 0.5;
                double dx = x - cx;
                double dy = y - cy;
                if (Math.abs(dx) <= half && Math.abs(dy) <= half && dx * dx + dy * dy < bestDistance
                        && GridPainter.isTorn(geometry, mirror, candidate)) {
                    best = candidate;
                    bestDistance = dx * dx + dy * dy;
                }
            }
        }
        return best;
    }

    private void hover(double x, double y) {
        long cell = Double.isNaN(x) ? -1 : pickCell(x, y);
        if (cell >= 0 && geometry.cellFirstPacket(cell) < 0) {
            cell = -1;
        }
        if (!Double.isNaN(x)) {
            lastX = x;
            lastY = y;
        }
        if (cell == hoverCell) {
            return;
        }
        hoverCell = cell;
        if (cell < 0) {
            tooltip.hide();
        } else {
            tooltip.show(summaryAt(x, y));
        }
        grid.outlinesChanged();
    }

    /** The tooltip text for the cell under a point; empty outside the packets. */
    String summaryAt(double x, double y) {
        long cell = pickCell(x, y);
        long a = geometry.cellFirstPacket(cell);
        if (a < 0) {
            return "";
        }
        long b = geometry.cellEndPacket(cell);
        if (b - a == 1) {
            return CellSummary.ofPacket(mirror, a, grid.details(a));
        }
        return CellSummary.ofRange(mirror, a, b, grid.getColorMode());
    }

    /** The packet a click on a point selects: the cell's worst (or first sent) packet, or -1. */
    long selectionAt(double x, double y) {
        long cell = pickCell(x, y);
        long a = geometry.cellFirstPacket(cell);
        if (a < 0) {
            return -1;
        }
        return CellSummary.representative(mirror, a, geometry.cellEndPacket(cell), grid.getColorMode());
    }

    /** Selects the packet under a point, as a click does. */
    void select(double x, double y) {
        long id = selectionAt(x, y);
        Consumer<PacketDetails> handler = grid.getOnPacketSelected();
        if (id >= 0 && handler != null) {
            PacketDetails d = grid.details(id);
            if (d != null) {
                handler.accept(d);
            }
        }
    }

    private void drag(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || Double.isNaN(lastX)) {
            return;
        }
        geometry.pan(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
        grid.viewMoved();
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        if (e.getClickCount() >= 2) {
            grid.resetZoom();
            return;
        }
        select(e.getX(), e.getY());
    }

    private void scroll(ScrollEvent e) {
        wheel += e.getDeltaY();
        while (wheel >= WHEEL_STEP) {
            wheel -= WHEEL_STEP;
            grid.zoomIn(e.getX(), e.getY());
        }
        while (wheel <= -WHEEL_STEP) {
            wheel += WHEEL_STEP;
            grid.zoomOut(e.getX(), e.getY());
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        double x = Double.isNaN(lastX) ? geometry.width() / 2.0 : lastX;
        double y = Double.isNaN(lastX) ? geometry.height() / 2.0 : lastY;
        switch (e.getCharacter()) {
            case "+", "=" -> grid.zoomIn(x, y);
            case "-", "_" -> grid.zoomOut(x, y);
            case "0" -> grid.resetZoom();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
