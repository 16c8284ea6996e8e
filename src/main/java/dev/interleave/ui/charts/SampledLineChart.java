package dev.interleave.ui.charts;

import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.SenderTelemetry;
import java.util.Arrays;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * A line chart over {@link CumulativeSamples}, drawn on the {@link CanvasChart}'s canvas: x is seconds
 * of run time, one line per series, with a legend and round ticks. Every frame may add a sample (10 per
 * second of run time); a redraw (at most 5 Hz) draws them all. A scene-graph LineChart would re-lay-out
 * its axes and re-render its paths on every change, which costs the software pipeline tens of
 * milliseconds a frame; a canvas costs one redraw. Series colours come from CSS
 * ({@code -il-series0-color} ...). Subclasses say what a sample holds and what a point's y is. FX
 * thread only.
 */
abstract class SampledLineChart extends CanvasChart {
    private static final StyleablePropertyFactory<SampledLineChart> CSS =
            new StyleablePropertyFactory<>(CanvasChart.getClassCssMetaData());
    private static final double LEFT = 56;
    private static final double RIGHT = 10;
    private static final double TOP = 18;
    private static final double BOTTOM = 30;

    private final StyleableProperty<Color> series0 = CSS.createStyleableColorProperty(
            this, "series0Color", "-il-series0-color", c -> c.series0, Color.web("#3b82c4"));
    private final StyleableProperty<Color> series1 = CSS.createStyleableColorProperty(
            this, "series1Color", "-il-series1-color", c -> c.series1, Color.web("#2da44e"));
    private final StyleableProperty<Color> series2 = CSS.createStyleableColorProperty(
            this, "series2Color", "-il-series2-color", c -> c.series2, Color.web("#e8a317"));

    protected final CumulativeSamples samples;
    private final String[] names;
    private final String xLabel = "seconds since start";
    private final String yLabel;
    private final double[] scratch;
    private final double[] xs = new double[CumulativeSamples.MAX];
    private final double[] ys = new double[CumulativeSamples.MAX];
    /** Samples the picture shows (the newest ones wait for the next redraw). */
    private int shown;
    /** Series drawn (one a run cannot measure is left out, legend and line). */
    private final boolean[] drawn;

    @SuppressWarnings("this-escape") // the listeners only redraw; subclasses are all in this package
    SampledLineChart(String styleClass, String yLabel, String... names) {
        super(styleClass);
        this.names = names.clone();
        this.yLabel = yLabel;
        samples = new CumulativeSamples(names.length, SAMPLE_NANOS);
        scratch = new double[names.length];
        drawn = new boolean[names.length];
        java.util.Arrays.fill(drawn, true);
        for (StyleableProperty<Color> p : List.of(series0, series1, series2)) {
            ((javafx.beans.value.ObservableValue<?>) p).addListener((o, a, b) -> draw());
        }
    }

    /** Draws series {@code s} or leaves it out (its samples are kept either way). */
    protected void showSeries(int s, boolean on) {
        drawn[s] = on;
    }

    /** Whether series {@code s} is drawn. */
    boolean seriesShown(int s) {
        return drawn[s];
    }

    /** Clears the samples; the picture follows at the next draw. */
    protected void clearSamples() {
        samples.clear();
        shown = 0;
    }

    /** The cumulative values of a snapshot, by series, into {@code values}. */
    protected abstract void read(RunSnapshot snapshot, double[] values);

    /** The y of series {@code s} at sample {@code i}. */
    protected abstract double y(int s, int i);

    @Override
    protected final void ingest(RunSnapshot snapshot, SenderTelemetry telemetry) {
        if (samples.size() == 0) {
            Arrays.fill(scratch, 0);
            samples.add(0, scratch);
        }
        read(snapshot, scratch);
        long nanos = Math.max(0, snapshot.elapsedNanos());
        boolean last = snapshot.phase().isFinished();
        if (samples.due(nanos) || (last && samples.size() <= 1)) {
            samples.add(nanos, scratch);
        } else if (last) {
            samples.replaceLast(nanos, scratch);
        }
    }

    @Override
    protected final void redraw(RunSnapshot snapshot) {
        shown = samples.size();
        draw();
    }

    // ---- what the picture shows, for tests ----

    /** Points per series in the picture. */
    int points() {
        return Math.min(shown, samples.size());
    }

    /** Seconds of run time of point {@code i}. */
    double pointX(int i) {
        return samples.nanos(i) / 1e9;
    }

    /** The y of series {@code s} at point {@code i}. */
    double pointY(int s, int i) {
        return y(s, i);
    }

    Color seriesColor(int s) {
        return switch (s) {
            case 0 -> series0.getValue();
            case 1 -> series1.getValue();
            default -> series2.getValue();
        };
    }

    // ---- drawing ----

    @Override
    protected void draw() {
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            return;
        }
        GraphicsContext gc = begin();
        int n = points();
        double pw = Math.max(1, canvas.getWidth() - LEFT - RIGHT);
        double ph = Math.max(1, canvas.getHeight() - TOP - BOTTOM);
        double maxX = n == 0 ? 1 : Math.max(1e-3, pointX(n - 1));
        double maxY = 0;
        for (int s = 0; s < names.length; s++) {
            for (int i = 0; i < n && drawn[s]; i++) {
                maxY = Math.max(maxY, y(s, i));
            }
        }
        double yTop = niceCeil(maxY);
        double yStep = niceCeil(yTop / 4);
        yTop = Math.ceil(yTop / yStep - 1e-9) * yStep;
        double xStep = niceCeil(maxX / Math.max(1, pw / 70));
        double xRight = Math.ceil(maxX / xStep - 1e-9) * xStep;

        // Grid and y ticks.
        gc.setLineWidth(1);
        gc.setStroke(gridColor.getValue());
        gc.setFill(text());
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
            double y = Math.floor(TOP + ph - v / yTop * ph) + 0.5;
            gc.strokeLine(LEFT, y, LEFT + pw, y);
            gc.fillText(tick(v), LEFT - 4, y);
        }
        // x ticks.
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        for (double v = 0; v <= xRight + xStep / 2; v += xStep) {
            double x = Math.floor(LEFT + v / xRight * pw) + 0.5;
            gc.strokeLine(x, TOP, x, TOP + ph);
            gc.fillText(tick(v), x, TOP + ph + 2);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(xLabel, LEFT + pw, TOP + ph + 15);
        // Legend and the y unit on the top line.
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(yLabel, 4, 1);
        double lx = LEFT;
        for (int s = 0; s < names.length; s++) {
            if (!drawn[s]) {
                continue;
            }
            gc.setFill(seriesColor(s));
            gc.fillRect(lx, 4, 9, 9);
            gc.setFill(text());
            gc.fillText(names[s], lx + 13, 1);
            lx += 13 + names[s].length() * 6.5 + 14;
        }
        // Lines, the last series first, so that the first lie on top where lines meet: a handful of
        // torn packets stays visible over zero missing along the bottom of the verdicts.
        if (n > 0) {
            gc.setLineWidth(1.8);
            for (int s = names.length - 1; s >= 0; s--) {
                if (!drawn[s]) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    xs[i] = LEFT + pointX(i) / xRight * pw;
                    ys[i] = TOP + ph - y(s, i) / yTop * ph;
                }
                gc.setStroke(seriesColor(s));
                gc.strokePolyline(xs, ys, n);
            }
        }
    }

    private static String tick(double v) {
        if (v >= 1_000) {
            return compact(v);
        }
        return sig3(v);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
