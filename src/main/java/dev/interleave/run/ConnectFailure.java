package dev.interleave.run;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Why the sender could not reach its verifier, in one line a person can act on: "could not connect to
 * 127.0.0.1:11200: connection refused", whichever layer failed (the JDK's sockets say "Connection
 * refused", the libc ones "connect to ... failed: Connection refused (ECONNREFUSED)"). Pure; any thread.
 */
public final class ConnectFailure {
    private ConnectFailure() {
    }

    /** "could not connect to HOST:PORT: REASON". */
    public static String describe(InetSocketAddress address, IOException e) {
        return "could not connect to " + hostPort(address) + ": " + reason(e);
    }

    /** The host as given (no reverse lookup), with an IPv6 address in brackets, and the port. */
    static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The last clause of the message, without an errno name, in lower case: "connection refused". */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int colon = m.lastIndexOf(": ");
        String last = (colon >= 0 ? m.substring(colon + 2) : m).replaceFirst("\\s*\\(E[A-Z0-9]+\\)$", "").strip();
        if (last.isEmpty()) {
            return m;
        }
        return Character.toLowerCase(last.charAt(0)) + last.substring(1);
    }
}
