package dev.interleave.ui.sweep;

import java.util.List;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The heatmaps' key: the torn-rate scale (log, 0.0001 % to 100 %, with its decades), and a swatch of
 * each other kind of cell: nothing tore (hatched, with its upper bound), failed, not run yet, running
 * now. It wraps onto more lines in a narrow window. FX thread only.
 */
final class TornLegend extends FlowPane {
    static final String STYLE_CLASS = "sweep-legend";
    /** The swatches' and the ramp's canvases: the heatmaps' colours, without their hand cursor. */
    static final String SWATCH_CLASS = "sweep-swatch";

    TornLegend() {
        super(16, 4);
        getStyleClass().add(STYLE_CLASS);
        setId("sweepLegend");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(
                new Ramp(),
                entry(CellText.Kind.UPPER_BOUND, "< 0.3%", "nothing tore: 95% upper bound"),
                entry(CellText.Kind.FAILED, "failed", "every trial failed"),
                entry(CellText.Kind.NOT_RUN, "", "not run yet"),
                entry(null, "", "running now"));
    }

    private static HBox entry(CellText.Kind kind, String inCell, String words) {
        Label l = new Label(words);
        l.getStyleClass().add("legend-entry");
        HBox box = new HBox(5, new Swatch(kind, inCell), l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** One cell as the heatmaps paint it; {@code kind} null: the outline of the cell running now. */
    static final class Swatch extends SweepCanvas {
        private final CellText.Kind kind;
        private final String text;

        Swatch(CellText.Kind kind, String text) {
            super(SWATCH_CLASS);
            this.kind = kind;
            this.text = text;
            canvas.getGraphicsContext2D().setFont(Font.font(11));
        }

        @Override
        protected double computePrefWidth(double height) {
            return Heatmap.CELL_W * 0.75;
        }

        @Override
        protected double computePrefHeight(double width) {
            return Heatmap.CELL_H - 4;
        }

        @Override
        protected double computeMinWidth(double height) {
            return computePrefWidth(height);
        }

        @Override
        void paint() {
            GraphicsContext gc = begin();
            gc.setFont(Font.font(11));
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            if (kind == null) {
                paintCell(gc, 0, 0, w, h, CellText.Kind.NOT_RUN, 0, "");
                gc.setStroke(currentColor.getValue());
                gc.setLineWidth(2);
                gc.strokeRect(1, 1, w - 2, h - 2);
            } else {
                paintCell(gc, 0, 0, w, h, kind, 0, text);
            }
        }
    }

    /** The colour scale with its decades marked. */
    static final class Ramp extends SweepCanvas {
        static final double WIDTH = 380;
        private static final double BAR_H = 12;
        private static final double LEFT = 26;

        Ramp() {
            super(SWATCH_CLASS);
            setId("sweepRamp");
        }

        @Override
        protected double computePrefWidth(double height) {
            return WIDTH;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 40;
        }

        @Override
        protected double computeMinWidth(double height) {
            return WIDTH;
        }

        @Override
        void paint() {
            GraphicsContext gc = begin();
            gc.setFont(Font.font(11));
            double w = canvas.getWidth() - 2 * LEFT;
            gc.setFill(textFill.getValue());
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setTextBaseline(VPos.TOP);
            gc.fillText("torn rate (pooled trials), log scale", LEFT, 0);
            double top = 15;
            for (int x = 0; x < w; x++) {
                gc.setFill(TornScale.colourAt(x / Math.max(1, w - 1)));
                gc.fillRect(LEFT + x, top, 1, BAR_H);
            }
            gc.setStroke(textFill.getValue());
            gc.setLineWidth(1);
            gc.setFill(textFill.getValue());
            gc.setTextAlign(TextAlignment.CENTER);
            List<Double> decades = TornScale.decades();
            for (double d : decades) {
                double x = Math.floor(LEFT + TornScale.position(d) * (w - 1)) + 0.5;
                gc.strokeLine(x, top + BAR_H, x, top + BAR_H + 3);
                gc.fillText(TornScale.label(d), x, top + BAR_H + 3);
            }
        }
    }
}
