package dev.interleave.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * A LineChart over {@link CumulativeSamples}: x is seconds of run time, one series per value. A new
 * sample appends one point per series; a thinning rebuilds them (rare: each doubles the interval).
 * Subclasses say what a point's y is. FX thread only.
 */
abstract class SampledLineChart extends LiveChart {
    protected final CumulativeSamples samples;
    protected final LineChart<Number, Number> chart;
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private final double[] scratch;

    SampledLineChart(String styleClass, String yLabel, String... names) {
        super(styleClass);
        samples = new CumulativeSamples(names.length, REDRAW_NANOS);
        scratch = new double[names.length];
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since start");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(true);
        chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        ObservableList<XYChart.Series<Number, Number>> data = FXCollections.observableArrayList();
        for (String name : names) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            series.add(s);
            data.add(s);
        }
        chart.setData(data);
        getChildren().add(chart);
    }

    @Override
    protected void layoutChildren() {
        chart.resizeRelocate(snappedLeftInset(), snappedTopInset(),
                getWidth() - snappedLeftInset() - snappedRightInset(),
                getHeight() - snappedTopInset() - snappedBottomInset());
    }

    @Override
    protected double computePrefWidth(double height) {
        return 420;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 240;
    }

    /** Clears the samples and the series. */
    protected void clearSamples() {
        samples.clear();
        for (XYChart.Series<Number, Number> s : series) {
            s.getData().clear();
        }
    }

    /** Samples {@code values} (cumulative, by series) at run time {@code nanos} if due, or on the last call. */
    protected void sample(long nanos, boolean last, double... values) {
        System.arraycopy(values, 0, scratch, 0, scratch.length);
        if (samples.due(nanos) || (last && samples.size() <= 1)) {
            if (samples.add(nanos, scratch)) {
                rebuild();
            } else {
                appendLast();
            }
        } else if (last) {
            samples.replaceLast(nanos, scratch);
            for (XYChart.Series<Number, Number> s : series) {
                if (!s.getData().isEmpty()) {
                    s.getData().removeLast();
                }
            }
            appendLast();
        }
    }

    /** The y of series {@code s} at sample {@code i}. */
    protected abstract double y(int s, int i);

    /** The series, for tests. */
    List<XYChart.Series<Number, Number>> series() {
        return series;
    }

    private void appendLast() {
        int i = samples.size() - 1;
        double x = samples.nanos(i) / 1e9;
        for (int s = 0; s < series.size(); s++) {
            series.get(s).getData().add(new XYChart.Data<>(x, y(s, i)));
        }
    }

    private void rebuild() {
        for (int s = 0; s < series.size(); s++) {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                points.add(new XYChart.Data<>(samples.nanos(i) / 1e9, y(s, i)));
            }
            series.get(s).getData().setAll(points);
        }
    }
}
