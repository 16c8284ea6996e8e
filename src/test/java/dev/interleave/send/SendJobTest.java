package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.protocol.SenderReport;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.testing.SinkServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine alone, over a fake connection whose writers only record what they are asked. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SendJobTest {

    /** A connection whose writers count sends per packet id; {@code onSend} may throw or block. */
    private static final class FakeConnection implements SenderConnection {
        final AtomicIntegerArray sends;
        final Set<String> senderNames = ConcurrentHashMap.newKeySet();
        final Set<Thread> writerCallers = ConcurrentHashMap.newKeySet();
        final AtomicInteger finishes = new AtomicInteger();
        final List<SenderReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        final SendAction onSend;
        volatile boolean holdReport;

        FakeConnection(int packets, SendAction onSend) {
            this.sends = new AtomicIntegerArray(packets);
            this.onSend = onSend;
        }

        @Override
        public PacketWriter writer(int threadIndex) {
            writerCallers.add(Thread.currentThread());
            return (id, recorder) -> {
                senderNames.add(Thread.currentThread().getName());
                onSend.send(this, id);
                sends.incrementAndGet((int) id);
                recorder.sendCall(id, 10, 10);
            };
        }

        @Override
        public long finishSending(SenderReport report) throws IOException {
            finishes.incrementAndGet();
            if (holdReport) {
                awaitClose(this); // a verifier that stopped reading: the write waits until the close
                throw new IOException("closed while writing the sender report");
            }
            reports.add(report);
            return 0;
        }

        @Override
        public long runId() {
            return 42;
        }

        @Override
        public WriteApi writeApi() {
            return new WriteApi("a fake", true, true, false);
        }

        @Override
        public List<InputStream> resultStreams() {
            return List.of(InputStream.nullInputStream());
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }

    @FunctionalInterface
    private interface SendAction {
        void send(FakeConnection conn, long id) throws IOException;
    }

    private static final SendAction NOTHING = (c, id) -> { };

    @Test
    void everyPacketIsSentOnceByTheNamedThreads() throws Exception {
        int packets = 20_000;
        FakeConnection conn = new FakeConnection(packets, NOTHING);
        SenderTelemetry telemetry = Loopback.telemetry(4, packets);
        SendJob job = SendJob.start(conn, telemetry, packets, 4);
        job.await();

        assertThat(job.failure()).isEmpty();
        assertThat(job.cancelled()).isFalse();
        assertThat(job.finished()).isTrue();
        assertThat(job.packetsDone()).isEqualTo(packets);
        for (int id = 0; id < packets; id++) {
            assertThat(conn.sends.get(id)).as("sends of %d", id).isEqualTo(1);
        }
        assertThat(conn.senderNames).isSubsetOf("sender-0", "sender-1", "sender-2", "sender-3");
        assertThat(conn.writerCallers).containsExactly(Thread.currentThread());
        assertThat(conn.finishes).hasValue(1);
        assertThat(telemetry.snapshot().packets()).isEqualTo(packets);
        assertThat(telemetry.snapshot().sendCalls()).isEqualTo(packets);

        // One report, from the threads' own counters, written after the last of them ended.
        assertThat(conn.reports).hasSize(1);
        SenderReport report = conn.reports.getFirst();
        assertThat(job.report()).containsSame(report);
        assertThat(report.runId()).isEqualTo(42);
        assertThat(report.threads()).hasSize(4);
        for (int t = 0; t < 4; t++) {
            SenderReport.ThreadCounts c = report.threads().get(t);
            var own = telemetry.thread(t);
            assertThat(c.packets()).isEqualTo(own.packets());
            assertThat(c.sendCalls()).isEqualTo(own.sendCalls());
            assertThat(c.partialSends()).isZero();
            assertThat(c.wouldBlocks()).as("not seen by this writer").isEqualTo(SenderReport.ThreadCounts.NOT_MEASURED);
        }
        assertThat(report.threads().stream().mapToLong(SenderReport.ThreadCounts::packets).sum()).isEqualTo(packets);
        assertThat(report.description()).startsWith("Java ").contains(", a fake, ");

        job.await(); // a second await does not half-close again
        assertThat(conn.finishes).hasValue(1);
    }

    @Test
    void zeroPacketsFinishesAtOnce() throws Exception {
        FakeConnection conn = new FakeConnection(1, NOTHING);
        SendJob job = SendJob.start(conn, Loopback.telemetry(2, 1), 0, 2);
        assertThat(job.await(Duration.ofSeconds(5))).isTrue();
        assertThat(job.packetsDone()).isZero();
        assertThat(conn.finishes).hasValue(1);
    }

    @Test
    void aFailingThreadStopsTheJobAndIsReported() throws Exception {
        int packets = 100_000;
        IOException boom = new IOException("connection reset");
        FakeConnection conn = new FakeConnection(packets, (c, id) -> {
            if (id == 500) {
                throw boom;
            }
            if (id > 500) {
                // The others would block forever without the close that the failure triggers.
                awaitClose(c);
                throw new IOException("closed");
            }
        });
        SendJob job = SendJob.start(conn, Loopback.telemetry(4, packets), packets, 4);
        assertThat(job.await(Duration.ofSeconds(5))).isTrue();

        assertThat(job.failure()).containsSame(boom);
        assertThat(job.cancelled()).isFalse();
        assertThat(job.packetsDone()).isLessThan(packets);
        assertThat(conn.closes.get()).isPositive();
        assertThat(conn.finishes).as("no half-close after a failure").hasValue(0);
        assertThat(job.report()).as("a failed job writes no report").isEmpty();
    }

    @Test
    void cancelUnblocksAndIsNotAFailure() throws Exception {
        FakeConnection conn = new FakeConnection(1000, (c, id) -> {
            awaitClose(c);
            throw new IOException("closed");
        });
        SendJob job = SendJob.start(conn, Loopback.telemetry(3, 1000), 1000, 3);
        assertThat(job.await(Duration.ofMillis(100))).isFalse();
        Thread canceller = Thread.ofPlatform().start(job::cancel); // any thread may cancel
        canceller.join();
        assertThat(job.await(Duration.ofSeconds(1))).isTrue();
        assertThat(job.cancelled()).isTrue();
        assertThat(job.failure()).isEmpty();
        assertThat(conn.finishes).hasValue(0);
        assertThat(job.report()).as("a stopped job writes no report").isEmpty();
    }

    @Test
    void cancelAfterTheEndDoesNotMarkTheJobCancelled() throws Exception {
        FakeConnection conn = new FakeConnection(10, NOTHING);
        SendJob job = SendJob.start(conn, Loopback.telemetry(1, 10), 10, 1);
        job.await();
        job.cancel();
        assertThat(job.cancelled()).isFalse();
        assertThat(conn.closes.get()).isPositive();
    }

    @Test
    void aReportWriteThatTheVerifierHoldsUpLeavesTheWatchdogAbleToAbortIt() throws Exception {
        FakeConnection conn = new FakeConnection(100, NOTHING);
        conn.holdReport = true;
        SendJob job = SendJob.start(conn, Loopback.telemetry(2, 100), 100, 2);
        // The watchdog's way of waiting: in steps, the control thread free between them.
        assertThat(job.await(Duration.ofMillis(200))).as("the report's write is held up").isFalse();
        assertThat(job.packetsDone()).isEqualTo(100);
        assertThat(job.finished()).isFalse();
        IOException stalled = new IOException("the verifier read nothing for 30 s");
        job.abort(stalled);
        assertThat(job.await(Duration.ofSeconds(5))).isTrue();
        assertThat(job.failure()).containsSame(stalled);
        assertThat(job.report()).isEmpty();
        assertThat(job.reportBytes()).isZero();
    }

    @Test
    void rejectsMoreThreadsThanTheTelemetryHas() {
        FakeConnection conn = new FakeConnection(1, NOTHING);
        assertThatThrownBy(() -> SendJob.start(conn, Loopback.telemetry(2, 1), 1, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendJob.start(conn, Loopback.telemetry(2, 1), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLoopbackConnectionResetIsAFailure() throws Exception {
        // The verifier goes away mid-run: writes fail with an IOException, reported by the job.
        try (SinkServer server = SinkServer.silent(4096)) {
            SendSetup setup = Loopback.setup(server.address(), 2, 100_000, 1000, 0, false);
            SenderConnection conn = Loopback.strategy("channel").open(setup);
            SendJob job = SendJob.start(conn, Loopback.telemetry(2, 1000), 1000, 2);
            waitFor(() -> !server.accepted().isEmpty());
            for (var ch : server.accepted()) {
                ch.setOption(java.net.StandardSocketOptions.SO_LINGER, 0); // close with a reset
                ch.close();
            }
            assertThat(job.await(Duration.ofSeconds(5))).isTrue();
            assertThat(job.failure()).get().isInstanceOf(IOException.class);
            assertThat(job.cancelled()).isFalse();
            conn.close();
        }
    }

    private static void awaitClose(FakeConnection c) {
        try {
            c.closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

}
