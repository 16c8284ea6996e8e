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
            "\\s*([0-9][0-9_,]*(?:\\.[0-9]+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\\s*", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /**
     * Parses a byte count. Throws IllegalArgumentException with a message that quotes the text when
     * it is not a size or not a whole number of bytes.
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (try 100000, 100 KB or 64 MiB)");
        }
        String number = m.group(1).replace("_", "").replace(",", "");
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "b" -> 1L;
            case "k", "kb" -> 1000L;
            case "kib" -> 1024L;
            case "m", "mb" -> 1000L * 1000;
            case "mib" -> 1024L * 1024;
            case "g", "gb" -> 1000L * 1000 * 1000;
            case "gib" -> 1024L * 1024 * 1024;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit");
        };
        java.math.BigDecimal bytes = new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(multiplier));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes or too large");
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

    /** A rate: "2.41 GB/s", "850 MB/s", "12.0 KB/s". */
    public static String rate(double bytesPerSecond) {
        String[] units = {"B/s", "KB/s", "MB/s", "GB/s"};
        double v = bytesPerSecond;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.2f %s", v, units[u]);
    }
}
