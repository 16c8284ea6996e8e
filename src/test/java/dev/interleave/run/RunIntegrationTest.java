package dev.interleave.run;

import static dev.interleave.testing.TornStreams.assertOnlyCoincidencesUnattributed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.SenderReport;
import dev.interleave.send.Strategies;
import dev.interleave.verify.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every strategy end to end over real loopback sockets, asserting only what must hold on every run:
 * one verdict per packet, every byte accounted for, and no tearing where the JDK or a lock
 * serialises the writes. Whether the unsafe strategies tear is chance, so it is not asserted.
 */
class RunIntegrationTest {
    private static final List<String> SERIALISED = List.of("socket-stream", "channel", "socket-per-thread");

    static Stream<Arguments> strategies() {
        return Strategies.names().stream().flatMap(n -> Stream.of(Arguments.of(n, false), Arguments.of(n, true)));
    }

    @ParameterizedTest(name = "{0} lock={1}")
    @MethodSource("strategies")
    void everyPacketGetsOneVerdictAndEveryByteIsAccounted(String strategy, boolean lock) throws Exception {
        RunConfig config = RunConfig.article().withStrategy(strategy).withLock(lock).withThreads(6)
                .withPackets(300).withPayloadSize(20_000);
        RunResult r = Run.start(config).await(Duration.ofSeconds(60)).orElseThrow();

        assertThat(r.outcome()).as(r.failure()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.verdictsKnown()).isTrue();
        assertThat(r.sender().packets()).isEqualTo(300);
        assertThat(r.verdicts().decided()).isEqualTo(300);
        assertThat(r.verdicts().pending()).isZero();
        assertThat(r.verdicts().missing()).isZero();
        assertThat(r.verdicts().intact() + r.verdicts().torn() + r.verdicts().duplicate()).isEqualTo(300);
        assertThat(r.bytesReceived()).isEqualTo(r.bytesSent());
        assertOnlyCoincidencesUnattributed(r.unattributedBytes(), r.verdicts().torn(), r.torn(), r.problems());
        long frames = 300L * (24 + 20_000);
        assertThat(r.sender().bytes()).isEqualTo(frames);
        byte[] verdicts = new byte[300];
        r.packets().copyVerdicts(0, verdicts, 0, 300);
        short[] threads = new short[300];
        r.packets().copyThreads(0, threads, 0, 300);
        for (int i = 0; i < 300; i++) {
            assertThat(Verdict.values()[verdicts[i]]).isIn(Verdict.INTACT, Verdict.TORN);
            assertThat((int) threads[i]).isBetween(0, 5);
        }
        if (lock || SERIALISED.contains(strategy)) {
            assertThat(r.verdicts().torn()).as("torn packets with %s lock=%s", strategy, lock).isZero();
            assertThat(r.verdicts().intact()).isEqualTo(300);
            assertThat(r.verdict()).isEqualTo(RunVerdict.INTACT);
            assertThat(r.verdictText()).startsWith("0 of 300 torn: with 95% confidence");
        }
        if (strategy.equals("async-channel")) {
            // One write may be pending at a time, but a write may complete partially, and another
            // thread's write can then land before the rest: a tear needs a partial completion.
            assertThat(r.verdicts().torn()).isLessThanOrEqualTo(r.sender().partialSends());
        }
        if (strategy.equals("native")) {
            // Blocking send() loops: every partial send left a rest behind, never more tears than
            // packets, and no send ever wrote more than asked.
            assertThat(r.sender().sendCalls()).isEqualTo(300 + r.sender().partialSends());
        }
        assertThat(r.torn()).hasSizeLessThanOrEqualTo((int) r.verdicts().torn());
        assertReportReceivedAndAccounted(r, strategy, threads);
    }

    /**
     * The sender report arrived on every connection and its bytes are report bytes: all the bytes
     * sent beyond the Hellos and the frames, received, with nothing unattributable and no problem. Its
     * rows claim what the threads counted, which here is what the frames' thread indexes say.
     */
    private static void assertReportReceivedAndAccounted(RunResult r, String strategy, short[] threads) {
        assertThat(r.reportSource()).isEqualTo(RunResult.ReportSource.RECEIVED_BY_THE_VERIFIER);
        SenderReport report = r.report().orElseThrow(() -> new AssertionError("no sender report received"));
        int connections = strategy.equals("socket-per-thread") ? 6 : 1;
        long frames = 300L * (24 + 20_000);
        long reportBytes = r.bytesSent() - 32L * connections - frames;
        assertThat(reportBytes).as("report bytes sent").isEqualTo((long) connections * report.encode().length);
        assertThat(r.bytesReceived()).isEqualTo(r.bytesSent());
        assertOnlyCoincidencesUnattributed(r.unattributedBytes(), r.verdicts().torn(), r.torn(), r.problems());
        assertThat(report.threads()).hasSize(6);
        assertThat(report.description()).startsWith("Java ").contains(r.config().lock() ? ", locked" : "");
        long[] framesOfThread = new long[6];
        for (short t : threads) {
            framesOfThread[t]++;
        }
        for (int t = 0; t < 6; t++) {
            SenderReport.ThreadCounts c = report.threads().get(t);
            assertThat(c.packets()).as("packets claimed by thread %d", t)
                    .isEqualTo(r.sender().threads().get(t).packets()).isEqualTo(framesOfThread[t]);
            if (SenderReport.ThreadCounts.isMeasured(c.sendCalls())) {
                assertThat(c.sendCalls()).isEqualTo(r.sender().threads().get(t).sendCalls());
            }
        }
    }

    @Test
    void stopTakesEffectWithinASecondAndLeavesAPartialResult() throws Exception {
        RunConfig config = RunConfig.article().withStrategy("socket-stream").withThreads(2).withPackets(1_000_000)
                .withPayloadSize(100_000).withSendBuffer(4096).withReceiveBuffer(4096).withReadThrottle(1);
        Run run = Run.start(config);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (run.snapshot().sender().packets() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        run.cancel();
        RunResult r = run.await(Duration.ofSeconds(5)).orElseThrow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isLessThan(1.5);
        assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(r.verdictText()).startsWith("Stopped after");
        assertThat(r.sender().packets()).isLessThan(1_000_000);
        assertThat(run.phase()).isEqualTo(RunPhase.CANCELLED);
        // The stop cuts the packets in flight; socket-stream cannot tear, so a cut is not a tear, and
        // what was never verified stays pending, not missing.
        assertThat(r.verdicts().torn()).isZero();
        assertThat(r.verdicts().missing()).isZero();
        assertThat(r.verdict()).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(r.verdicts().pending()).isEqualTo(1_000_000 - r.trials());
        assertThat(r.verdictText()).doesNotContain("torn,").contains(" 0 of " + String.format("%,d", r.trials()) + " torn");
    }

    @Test
    void anUnreachableVerifierFailsWithAClearMessage() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RunConfig config = RunConfig.defaults().withStrategy("channel").withTarget(Target.remote("127.0.0.1", port));
        RunResult r = Run.start(config).await(Duration.ofSeconds(20)).orElseThrow();
        assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(r.failure()).isEqualTo("could not connect to 127.0.0.1:" + port + ": connection refused");
        assertThat(r.verdictText()).startsWith("Failed:");
    }

    @Test
    void aBadConfigIsRefusedWithEveryProblemNamed() {
        RunConfig bad = RunConfig.article().withThreads(0).withPayloadSize(-1).withStrategy("nope");
        assertThat(bad.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("0 is below the minimum: threads are 1 to 256"))
                .anySatisfy(p -> assertThat(p).contains("-1 B is below the minimum: payload sizes"))
                .anySatisfy(p -> assertThat(p).contains("'nope'"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Run.start(bad))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void stopDoesNotWaitForAConnectThatHangs() throws Exception {
        // A listener whose accept queue is full drops new SYNs, so a connect to it hangs.
        try (var full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (java.io.IOException e) {
                        s.close();
                        break; // the queue is full now
                    }
                }
                assertThat(fillers).as("the accept queue filled up").hasSizeLessThan(8);
                Run run = Run.start(RunConfig.defaults().withStrategy("socket-stream")
                        .withTarget(Target.remote("127.0.0.1", full.getLocalPort())));
                Thread.sleep(300);
                long t0 = System.nanoTime();
                run.cancel();
                RunResult r = run.await(Duration.ofSeconds(5)).orElseThrow();
                assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.5);
                assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
                assertThat(r.sender().packets()).isZero(); // it never got past the connect
            } finally {
                for (java.net.Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
