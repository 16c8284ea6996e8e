package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.send.Strategies;
import dev.interleave.testing.CapturedErr;
import dev.interleave.testing.SinkServer;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerifierServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A run against a verifier that misbehaves, or against more connections than the default allows. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunRobustnessTest {

    static Stream<String> strategies() {
        return Strategies.names().stream();
    }

    @Test
    void theInProcessVerifierTakesOneConnectionPerThreadAbove64() throws Exception {
        RunConfig config = RunConfig.article().withStrategy("socket-per-thread").withThreads(80).withPackets(400)
                .withPayloadSize(100);
        RunResult r = Run.start(config).await(Duration.ofSeconds(40)).orElseThrow();
        assertThat(r.outcome()).as(r.failure()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.verdicts().intact()).isEqualTo(400);
    }

    @Test
    void stoppingARunOf2Pow32PacketsCostsTheInProcessVerifierNoMemory() throws Exception {
        // Its listener's connection ends with a Hello that claims 4,294,967,295 packets: the seal that
        // follows must count the missing ones, not allocate a verdict for each (12 GB).
        Run run = Run.start(RunConfig.article().withStrategy("channel").withThreads(2)
                .withPackets(RunConfig.MAX_PACKETS).withPayloadSize(0));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (run.snapshot().sender().packets() < 10_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        run.cancel();
        RunResult r = run.await(Duration.ofSeconds(20)).orElseThrow();
        assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(r.sender().packets()).isGreaterThanOrEqualTo(10_000);
        assertThat(r.verdicts().missing()).as("a stopped run is not sealed").isZero();
        // The listener's connection thread sealed and ended (allocating, it would still be at it).
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (verifierThreads() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(verifierThreads()).isZero();
    }

    private static long verifierThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("verifier-")).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aVerifierThatStopsReadingFailsTheRunAfterTheProgressTimeout(String strategy) throws Exception {
        assumeTrue(Strategies.byName(strategy).orElseThrow().unavailableReason().isEmpty());
        try (SinkServer verifier = SinkServer.silent(4096); CapturedErr log = new CapturedErr()) {
            RunConfig config = RunConfig.article().withStrategy(strategy).withThreads(4).withPackets(2_000)
                    .withPayloadSize(100_000).withSendBuffer(4096)
                    .withTarget(Target.remote("127.0.0.1", verifier.address().getPort()))
                    .withProgressTimeout(Duration.ofSeconds(1));
            long t0 = System.nanoTime();
            RunResult r = Run.start(config).await(Duration.ofSeconds(30)).orElseThrow();
            assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(r.failure()).isEqualTo("the verifier at 127.0.0.1:" + verifier.address().getPort() + " read nothing for 1 s");
            assertThat(r.sender().packets()).as("a partial result").isLessThan(2_000);
            assertThat(r.verdictsKnown()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(log.text()).as("said once, in the result, not in the log too").doesNotContain("WARN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aSenderOverTheVerifiersConnectionLimitIsToldWhy(String strategy) throws Exception {
        assumeTrue(Strategies.byName(strategy).orElseThrow().unavailableReason().isEmpty());
        try (CapturedErr log = new CapturedErr();
             VerifierServer server = VerifierServer.start(ServerConfig.defaults().withMaxConnections(1));
             Socket holder = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            holder.getOutputStream().write(new dev.interleave.protocol.Hello(42, 1, 1).encode());
            awaitActive(server, 1);
            RunConfig config = RunConfig.article().withStrategy(strategy).withThreads(2).withPackets(100_000)
                    .withPayloadSize(10_000).withTarget(Target.remote("127.0.0.1", server.port()));
            RunResult r = Run.start(config).await(Duration.ofSeconds(30)).orElseThrow();
            assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(r.failure()).isEqualTo("the verifier at 127.0.0.1:" + server.port()
                    + " refused the connection: it takes one sender at a time and one is connected now (a window"
                    + " showing another sender's run, or --max-connections 1): try again when that one ends");
            assertThat(log.text()).contains("refusing connection");
        }
    }

    private static void awaitActive(VerifierServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.activeConnections() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.activeConnections()).isEqualTo(n);
    }

    @Test
    void aBackChannelThatBreaksIsReportedNotSwallowed() throws Exception {
        try (Garbler verifier = new Garbler(); CapturedErr log = new CapturedErr()) {
            RunConfig config = RunConfig.article().withStrategy("channel").withThreads(2).withPackets(200)
                    .withPayloadSize(1_000).withTarget(Target.remote("127.0.0.1", verifier.port()));
            RunResult r = Run.start(config).await(Duration.ofSeconds(30)).orElseThrow();
            assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(r.failure()).isEqualTo("the results from the verifier at 127.0.0.1:" + verifier.port()
                    + " could not be read: back channel: bad magic 0x48545450 (expected \"ILVB\")");
            assertThat(r.verdictsKnown()).isFalse();
            assertThat(log.text()).as("said once, in the result, not in the log too").doesNotContain("WARN");
        }
    }

    @Test
    void theSendersNiceValueIsPartOfTheEnvironment() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        RunResult r = Run.start(RunConfig.article().withStrategy("channel").withThreads(2).withPackets(50)
                .withPayloadSize(100)).await(Duration.ofSeconds(20)).orElseThrow();
        assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.environment().senderNice()).isEqualTo(OptionalInt.of(19));
    }

    @Test
    void aProgressTimeoutIsValidated() {
        assertThat(RunConfig.article().progressTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RunConfig.article().withProgressTimeout(Duration.ZERO).problems()).isEmpty();
        assertThat(RunConfig.article().withProgressTimeout(Duration.ofMillis(50)).problems())
                .containsExactly("progress timeout 0.05 s is outside 0.1-86400 s (0 = wait forever)");
        assertThat(RunConfig.article().withProgressTimeout(Duration.ofDays(2)).problems()).hasSize(1);
        assertThat(RunConfig.article().withThreads(3).withProgressTimeout(Duration.ofSeconds(5)).withThreads(4)
                .progressTimeout()).as("kept by the other copies").isEqualTo(Duration.ofSeconds(5));
    }

    /** A "verifier" that reads everything and answers with an HTTP line instead of the back channel. */
    private static final class Garbler implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        Garbler() throws IOException {
            Thread.ofPlatform().name("garbler").daemon(true).start(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[65536];
                    while (in.read(buf) >= 0) {
                        // read all, say nothing more
                    }
                } catch (IOException closed) {
                    // closed
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
