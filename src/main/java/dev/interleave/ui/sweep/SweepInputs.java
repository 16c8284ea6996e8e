package dev.interleave.ui.sweep;

import dev.interleave.run.Knob;
import dev.interleave.run.Sizes;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.TrialBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the sweep form's text: lists of thread counts and payload sizes (comma separated, each read by
 * its {@link Knob}, so a value is refused with the lab's words), trials per cell, and a trial's budget.
 * Each parser throws IllegalArgumentException whose message names the value as typed and its range, and
 * never rounds or clamps. Pure; any thread.
 */
public final class SweepInputs {
    /** Commas and semicolons separate the values of a list; sizes keep their spaces ("100 KB"). */
    private static final Pattern SEPARATOR = Pattern.compile("[,;]");
    /** "000" in "10,000": a thousands separator, which a list cannot have (commas separate its values). */
    private static final Pattern THOUSANDS_TAIL = Pattern.compile("0\\d\\d");

    private SweepInputs() {
    }

    /** "1, 2, 4, 8" -> [1, 2, 4, 8]; each 1 to 256; duplicates kept once, in the order typed. */
    public static List<Integer> threads(String text) {
        return list(text, "thread count", Knob.THREADS::parse);
    }

    /** "100, 1 KB, 64KiB" -> [100, 1000, 65536]; each 0 B to 64 MiB; duplicates kept once. */
    public static List<Integer> sizes(String text) {
        return list(text, "size", Knob.PAYLOAD_SIZE::parse);
    }

    /** Trials per cell, 1 to {@link SweepPlan#MAX_TRIALS}. */
    public static int trials(String text) {
        String t = text == null ? "" : text.strip();
        String range = String.format(Locale.ROOT, "trials per cell are 1 to %,d", SweepPlan.MAX_TRIALS);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("enter a value: " + range);
        }
        long v;
        try {
            v = Long.parseLong(t.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a whole number: " + range);
        }
        if (v < 1) {
            throw new IllegalArgumentException(t + " is below the minimum: " + range);
        }
        if (v > SweepPlan.MAX_TRIALS) {
            throw new IllegalArgumentException(t + " is above the maximum: " + range);
        }
        return (int) v;
    }

    /** What one trial sends: "20 MB" of frames ({@code inBytes}), or a number of packets. */
    public static TrialBudget budget(String text, boolean inBytes) {
        if (!inBytes) {
            return TrialBudget.ofPackets(Knob.PACKETS.parse(text));
        }
        String t = text == null ? "" : text.strip();
        String range = "bytes per trial are 1 B to 1 TB";
        long b;
        try {
            b = Sizes.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + range);
        }
        if (b < 1) {
            throw new IllegalArgumentException(t + " is below the minimum: " + range);
        }
        if (b > TrialBudget.MAX_BYTES) {
            throw new IllegalArgumentException(t + " is above the maximum: " + range);
        }
        return TrialBudget.ofBytes(b);
    }

    /** A list's values, as a text field shows them: "1, 2, 4" or "100 B, 1 KB, 10 KB". */
    public static String threadsText(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    /** Sizes as the field shows them: "100 B, 1 KB, 10 KB, 100 KB, 1 MB". */
    public static String sizesText(List<Integer> values) {
        return String.join(", ", values.stream().map(v -> Sizes.format(v)).toList());
    }

    private interface Reader {
        Integer read(String text);
    }

    private static List<Integer> list(String text, String what, Reader reader) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("enter at least one " + what + ", e.g. 1, 2, 4");
        }
        List<Integer> out = new ArrayList<>();
        for (String item : SEPARATOR.split(t, -1)) {
            String v = item.strip();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("an empty " + what + " between two commas in '" + t + "'");
            }
            if (THOUSANDS_TAIL.matcher(v).matches() && !out.isEmpty()) {
                throw new IllegalArgumentException("'" + v + "' looks like the end of a number with a thousands"
                        + " separator: commas separate the values here, so write 10000 or 10 KB, not 10,000");
            }
            Integer n = reader.read(v);
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }
}
