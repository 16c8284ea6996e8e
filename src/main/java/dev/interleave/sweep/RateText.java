package dev.interleave.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Rates as short percentages with two significant digits, for tables and tooltips. Bounds round
 * outwards (a lower end down, an upper end up), so the printed interval never claims more than the
 * computed one. Pure; any thread.
 */
public final class RateText {
    private RateText() {
    }

    /** 0.4123 -> "41%", 0.01234 -> "1.2%", 0.000299 -> "0.030%", 0 -> "0%". */
    public static String percent(double rate) {
        return number(rate * 100, RoundingMode.HALF_EVEN) + "%";
    }

    /** An upper bound, rounded up: 0.000299573 -> "0.030%", 0.000301 -> "0.031%". */
    public static String upperBound(double rate) {
        return number(rate * 100, RoundingMode.CEILING) + "%";
    }

    /** The two ends of an interval, rounded outwards: "0.93-1.6%". */
    public static String range(double low, double high) {
        return number(low * 100, RoundingMode.FLOOR) + "-" + number(high * 100, RoundingMode.CEILING) + "%";
    }

    private static String number(double pct, RoundingMode mode) {
        if (!(pct > 0)) {
            return "0";
        }
        double rounded = new BigDecimal(pct).round(new MathContext(2, mode)).doubleValue();
        if (rounded >= 10) {
            return String.format(Locale.ROOT, "%.0f", rounded);
        }
        // Two significant digits: 1.2, 0.93, 0.030, 0.0000041.
        int decimals = Math.max(1, 1 - (int) Math.floor(Math.log10(rounded)));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 15) + "f", rounded);
    }
}
