package dev.interleave.ui;

import java.util.Arrays;
import java.util.Locale;

/**
 * Byte sizes as the window shows and reads them, and the packet-size slider's log scale. The slider's
 * position is an index into {@link #STEPS}: 1-2-5 steps per decade plus the powers of two people ask
 * for (4 KiB, 64 KiB, 1 MiB, 16 MiB, 64 MiB), so dragging lands on round values and the keyboard steps
 * one round value at a time. Pure functions; any thread.
 */
final class Sizes {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * 1024;

    /** Round payload sizes, ascending: the positions of the packet-size slider. */
    static final long[] STEPS = {
            0, 1, 2, 5, 10, 20, 50, 100, 200, 500,
            1_000, 2_000, 4 * KIB, 5_000, 10_000, 20_000, 50_000, 64 * KIB, 100_000, 200_000, 500_000,
            1_000_000, MIB, 2_000_000, 5_000_000, 10_000_000, 16 * MIB, 20_000_000, 50_000_000, 64 * MIB};

    /** Slider positions that get a tick label; the others get a tick mark only. */
    private static final long[] LABELLED = {0, 100, 10_000, 1_000_000, 64 * MIB};

    private Sizes() {
    }

    /** The highest slider position. */
    static int maxIndex() {
        return STEPS.length - 1;
    }

    /** The round value at slider position {@code index} (rounded and clamped to the scale). */
    static long valueAt(double index) {
        int i = (int) Math.round(index);
        return STEPS[Math.max(0, Math.min(STEPS.length - 1, i))];
    }

    /**
     * The slider position nearest to {@code bytes} on the log scale: exact for a round value, the
     * nearest round value's position for any other.
     */
    static int indexOf(long bytes) {
        int exact = Arrays.binarySearch(STEPS, bytes);
        if (exact >= 0) {
            return exact;
        }
        int above = -exact - 1;
        if (above >= STEPS.length) {
            return STEPS.length - 1;
        }
        if (above == 0) {
            return 0;
        }
        long lo = STEPS[above - 1];
        long hi = STEPS[above];
        if (lo == 0) {
            return bytes * 2 < hi ? above - 1 : above;
        }
        double mid = Math.sqrt((double) lo * hi); // geometric midpoint: the scale is logarithmic
        return bytes < mid ? above - 1 : above;
    }

    /** The tick label at slider position {@code index}, or "" for an unlabelled tick. */
    static String tickLabel(double index) {
        long v = valueAt(index);
        if (Math.abs(index - Math.round(index)) > 1e-6) {
            return "";
        }
        for (long l : LABELLED) {
            if (l == v) {
                return dev.interleave.run.Sizes.format(v);
            }
        }
        return "";
    }

    /** A number with thousands separators, "10,000". */
    static String group(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /**
     * Reads a size typed by a person ("100000", "100 KB", "64MiB"): the engine's parser, with its
     * sentence as the field's message. Never clamps.
     */
    static long parse(String text) throws InputException {
        try {
            return dev.interleave.run.Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
