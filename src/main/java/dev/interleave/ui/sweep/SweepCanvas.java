package dev.interleave.ui.sweep;

import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * A canvas of the sweep view (a heatmap, the legend's ramp and swatches) with the colours sweep.css
 * gives it ({@code -il-text-fill}, {@code -il-grid-color}, {@code -il-zero-fill}, {@code -il-hatch-color},
 * {@code -il-failed-fill}, {@code -il-current-color}), so the light and dark themes restyle it; and the
 * one way a cell is painted, shared by the heatmaps and the legend. The canvas is redrawn whole when its
 * size or a colour changes, or when {@link #paint()} is called. FX thread only.
 */
abstract class SweepCanvas extends Region {
    private static final StyleablePropertyFactory<SweepCanvas> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    final StyleableProperty<Color> textFill = CSS.createStyleableColorProperty(
            this, "textFill", "-il-text-fill", c -> c.textFill, Color.web("#24292f"));
    final StyleableProperty<Color> gridColor = CSS.createStyleableColorProperty(
            this, "gridColor", "-il-grid-color", c -> c.gridColor, Color.web("#c8ccd0"));
    final StyleableProperty<Color> zeroFill = CSS.createStyleableColorProperty(
            this, "zeroFill", "-il-zero-fill", c -> c.zeroFill, Color.web("#eef1f4"));
    final StyleableProperty<Color> hatchColor = CSS.createStyleableColorProperty(
            this, "hatchColor", "-il-hatch-color", c -> c.hatchColor, Color.web("#b4bcc6"));
    final StyleableProperty<Color> failedFill = CSS.createStyleableColorProperty(
            this, "failedFill", "-il-failed-fill", c -> c.failedFill, Color.web("#8c959f"));
    final StyleableProperty<Color> currentColor = CSS.createStyleableColorProperty(
            this, "currentColor", "-il-current-color", c -> c.currentColor, Color.web("#1d4ed8"));

    final Canvas canvas = new Canvas();

    @SuppressWarnings("this-escape") // the listeners only repaint; subclasses are all in this package
    SweepCanvas(String styleClass) {
        getStyleClass().add(styleClass);
        getChildren().add(canvas);
        for (StyleableProperty<Color> p : List.of(textFill, gridColor, zeroFill, hatchColor, failedFill,
                currentColor)) {
            ((ObservableValue<?>) p).addListener((o, a, b) -> paint());
        }
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        canvas.relocate(0, 0);
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            paint();
        }
    }

    /** Draws the whole canvas now. */
    abstract void paint();

    /** Clears the canvas (which also drops its queued commands). */
    GraphicsContext begin() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        return gc;
    }

    /**
     * Paints one cell at (x, y, w, h) as {@code kind} says: not run, an empty box with a dashed outline;
     * failed, grey; nothing torn, hatched on a neutral fill (a bound, not a zero); torn, the scale's
     * colour of {@code rate}. {@code text} goes in the middle, in a colour that reads on the fill.
     */
    void paintCell(GraphicsContext gc, double x, double y, double w, double h, CellText.Kind kind, double rate,
                   String text) {
        Color textColour = textFill.getValue();
        switch (kind) {
            case NOT_RUN -> {
                gc.setStroke(gridColor.getValue());
                gc.setLineWidth(1);
                gc.setLineDashes(3, 3);
                gc.strokeRect(x + 1.5, y + 1.5, w - 3, h - 3);
                gc.setLineDashes((double[]) null);
            }
            case FAILED -> {
                gc.setFill(failedFill.getValue());
                gc.fillRect(x, y, w, h);
                textColour = TornScale.textOn(failedFill.getValue());
            }
            case UPPER_BOUND -> {
                gc.setFill(zeroFill.getValue());
                gc.fillRect(x, y, w, h);
                hatch(gc, x, y, w, h);
            }
            case TORN -> {
                Color fill = TornScale.colour(rate);
                gc.setFill(fill);
                gc.fillRect(x, y, w, h);
                textColour = TornScale.textOn(fill);
            }
        }
        if (!text.isEmpty()) {
            gc.setFill(textColour);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(text, x + w / 2, y + h / 2 + 0.5, Math.max(1, w - 4));
        }
    }

    /** Diagonal lines across a cell, 6 px apart, cut to it (by arithmetic: no clip, save or restore per cell). */
    private void hatch(GraphicsContext gc, double x, double y, double w, double h) {
        gc.setStroke(hatchColor.getValue());
        gc.setLineWidth(1);
        for (double d = 3 - h; d < w; d += 6) {
            // The line from (x + d, y + h) up to (x + d + h, y), at 45 degrees.
            double sx = x + d;
            double sy = y + h;
            double ex = x + d + h;
            double ey = y;
            if (sx < x) {
                sy -= x - sx;
                sx = x;
            }
            if (ex > x + w) {
                ey += ex - (x + w);
                ex = x + w;
            }
            if (ex > sx) {
                gc.strokeLine(sx, sy, ex, ey);
            }
        }
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
