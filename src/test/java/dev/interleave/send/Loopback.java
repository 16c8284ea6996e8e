package dev.interleave.send;

import dev.interleave.protocol.Hello;
import dev.interleave.telemetry.SenderTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/** Shared set-up of the loopback tests. */
final class Loopback {
    /** Every Java strategy, by name; the native ones are tested in their own package. */
    static final String[] JAVA = {"socket-stream", "channel", "channel-nonblocking", "async-channel", "socket-per-thread"};

    private Loopback() {
    }

    static SendStrategy strategy(String name) {
        return Strategies.byName(name).orElseThrow(() -> new AssertionError("no strategy " + name));
    }

    static SendSetup setup(InetSocketAddress target, int threads, int payload, long packets, int sendBuffer,
                           boolean noDelay) {
        long runId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return new SendSetup(target, threads, payload, new Hello(runId, packets, threads), sendBuffer, noDelay);
    }

    static SenderTelemetry telemetry(int threads, long packets) {
        return new SenderTelemetry(threads, packets, 1 << 16);
    }

    static int connections(SendStrategy s, int threads) {
        String inner = s instanceof LockedStrategy l ? l.inner().name() : s.name();
        return inner.equals("socket-per-thread") ? threads : 1;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // test clean-up
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
