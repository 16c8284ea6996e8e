package dev.interleave.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people type and read them: "100000", "100 KB", "64MiB", "1.5 MB". Decimal units
 * (KB, MB, GB) are powers of 1000, binary ones (KiB, MiB, GiB) powers of 1024, as on the wire the
 * difference matters. The lab's one byte formatter ({@link #format}): the CLI, the reports and the
 * window all show sizes through it. Pure functions; any thread.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile(
            "\\s*([0-9][0-9_,]*(?:\\.[0-9]+)?|\\.[0-9]+)\\s*([a-zA-Z]*)\\s*");
    /** Unit prefixes, kilo to exa; {@code DECIMAL[p]} is 1000^(p+1), the binary unit 1024^(p+1). */
    private static final String PREFIXES = "KMGTPE";
    private static final long[] DECIMAL = {1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L,
            1_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private Sizes() {
    }

    /**
     * Parses a byte count as a person types it: "100000", "100,000", "100 KB", "64MiB", "1.5 MB", "4k".
     * Throws IllegalArgumentException with a sentence that quotes the text and says what is wrong
     * (not a size, an unknown unit, not a whole number of bytes, too large); never rounds or clamps.
     */
    public static long parse(String text) {
        BigDecimal bytes = exact(text);
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is too large");
        }
    }

    /**
     * The exact byte count a person typed, however large (a whole number, scale 0), for range checks
     * that must name a value beyond any long. Throws as {@link #parse} does for text that is no size.
     */
    static BigDecimal exact(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("enter a size, e.g. 100000, 100 KB or 64 MiB");
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a size; try 100000, 100 KB or 64 MiB");
        }
        BigDecimal number = new BigDecimal(m.group(1).replace(",", "").replace("_", ""));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal bytes;
        if (unit.isEmpty() || unit.equals("b")) {
            bytes = number;
        } else {
            int p = PREFIXES.indexOf(Character.toUpperCase(unit.charAt(0)));
            String rest = unit.substring(1);
            if (p < 0 || !(rest.isEmpty() || rest.equals("b") || rest.equals("i") || rest.equals("ib"))) {
                throw new IllegalArgumentException("unknown unit '" + m.group(2) + "'; use B, KB, KiB, MB or MiB");
            }
            BigDecimal size = rest.startsWith("i") ? BigDecimal.valueOf(1L << (10 * (p + 1)))
                    : BigDecimal.valueOf(DECIMAL[p]);
            bytes = number.multiply(size);
        }
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + t + "' is not a whole number of bytes");
        }
        return bytes.setScale(0, RoundingMode.UNNECESSARY);
    }

    /**
     * A byte count as the lab shows it, exactly: the largest unit that divides it into a whole number,
     * decimal before binary at the same prefix ("100 KB", "1,024 KB", "4 KiB", "64 MiB", "3 GiB"), else
     * bytes with thousands separators ("12,345 B"). Never rounded: in a lab about where bytes land, a size
     * shown must be the size. Decimal first because the lab's round values are decimal (the size slider's
     * 1-2-5 steps, the article's 100,000 B, rates in MB/s as iperf3 prints them); binary where only a
     * power of two is whole (socket buffers, the 64 MiB payload limit). Any long, 2 GiB and more included.
     */
    public static String format(long bytes) {
        if (bytes > 0) {
            for (int p = PREFIXES.length() - 1; p >= 0; p--) {
                long decimal = DECIMAL[p];
                if (bytes % decimal == 0) {
                    return group(bytes / decimal) + " " + PREFIXES.charAt(p) + "B";
                }
                long binary = 1L << (10 * (p + 1));
                if (bytes % binary == 0) {
                    return group(bytes / binary) + " " + PREFIXES.charAt(p) + "iB";
                }
            }
        }
        return group(bytes) + " B";
    }

    /** The unit form with the exact bytes beside it: "100 KB (100,000 B)"; "512 B" when they are the same. */
    public static String formatLong(long bytes) {
        String unit = format(bytes);
        String exact = group(bytes) + " B";
        return unit.equals(exact) ? exact : unit + " (" + exact + ")";
    }

    private static String group(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A rate in decimal units, as iperf3 prints: "2.41 GB/s", "850 MB/s", "512 B/s". */
    public static String rate(double bytesPerSecond) {
        String[] units = {"B/s", "KB/s", "MB/s", "GB/s", "TB/s"};
        double v = Math.max(0, bytesPerSecond);
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 || u == 0 ? "%.0f %s" : "%.2f %s", v, units[u]);
    }
}
