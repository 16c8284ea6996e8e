package dev.interleave.ui.charts;

import java.util.List;
import java.util.Locale;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A live chart drawn on one Canvas, for views with hundreds of series (one per thread) where a
 * scene-graph chart would need thousands of nodes. Colours come from CSS ({@code -il-text-fill},
 * {@code -il-grid-color}, {@code -il-primary-color}, {@code -il-secondary-color}) so light and dark
 * themes restyle it. The canvas is redrawn whole, at most at the chart's redraw rate or on resize.
 */
abstract class CanvasChart extends LiveChart {
    private static final StyleablePropertyFactory<CanvasChart> CSS =
            new StyleablePropertyFactory<>(LiveChart.getClassCssMetaData());

    protected final StyleableProperty<Color> textFill = CSS.createStyleableColorProperty(
            this, "textFill", "-il-text-fill", c -> c.textFill, Color.web("#333333"));
    protected final StyleableProperty<Color> gridColor = CSS.createStyleableColorProperty(
            this, "gridColor", "-il-grid-color", c -> c.gridColor, Color.web("#c8ccd0"));
    protected final StyleableProperty<Color> primaryColor = CSS.createStyleableColorProperty(
            this, "primaryColor", "-il-primary-color", c -> c.primaryColor, Color.web("#3b82c4"));
    protected final StyleableProperty<Color> secondaryColor = CSS.createStyleableColorProperty(
            this, "secondaryColor", "-il-secondary-color", c -> c.secondaryColor, Color.web("#e8590c"));

    protected final Canvas canvas = new Canvas();
    protected final Font font = Font.font(11);

    CanvasChart(String styleClass) {
        super(styleClass);
        getChildren().add(canvas);
        for (StyleableProperty<Color> p : List.of(textFill, gridColor, primaryColor, secondaryColor)) {
            ((javafx.beans.value.ObservableValue<?>) p).addListener((o, a, b) -> draw());
        }
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.floor(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }

    @Override
    protected void redraw(dev.interleave.run.RunSnapshot snapshot) {
        draw();
    }

    /** Draws the whole chart from the chart's own data. */
    protected abstract void draw();

    @Override
    protected final void drawAll() {
        draw();
    }

    /** Clears the canvas (which also drops its queued commands) and sets the text style. */
    protected GraphicsContext begin() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        gc.setFont(font);
        return gc;
    }

    protected Color text() {
        return textFill.getValue();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 420;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 240;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 120;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 80;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }

    /** A round number at or above {@code v}: 1, 2 or 5 times a power of ten. */
    static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A count in few characters: 950, 12.3k, 4.5M, 1k (not 1.00k). */
    static String compact(double v) {
        if (v < 1_000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v < 1_000_000) {
            return sig3(v / 1e3) + "k";
        }
        if (v < 1_000_000_000) {
            return sig3(v / 1e6) + "M";
        }
        return sig3(v / 1e9) + "G";
    }

    /** Three significant digits without trailing zeros: 0.5, 1.25, 12.3, 100. */
    static String sig3(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
