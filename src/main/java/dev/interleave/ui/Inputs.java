package dev.interleave.ui;

import dev.interleave.run.Knob;
import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import java.util.Locale;

/**
 * Readers for what a person types into the control panel. Each returns the value or throws an
 * {@link InputException} whose message names the value and its range: out-of-range input is refused,
 * never clamped silently. The knobs' ranges and words are {@link Knob}'s, shared with the command line.
 * Pure functions; any thread.
 */
final class Inputs {
    private Inputs() {
    }

    /** Sending threads ({@link Knob#THREADS}). */
    static int threads(String text) throws InputException {
        return read(Knob.THREADS, text);
    }

    /** Packets in the run ({@link Knob#PACKETS}); accepts "10000", "10,000", "10k", "1M". */
    static long packets(String text) throws InputException {
        return read(Knob.PACKETS, text);
    }

    /** Payload bytes per packet ({@link Knob#PAYLOAD_SIZE}). */
    static int payload(String text) throws InputException {
        return read(Knob.PAYLOAD_SIZE, text);
    }

    /** A socket buffer in bytes; empty, "0" or "default" mean the OS default (0). */
    static int socketBuffer(String text, Knob<Integer> knob) throws InputException {
        return read(knob, text);
    }

    /** The verifier's read limit in MB/s ({@link Knob#READ_THROTTLE}); empty or 0 means no limit. */
    static double throttle(String text) throws InputException {
        return read(Knob.READ_THROTTLE, text);
    }

    /** The port to listen on for an outside sender ({@link Knob#LISTEN_PORT}: 0 = any free port). */
    static int listenPort(String text) throws InputException {
        return read(Knob.LISTEN_PORT, text);
    }

    /**
     * The address of this machine to listen on: "127.0.0.1" (this machine only), "0.0.0.0" (every
     * interface), a name; whether it is this machine's shows when listening starts.
     */
    static String listenHost(String text) throws InputException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InputException("enter an address of this machine: 127.0.0.1 (this machine only) or 0.0.0.0"
                    + " (every interface)");
        }
        if (t.chars().anyMatch(Character::isWhitespace) || t.startsWith("[") || t.contains("/")) {
            throw new InputException("'" + t + "' is not an address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        }
        return t;
    }

    /** The knob table's reading of {@code text}: one validation, with the same words as the command line. */
    private static <T extends Number> T read(Knob<T> knob, String text) throws InputException {
        Knob.Check<T> check = knob.check(text);
        if (!check.ok()) {
            throw new InputException(check.message());
        }
        return check.value();
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
                case "sndbuf" -> c.withSendBuffer(socketBuffer(value, Knob.SEND_BUFFER));
                case "rcvbuf" -> c.withReceiveBuffer(socketBuffer(value, Knob.RECEIVE_BUFFER));
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
}
