package dev.interleave.sweep;

import java.util.Locale;

/**
 * A sweep's times (elapsed, left, taken) as a clock reads, to the second: "0:07", "12:04", "1:02:03".
 * The CLI's progress line and the window's Sweep view both write them through it. Pure; any thread.
 */
public final class ClockText {
    private ClockText() {
    }

    /** Whole seconds, rounded; a negative time is "0:00". Any thread. */
    public static String of(long nanos) {
        long seconds = Math.max(0, Math.round(nanos / 1e9));
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
