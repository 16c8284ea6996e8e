package dev.interleave.ui;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers for what a person types into the control panel. Each returns the value or throws an
 * {@link InputException} whose message names the value and its range: out-of-range input is refused,
 * never clamped silently. Pure functions; any thread.
 */
final class Inputs {
    private static final Pattern COUNT = Pattern.compile("\\s*([0-9][0-9_,]*(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");

    private Inputs() {
    }

    /** Sending threads, 1-256. */
    static int threads(String text) throws InputException {
        long v = wholeNumber(text, "a thread count, e.g. 20");
        String range = "threads: " + RunConfig.MIN_THREADS + "-" + RunConfig.MAX_THREADS;
        if (v < RunConfig.MIN_THREADS) {
            throw new InputException(text.strip() + " is below the minimum, " + RunConfig.MIN_THREADS + " (" + range + ")");
        }
        if (v > RunConfig.MAX_THREADS) {
            throw new InputException(text.strip() + " is above the maximum, " + RunConfig.MAX_THREADS + " (" + range + ")");
        }
        return (int) v;
    }

    /** Packets in the run, 1 to 2^32-1; accepts "10000", "10,000", "10k", "1M". */
    static long packets(String text) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InputException("enter a packet count, e.g. 10000 or 10k");
        }
        String range = "packets: 1 to " + Sizes.group(RunConfig.MAX_PACKETS);
        Matcher m = COUNT.matcher(t);
        if (!m.matches()) {
            if (isNegativeNumber(t)) {
                throw new InputException(t + " is below the minimum, 1 (" + range + ")");
            }
            throw new InputException("'" + t + "' is not a number; try 10000 or 10k");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 1;
            case "k" -> 1_000;
            case "m" -> 1_000_000;
            case "g" -> 1_000_000_000;
            default -> throw new InputException("unknown suffix '" + m.group(2) + "'; use k or M");
        };
        long v;
        try {
            v = new java.math.BigDecimal(m.group(1).replace(",", "").replace("_", ""))
                    .multiply(java.math.BigDecimal.valueOf(unit)).longValueExact();
        } catch (ArithmeticException e) {
            throw new InputException("'" + t + "' is not a whole number of packets");
        }
        if (v < 1) {
            throw new InputException(Sizes.group(v) + " is below the minimum, 1 (" + range + ")");
        }
        if (v > RunConfig.MAX_PACKETS) {
            throw new InputException(Sizes.group(v) + " is above the maximum, " + Sizes.group(RunConfig.MAX_PACKETS)
                    + " (" + range + ")");
        }
        return v;
    }

    /** Payload bytes per packet, 0 B - 64 MiB. */
    static int payload(String text) throws InputException {
        String range = "packet size: 0 B to 64 MiB";
        long v = size(text, range);
        if (v > RunConfig.MAX_PAYLOAD) {
            throw new InputException(Sizes.group(v) + " B is above the maximum, 64 MiB (" + range + ")");
        }
        return (int) v;
    }

    /** A socket buffer in bytes; empty, "0" or "default" mean the OS default (0). */
    static int socketBuffer(String text, String option) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("default")) {
            return 0;
        }
        String range = option + ": 0 (the OS default) to 256 MiB";
        long v = size(t, range);
        if (v > RunConfig.MAX_SOCKET_BUFFER) {
            throw new InputException(Sizes.group(v) + " B is above the maximum, 256 MiB (" + range + ")");
        }
        return (int) v;
    }

    /** A size as {@link Sizes#parse} reads it; a negative one is named as below the minimum, 0 B. */
    private static long size(String text, String range) throws InputException {
        String t = text == null ? "" : text.strip();
        if (!isNegativeNumber(t)) {
            return Sizes.parse(t);
        }
        long magnitude;
        try {
            magnitude = Sizes.parse(t.substring(1));
        } catch (InputException e) {
            throw new InputException("'" + t + "' is not a size; try 100000, 100 KB or 64 MiB");
        }
        throw new InputException("-" + Sizes.group(magnitude) + " B is below the minimum, 0 B (" + range + ")");
    }

    /** The verifier's read limit in MB/s; empty or 0 means no limit. */
    static double throttle(String text) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return 0;
        }
        double v;
        try {
            v = Double.parseDouble(t.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InputException("'" + t + "' is not a number of MB/s");
        }
        String range = "read throttle: 0 (no limit) to " + Sizes.group((long) RunConfig.MAX_THROTTLE) + " MB/s";
        if (v < 0) {
            throw new InputException(t + " MB/s is below the minimum, 0 (" + range + ")");
        }
        if (!(v <= RunConfig.MAX_THROTTLE)) {
            throw new InputException(t + " MB/s is above the maximum (" + range + ")");
        }
        return v;
    }

    /**
     * Applies a spec such as {@code threads=20,packets=1000000,size=100 KB,strategy=native,lock=false} to
     * {@code base}. Keys: threads, packets, size, strategy, lock, sndbuf, rcvbuf, throttle, nodelay, target.
     */
    static RunConfig spec(String spec, RunConfig base) throws InputException {
        RunConfig c = base;
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new InputException("'" + part.strip() + "' is not key=value");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            c = switch (key) {
                case "threads" -> c.withThreads(threads(value));
                case "packets" -> c.withPackets(packets(value));
                case "size", "payload" -> c.withPayloadSize(payload(value));
                case "strategy" -> {
                    boolean locked = value.endsWith("+lock");
                    String name = locked ? value.substring(0, value.length() - 5) : value;
                    if (dev.interleave.send.Strategies.byName(name).isEmpty()) {
                        throw new InputException("strategy '" + name + "' is not one of "
                                + String.join(", ", dev.interleave.send.Strategies.names()));
                    }
                    yield locked ? c.withStrategy(name).withLock(true) : c.withStrategy(name);
                }
                case "lock" -> c.withLock(bool(key, value));
                case "sndbuf" -> c.withSendBuffer(socketBuffer(value, "SO_SNDBUF"));
                case "rcvbuf" -> c.withReceiveBuffer(socketBuffer(value, "SO_RCVBUF"));
                case "throttle" -> c.withReadThrottle(throttle(value));
                case "nodelay" -> c.withTcpNoDelay(bool(key, value));
                case "target" -> c.withTarget(Target.parse(value));
                default -> throw new InputException("unknown knob '" + key + "'");
            };
        }
        return c;
    }

    /** Only "true" or "false": "ture" must not quietly mean false. */
    private static boolean bool(String key, String value) throws InputException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InputException(key + "=" + value + ": use true or false");
        };
    }

    /**
     * The address of an 'interleave serve', "host:port" (the port defaults to 11200); never the
     * in-process target.
     */
    static Target remote(String text) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InputException("enter the host:port of an 'interleave serve'");
        }
        Target target = Target.parse(t);
        if (target.isInProcess()) {
            throw new InputException("'" + t + "' is not a remote verifier; choose In this process instead");
        }
        if (target.host().isBlank()) {
            throw new InputException("'" + t + "' has no host");
        }
        if (target.port() < 1 || target.port() > 65535) {
            throw new InputException("the port in '" + t + "' is not 1-65535");
        }
        return target;
    }

    /** "-5", "- 5 KB", "-1,000": a minus sign before digits (a number, only a negative one). */
    private static boolean isNegativeNumber(String t) {
        return t.matches("-\\s*[0-9].*");
    }

    private static long wholeNumber(String text, String example) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InputException("enter " + example);
        }
        String digits = t.replace(",", "").replace("_", "");
        if (!digits.matches("-?[0-9]+")) {
            throw new InputException("'" + t + "' is not a whole number");
        }
        // More digits than a long holds: beyond any range, on the side the sign says.
        if (digits.length() > 18) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Long.parseLong(digits);
    }
}
