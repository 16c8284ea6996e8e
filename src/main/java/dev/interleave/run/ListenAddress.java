package dev.interleave.run;

/**
 * Where the window's verifier listens for an outside sender: an address of this machine and a port
 * ({@link Knob#LISTEN_PORT}: 0 = any free port). Loopback unless told otherwise, so that only programs
 * on this machine can reach it. Immutable; any thread.
 *
 * @param host an address or host name of this machine, as given ("127.0.0.1", "0.0.0.0", "::1")
 * @param port 0..65535
 */
public record ListenAddress(String host, int port) {
    /** Loopback: only this machine's programs can connect. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port the window suggests: {@code interleave serve}'s. */
    public static final int DEFAULT_PORT = Target.DEFAULT_PORT;

    public ListenAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no address to listen on: give one of this machine's, e.g. "
                    + DEFAULT_HOST + " (this machine only) or 0.0.0.0 (every interface)");
        }
        host = host.strip();
        Knob.LISTEN_PORT.problem(port).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Loopback on the suggested port: 127.0.0.1:11200. */
    public static ListenAddress defaults() {
        return new ListenAddress(DEFAULT_HOST, DEFAULT_PORT);
    }

    /**
     * Reads "[ADDR:]PORT": "11200" (loopback), "0.0.0.0:11200", "localhost:0", "[::1]:11200". Throws
     * IllegalArgumentException whose message names the text and what is allowed. Any thread.
     */
    public static ListenAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("enter [ADDR:]PORT, e.g. " + DEFAULT_PORT + " or " + defaults());
        }
        String host = DEFAULT_HOST;
        String port = t;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 2 || !t.startsWith("]:", close)) {
                throw new IllegalArgumentException("'" + t + "' is not [ADDR]:PORT (an IPv6 address in brackets, then"
                        + " the port, e.g. [::1]:" + DEFAULT_PORT + ")");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else if (t.indexOf(':') >= 0) {
            int colon = t.lastIndexOf(':');
            if (t.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + t + "': put an IPv6 address in brackets, e.g. [::1]:"
                        + DEFAULT_PORT);
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.isBlank()) {
                throw new IllegalArgumentException("'" + t + "' has no address before ':' (e.g. " + defaults() + ")");
            }
        }
        return new ListenAddress(host, Knob.LISTEN_PORT.parse(port));
    }

    /** "127.0.0.1:11200", "[::1]:11200": the inverse of {@link #parse}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
