package dev.interleave.send.nativeio;

import java.io.Serial;
import java.nio.channels.AsynchronousCloseException;

/**
 * A send that stopped because another thread closed the connection (cancel). It is an
 * {@link AsynchronousCloseException}, as a JDK channel would throw, so callers can tell a cancel from
 * a failure without knowing this package.
 */
final class ConnectionClosedException extends AsynchronousCloseException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String message;

    ConnectionClosedException(String what) {
        this.message = what + ": the connection was closed (cancelled)";
    }

    @Override
    public String getMessage() {
        return message;
    }
}
