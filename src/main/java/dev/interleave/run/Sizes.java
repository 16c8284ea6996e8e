package dev.interleave.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people type and read them: "100000", "100 KB", "64MiB", "1.5 MB". Decimal units
 * (KB, MB, GB) are powers of 1000, binary ones (KiB, MiB, GiB) powers of 1024, as on the wire the
 * difference matters. Pure functions; any thread.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile(
            "\\s*([0-9][0-9_,]*(?:\\.[0-9]+)?|\\.[0-9]+)\\s*([a-zA-Z]*)\\s*");
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private Sizes() {
    }

    /**
     * Parses a byte count as a person types it: "100000", "100,000", "100 KB", "64MiB", "1.5 MB", "4k".
     * Throws IllegalArgumentException with a sentence that quotes the text and says what is wrong
     * (not a size, an unknown unit, not a whole number of bytes, too large); never rounds or clamps.
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("enter a size, e.g. 100000, 100 KB or 64 MiB");
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a size; try 100000, 100 KB or 64 MiB");
        }
        java.math.BigDecimal number = new java.math.BigDecimal(m.group(1).replace(",", "").replace("_", ""));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kb" -> 1_000;
            case "ki", "kib" -> KIB;
            case "m", "mb" -> 1_000_000;
            case "mi", "mib" -> MIB;
            case "g", "gb" -> 1_000_000_000;
            case "gi", "gib" -> 1024 * MIB;
            default -> throw new IllegalArgumentException("unknown unit '" + m.group(2)
                    + "'; use B, KB, KiB, MB or MiB");
        };
        java.math.BigDecimal bytes = number.multiply(java.math.BigDecimal.valueOf(unit));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + t + "' is not a whole number of bytes");
        }
        try {
            return bytes.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + t + "' is too large");
        }
    }

    /**
     * A short label: exact binary units where they fit ("64 MiB", "4 KiB"), else decimal ones
     * ("100 KB", "1.5 MB"), else bytes ("100 B").
     */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] bin = {"KiB", "MiB", "GiB"};
        for (int i = bin.length - 1; i >= 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + " " + bin[i];
            }
        }
        String[] dec = {"KB", "MB", "GB"};
        for (int i = dec.length - 1; i >= 0; i--) {
            long unit = (long) Math.pow(1000, i + 1);
            if (bytes >= unit) {
                double v = (double) bytes / unit;
                return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v)) + " "
                        + dec[i];
            }
        }
        return bytes + " B";
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
