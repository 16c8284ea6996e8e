package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.testing.SinkServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against a verifier that reads nothing, every sending thread ends up blocked (or waiting) in a
 * write; cancel() must end the job within a second, and that is not a failure.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CancelTest {
    private static final int THREADS = 4;
    private static final int PAYLOAD = 1 << 20;
    private static final long PACKETS = 1_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"socket-stream", "channel", "channel-nonblocking", "async-channel", "socket-per-thread",
            "socket-stream+lock", "channel-nonblocking+lock", "async-channel+lock"})
    void cancelEndsABlockedRunWithinOneSecond(String name) throws Exception {
        SendStrategy strategy = Loopback.strategy(name);
        try (SinkServer server = SinkServer.silent(4096)) {
            SendSetup setup = Loopback.setup(server.address(), THREADS, PAYLOAD, PACKETS, 4096, false);
            SenderTelemetry telemetry = Loopback.telemetry(THREADS, PACKETS);
            SenderConnection conn = strategy.open(setup);
            SendJob job = SendJob.start(conn, telemetry, PACKETS, THREADS);
            // Let the buffers fill and the threads block.
            assertThat(job.await(Duration.ofMillis(300))).as("a silent verifier stalls the job").isFalse();

            long t0 = System.nanoTime();
            job.cancel();
            assertThat(job.await(Duration.ofSeconds(1))).as("ended within 1 s of cancel").isTrue();
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(tookMillis).isLessThan(1_000);
            assertThat(job.cancelled()).isTrue();
            assertThat(job.failure()).as("a cancel is not a failure").isEmpty();
            assertThat(job.packetsDone()).isLessThan(PACKETS);
            job.cancel(); // idempotent
            conn.close();
        }
    }
}
