package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.testing.SinkServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SO_SNDBUF and TCP_NODELAY from the setup reach every connection (read back from the OS). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SocketOptionsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"socket-stream", "channel", "channel-nonblocking", "async-channel", "socket-per-thread",
            "channel+lock"})
    void optionsAreApplied(String name) throws Exception {
        SendStrategy strategy = Loopback.strategy(name);
        try (SinkServer server = SinkServer.reading()) {
            for (boolean noDelay : new boolean[] {true, false}) {
                int sendBuffer = 64 * 1024;
                SendSetup setup = Loopback.setup(server.address(), 3, 100, 10, sendBuffer, noDelay);
                try (SenderConnection conn = strategy.open(setup)) {
                    List<AppliedOptions> applied = conn.appliedOptions();
                    assertThat(applied).hasSize(Loopback.connections(strategy, 3));
                    for (AppliedOptions o : applied) {
                        // Linux reports twice what it was given; other systems report it as is.
                        assertThat(o.sendBuffer()).isBetween(sendBuffer, 2 * sendBuffer);
                        assertThat(o.tcpNoDelay()).isEqualTo(noDelay);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"socket-stream", "channel", "async-channel"})
    void zeroKeepsTheOsDefault(String name) throws Exception {
        try (SinkServer server = SinkServer.reading()) {
            SendSetup setup = Loopback.setup(server.address(), 1, 100, 10, 0, true);
            try (SenderConnection conn = Loopback.strategy(name).open(setup)) {
                assertThat(conn.appliedOptions()).singleElement()
                        .satisfies(o -> assertThat(o.sendBuffer()).isPositive());
            }
        }
    }
}
