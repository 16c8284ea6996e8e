package dev.interleave.ui;

import java.util.Locale;

/** How the window writes times and rates. Pure functions; any thread. */
final class Formats {
    private Formats() {
    }

    /** "0:07.3", "12:04.0", or "–" when unknown (negative). */
    static String duration(long nanos) {
        if (nanos < 0) {
            return "–";
        }
        long tenths = nanos / 100_000_000L;
        long minutes = tenths / 600;
        double seconds = (tenths % 600) / 10.0;
        if (minutes >= 60) {
            return String.format(Locale.ROOT, "%d:%02d:%04.1f", minutes / 60, minutes % 60, seconds);
        }
        return String.format(Locale.ROOT, "%d:%04.1f", minutes, seconds);
    }
}
