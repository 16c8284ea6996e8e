package dev.interleave.ui.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.paint.Color;

/**
 * Torn rates as colours, on a log scale from {@link #LOW} (0.0001 %) to {@link #HIGH} (100 %): a rate
 * of one torn packet in a million and one in ten differ by five decades, and a linear scale would paint
 * everything below 10 % alike. The scale is fixed, not fitted to the data, so two heatmaps (and two
 * sweeps) can be compared by colour. The ramp runs from pale yellow to dark wine red, and never reaches
 * the neutral grey of a cell with no tear (which shows its upper bound instead, hatched): a tear, however
 * rare, must not look like "none". Pure; any thread.
 */
public final class TornScale {
    /** The bottom of the scale: rates at or below it take the first colour. */
    public static final double LOW = 1e-6;
    /** The top of the scale: 100 %. */
    public static final double HIGH = 1.0;
    /** Colour stops, evenly spaced over the log scale (a sequential ramp, light to dark). */
    private static final Color[] STOPS = {
            Color.web("#fff2a8"), Color.web("#fdc75c"), Color.web("#f7913a"), Color.web("#e4572e"),
            Color.web("#b8242f"), Color.web("#6e0e34")};

    private TornScale() {
    }

    /** Where {@code rate} sits on the scale, 0 (at or below {@link #LOW}) to 1 (100 %). */
    public static double position(double rate) {
        if (!(rate > LOW)) {
            return 0;
        }
        if (rate >= HIGH) {
            return 1;
        }
        return Math.log10(rate / LOW) / Math.log10(HIGH / LOW);
    }

    /** The colour of a cell whose pooled torn rate is {@code rate} (more than zero). */
    public static Color colour(double rate) {
        return colourAt(position(rate));
    }

    /** The ramp's colour at {@code position} (0-1), between its stops. */
    public static Color colourAt(double position) {
        double p = Math.max(0, Math.min(1, position)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(p));
        return STOPS[i].interpolate(STOPS[i + 1], p - i);
    }

    /** The decades the legend marks: 0.0001 %, 0.001 %, ..., 100 %. */
    public static List<Double> decades() {
        List<Double> out = new ArrayList<>();
        for (double d = LOW; d <= HIGH * 1.0001; d *= 10) {
            out.add(d);
        }
        return out;
    }

    /** A decade's label: 1e-6 -> "0.0001%", 0.01 -> "1%", 1 -> "100%". */
    public static String label(double decade) {
        double pct = decade * 100;
        if (pct >= 1) {
            return String.format(Locale.ROOT, "%.0f%%", pct);
        }
        int decimals = (int) Math.round(-Math.log10(pct));
        return String.format(Locale.ROOT, "%." + decimals + "f%%", pct);
    }

    /** Dark or light text, whichever reads on {@code fill}. */
    public static Color textOn(Color fill) {
        double luminance = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
        return luminance > 0.55 ? Color.web("#1f2328") : Color.WHITE;
    }
}
