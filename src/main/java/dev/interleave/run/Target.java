package dev.interleave.run;

/**
 * Where the verifier runs: in this process on loopback, or an {@code interleave serve} at host:port.
 * Immutable.
 *
 * @param host null for the in-process verifier
 * @param port the remote verifier's port (ignored in process)
 */
public record Target(String host, int port) {
    /** The port of {@code interleave serve} unless told otherwise: the article's. */
    public static final int DEFAULT_PORT = 11200;

    /** The in-process verifier on loopback, on a port the OS picks. */
    public static Target inProcess() {
        return new Target(null, 0);
    }

    /** A verifier that an {@code interleave serve} runs at {@code host:port}. */
    public static Target remote(String host, int port) {
        return new Target(host, port);
    }

    public boolean isInProcess() {
        return host == null;
    }

    /**
     * Parses "in-process" (or empty), "host:port", "host" (default port), or an IPv6 address as
     * "[::1]:port" / "[::1]" / "::1"; the inverse of {@link #toString()}.
     */
    public static Target parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("in-process")) {
            return inProcess();
        }
        if (s.startsWith("[")) { // [IPv6]:port or [IPv6]
            int close = s.indexOf(']');
            if (close > 1) {
                String host = s.substring(1, close);
                String rest = s.substring(close + 1);
                if (rest.isEmpty()) {
                    return remote(host, DEFAULT_PORT);
                }
                if (rest.startsWith(":")) {
                    try {
                        return remote(host, Integer.parseInt(rest.substring(1)));
                    } catch (NumberFormatException e) {
                        return remote(host, -1);
                    }
                }
            }
            return remote(s, -1);
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            String portText = s.substring(colon + 1);
            try {
                return remote(s.substring(0, colon), Integer.parseInt(portText));
            } catch (NumberFormatException e) {
                return remote(s.substring(0, colon), -1);
            }
        }
        return remote(s, DEFAULT_PORT);
    }

    @Override
    public String toString() {
        if (isInProcess()) {
            return "in-process";
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port; // IPv6 in brackets
    }
}
