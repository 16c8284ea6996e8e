package dev.interleave.send;

import dev.interleave.protocol.Hello;
import java.io.IOException;

/**
 * {@code socket-per-thread}: the control group. Each thread has its own connection, so no two
 * threads ever share a socket. Every connection carries its own Hello with the run's id and
 * expectedPackets = 0, because which connection sends which packet is decided by the shared counter.
 * Each connection also carries its own sender report: its thread's row, all ones in the others'.
 */
final class SocketPerThreadStrategy implements SendStrategy {
    static final String NAME = "socket-per-thread";
    /** As socket-stream's: OutputStream.write hides its own calls. */
    static final WriteApi API = new WriteApi("java.net.Socket OutputStream.write, one connection per thread",
            false, false, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reason() {
        return "One connection per thread (the control group): nothing is shared, so nothing can tear.";
    }

    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        Hello h = setup.hello();
        return SocketConnection.open(setup, setup.threads(), new Hello(h.runId(), 0, h.threads()), API);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
