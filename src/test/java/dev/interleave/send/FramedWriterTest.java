package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.testing.SinkServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every strategy's writer builds its frame apart from writing it, so {@link LockedStrategy} holds its
 * lock for the writes of one packet only, the same way for the Java and the native writers.
 */
class FramedWriterTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"native", "native-nonblocking", "socket-stream", "channel", "channel-nonblocking",
            "async-channel", "socket-per-thread"})
    void everyWriterIsFramed(String name) throws Exception {
        SendStrategy strategy = Loopback.strategy(name);
        assumeTrue(strategy.unavailableReason().isEmpty(), () -> strategy.unavailableReason().orElseThrow());
        try (SinkServer server = SinkServer.reading()) {
            SendSetup setup = Loopback.setup(server.address(), 2, 1_000, 10, 0, true);
            try (SenderConnection conn = strategy.open(setup)) {
                for (int t = 0; t < 2; t++) {
                    assertThat(conn.writer(t)).isInstanceOf(FramedWriter.class);
                }
            }
        }
    }
}
