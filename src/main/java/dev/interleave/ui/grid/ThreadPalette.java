package dev.interleave.ui.grid;

import javafx.scene.paint.Color;

/**
 * Distinguishable colours for up to 256 sending threads: hues a golden angle apart, so neighbouring
 * thread indices never look alike, cycling through four saturation/brightness tiers so that hues that
 * come close again after many threads still differ (the least RGB distance among 64 threads is 0.10). Mid-tone, so they read on light and dark backgrounds.
 */
public final class ThreadPalette {
    /** Threads the lab allows. */
    public static final int SIZE = 256;
    private static final double GOLDEN_ANGLE = 137.50776405;
    private static final double[] SATURATION = {0.70, 0.95, 0.50, 0.90};
    private static final double[] BRIGHTNESS = {0.90, 0.70, 0.80, 0.55};
    private static final int[] ARGB = new int[SIZE];

    static {
        for (int t = 0; t < SIZE; t++) {
            ARGB[t] = GridColors.argb(color(t));
        }
    }

    private ThreadPalette() {
    }

    /** The colour of thread {@code t} (any non-negative index; wraps at 256). Any thread. */
    public static Color color(int t) {
        int i = Math.floorMod(t, SIZE);
        double hue = (i * GOLDEN_ANGLE + 210) % 360;
        int tier = i % SATURATION.length;
        return Color.hsb(hue, SATURATION[tier], BRIGHTNESS[tier]);
    }

    /** Premultiplied ARGB by thread index, shared and never modified. */
    static int[] argb() {
        return ARGB;
    }
}
