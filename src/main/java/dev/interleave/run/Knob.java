package dev.interleave.run;

import dev.interleave.verify.ServerConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One knob of the lab: its name, its range, its unit, how its text is read and what is said when the
 * text is wrong. The table below is the one validation of every knob, shared by {@code run},
 * {@code send}, {@code serve}, {@link RunConfig#problems()} and the window's fields, so that a value is
 * accepted or refused, with the same words, wherever it is typed. Immutable; any thread.
 *
 * <p>Every message names the value as it was given and the knob's range, e.g. "-5 is below the
 * minimum: threads are 1 to 256" or "3GiB is above the maximum: SO_SNDBUF is 0 B to 256 MiB (0 = the
 * OS default)". Values are read exactly (never rounded, clamped or wrapped), so a size of 3 GiB is
 * named as such, not as whatever an int makes of it. A knob whose 0 has a meaning also reads empty
 * text, and its word for 0 ("default" for the socket buffers, "none" for the read throttle), as 0.
 *
 * @param <T> the value's type: Integer, Long or Double
 */
public final class Knob<T extends Number> {

    /** How a knob's text is read. */
    public enum Kind {
        /** A whole number: "20", "10,000", "10k", "1M" (k, M, G: 1000, 10^6, 10^9). */
        WHOLE,
        /** A byte count: "100000", "100 KB", "64 MiB" ({@link Sizes#parse}). */
        BYTES,
        /** A decimal number: "1.5", "250", "1e3". */
        DECIMAL
    }

    /** Port numbers are names more than amounts: they are shown without thousands separators. */
    private static final String PORT_NAME = "port";

    public static final Knob<Integer> THREADS = new Knob<>("threads", Kind.WHOLE, RunConfig.MIN_THREADS,
            RunConfig.MAX_THREADS, "threads are", null, BigDecimal::intValueExact);
    public static final Knob<Long> PACKETS = new Knob<>("packets", Kind.WHOLE, 1, RunConfig.MAX_PACKETS,
            "packets are", null, BigDecimal::longValueExact);
    public static final Knob<Integer> PAYLOAD_SIZE = new Knob<>("payload size", Kind.BYTES, 0,
            RunConfig.MAX_PAYLOAD, "payload sizes are", null, BigDecimal::intValueExact);
    public static final Knob<Integer> SEND_BUFFER = new Knob<>("SO_SNDBUF", Kind.BYTES, 0,
            RunConfig.MAX_SOCKET_BUFFER, "SO_SNDBUF is", "0 = the OS default", BigDecimal::intValueExact, "default");
    public static final Knob<Integer> RECEIVE_BUFFER = new Knob<>("SO_RCVBUF", Kind.BYTES, 0,
            RunConfig.MAX_SOCKET_BUFFER, "SO_RCVBUF is", "0 = the OS default", BigDecimal::intValueExact, "default");
    public static final Knob<Double> READ_THROTTLE = new Knob<>("read throttle", Kind.DECIMAL, 0,
            (long) RunConfig.MAX_THROTTLE, "the read throttle is", "0 = no limit", BigDecimal::doubleValue, "none");
    /** The port of a verifier to send to. */
    public static final Knob<Integer> PORT = new Knob<>(PORT_NAME, Kind.WHOLE, 1, 65535, "ports are", null,
            BigDecimal::intValueExact);
    /** The port a verifier listens on. */
    public static final Knob<Integer> LISTEN_PORT = new Knob<>(PORT_NAME, Kind.WHOLE, 0, 65535,
            "ports to listen on are", "0 = any free port", BigDecimal::intValueExact);
    /** Connections a verifier serves at once; each holds a thread and its verifier's memory. */
    public static final Knob<Integer> MAX_CONNECTIONS = new Knob<>("max connections", Kind.WHOLE, 1, 4096,
            "concurrent connections are", null, BigDecimal::intValueExact);
    /** Connections {@code serve} verifies before it exits. */
    public static final Knob<Integer> CONNECTIONS = new Knob<>("connections", Kind.WHOLE, 0, Integer.MAX_VALUE,
            "connections to serve are", "0 = until Ctrl+C", BigDecimal::intValueExact);

    /**
     * Seconds a run may send without progress before it fails (RunConfig#progressTimeout; below 0.1 s
     * but above 0 the config refuses it, with its range).
     */
    public static final Knob<Double> PROGRESS_TIMEOUT = new Knob<>("progress timeout", Kind.DECIMAL, 0,
            RunConfig.MAX_PROGRESS_TIMEOUT.toSeconds(), "progress timeouts are", "0 = wait forever",
            BigDecimal::doubleValue, "none", "s");
    /** Seconds {@code serve} waits for a byte after a Hello before it drops the connection. */
    public static final Knob<Double> IDLE_TIMEOUT = new Knob<>("idle timeout", Kind.DECIMAL, new BigDecimal("0.001"),
            BigDecimal.valueOf(ServerConfig.MAX_IDLE_TIMEOUT.toSeconds()), "idle timeouts are", null,
            BigDecimal::doubleValue, null, "s");

    private static final Pattern WHOLE = Pattern.compile("([0-9][0-9_,]*(?:\\.[0-9]+)?)\\s*([kKmMgG]?)");

    private final String name;
    private final Kind kind;
    private final BigDecimal min;
    private final BigDecimal max;
    private final String subject;
    private final String note;
    private final Function<BigDecimal, T> value;
    private final String zeroWord;
    /** A decimal knob's unit, shown once after its range: "MB/s", "s". */
    private final String unit;

    private Knob(String name, Kind kind, long min, long max, String subject, String note,
                 Function<BigDecimal, T> value) {
        this(name, kind, min, max, subject, note, value, null);
    }

    private Knob(String name, Kind kind, long min, long max, String subject, String note,
                 Function<BigDecimal, T> value, String zeroWord) {
        this(name, kind, min, max, subject, note, value, zeroWord, "MB/s");
    }

    private Knob(String name, Kind kind, long min, long max, String subject, String note,
                 Function<BigDecimal, T> value, String zeroWord, String unit) {
        this(name, kind, BigDecimal.valueOf(min), BigDecimal.valueOf(max), subject, note, value, zeroWord, unit);
    }

    private Knob(String name, Kind kind, BigDecimal min, BigDecimal max, String subject, String note,
                 Function<BigDecimal, T> value, String zeroWord, String unit) {
        this.name = name;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.subject = subject;
        this.note = note;
        this.value = value;
        this.zeroWord = zeroWord;
        this.unit = unit;
    }

    /** Every knob of the table. */
    public static List<Knob<?>> all() {
        return List.of(THREADS, PACKETS, PAYLOAD_SIZE, SEND_BUFFER, RECEIVE_BUFFER, READ_THROTTLE, PROGRESS_TIMEOUT,
                IDLE_TIMEOUT, PORT, LISTEN_PORT, MAX_CONNECTIONS, CONNECTIONS);
    }

    /** The knob's name in words: "threads", "SO_SNDBUF". */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The smallest value allowed. */
    public T min() {
        return value.apply(min);
    }

    /** The largest value allowed. */
    public T max() {
        return value.apply(max);
    }

    /** The range in the knob's unit: "1 to 256", "0 B to 64 MiB", "0 to 100,000 MB/s". */
    public String range() {
        // A rate's unit once, at the end ("0 to 100,000 MB/s"); a size's at each end, where they may differ.
        return (kind == Kind.DECIMAL ? min.toPlainString() : show(min)) + " to " + show(max);
    }

    /** The whole rule in words: "threads are 1 to 256", "SO_SNDBUF is 0 B to 256 MiB (0 = the OS default)". */
    public String describe() {
        return subject + " " + range() + (note == null ? "" : " (" + note + ")");
    }

    /**
     * The value of {@code text}, or IllegalArgumentException whose message names the text as given and
     * the range: "-5 is below the minimum: threads are 1 to 256", "'abc' is not a whole number: threads
     * are 1 to 256".
     */
    public T parse(String text) {
        String t = text == null ? "" : text.strip();
        BigDecimal v = read(t);
        if (v.compareTo(min) < 0) {
            throw new IllegalArgumentException(t + " is below the minimum: " + describe());
        }
        if (v.compareTo(max) > 0) {
            throw new IllegalArgumentException(t + " is above the maximum: " + describe());
        }
        return value.apply(v);
    }

    /** The value of {@code text}, or the message {@link #parse} would throw; never throws. */
    public Check<T> check(String text) {
        try {
            return new Check<>(parse(text), null);
        } catch (IllegalArgumentException e) {
            return new Check<>(null, e.getMessage());
        }
    }

    /**
     * What is wrong with a value already held (a RunConfig's, say), in the same words as {@link #parse}
     * with the value shown in the knob's unit; empty when it is in range.
     */
    public Optional<String> problem(T v) {
        if (v == null) {
            return Optional.of("no " + name + " given: " + describe());
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            return Optional.of(d + " is not a number: " + describe());
        }
        BigDecimal exact = v instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf(v.longValue());
        if (exact.compareTo(min) < 0) {
            return Optional.of(show(v) + " is below the minimum: " + describe());
        }
        if (exact.compareTo(max) > 0) {
            return Optional.of(show(v) + " is above the maximum: " + describe());
        }
        return Optional.empty();
    }

    /**
     * The outcome of reading a knob's text: a value, or a message naming the text and the range.
     *
     * @param value   the value, null when the text was refused
     * @param message why it was refused, null when it was not
     */
    public record Check<T>(T value, String message) {
        public boolean ok() {
            return message == null;
        }
    }

    private BigDecimal read(String t) {
        if (zeroWord != null && (t.isEmpty() || t.equalsIgnoreCase(zeroWord))) {
            return BigDecimal.ZERO; // an empty field, or "default"/"none": the knob's 0 meaning
        }
        String unsigned = t;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("\u2212")) { // ASCII hyphen-minus or the typographic minus
            negative = true;
            unsigned = t.substring(1).strip();
        } else if (t.startsWith("+")) {
            unsigned = t.substring(1).strip();
        }
        if (unsigned.isEmpty()) {
            throw new IllegalArgumentException("enter a value: " + describe());
        }
        BigDecimal v = switch (kind) {
            case WHOLE -> whole(t, unsigned);
            case BYTES -> {
                try {
                    yield Sizes.exact(unsigned);
                } catch (IllegalArgumentException e) {
                    yield fail("'" + t + "' is not a size (e.g. 100000, 100 KB or 64 MiB)");
                }
            }
            case DECIMAL -> {
                try {
                    yield new BigDecimal(unsigned.replace(",", "").replace("_", ""));
                } catch (NumberFormatException e) {
                    yield fail("'" + t + "' is not a number");
                }
            }
        };
        return negative ? v.negate() : v;
    }

    private BigDecimal whole(String t, String unsigned) {
        Matcher m = WHOLE.matcher(unsigned);
        if (!m.matches()) {
            return fail("'" + t + "' is not a whole number");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1_000;
            case "m" -> 1_000_000;
            case "g" -> 1_000_000_000;
            default -> 1;
        };
        BigDecimal v = new BigDecimal(m.group(1).replace(",", "").replace("_", "")).multiply(BigDecimal.valueOf(unit));
        if (v.stripTrailingZeros().scale() > 0) {
            return fail("'" + t + "' is not a whole number");
        }
        return v.setScale(0, RoundingMode.UNNECESSARY);
    }

    private BigDecimal fail(String what) {
        throw new IllegalArgumentException(what + ": " + describe());
    }

    private String show(BigDecimal v) {
        return switch (kind) {
            case BYTES -> Sizes.format(v.longValueExact());
            case DECIMAL -> String.format(Locale.ROOT, "%,d %s", v.longValueExact(), unit);
            case WHOLE -> name.equals(PORT_NAME) ? v.toPlainString() : String.format(Locale.ROOT, "%,d", v.longValueExact());
        };
    }

    private String show(T v) {
        return switch (kind) {
            case BYTES -> Sizes.format(v.longValue());
            case DECIMAL -> v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 1e15
                    ? String.format(Locale.ROOT, "%,d %s", v.longValue(), unit) : v + " " + unit;
            case WHOLE -> name.equals(PORT_NAME) ? String.valueOf(v.longValue())
                    : String.format(Locale.ROOT, "%,d", v.longValue());
        };
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
