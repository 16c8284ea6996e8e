package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import dev.interleave.telemetry.PacketLog;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.testing.SinkServer;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every strategy over real loopback sockets: what arrives, and what the telemetry says. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StrategyLoopbackTest {
    private static final int THREADS = 8;
    private static final int PACKETS = 200;
    private static final int PAYLOAD = 10_000;
    private static final int FRAME = WireFormat.HEADER_SIZE + PAYLOAD;

    /** Names whose streams must hold every packet exactly once and intact, on every run. */
    static Stream<String> neverTear() {
        Stream<String> plain = Stream.of("socket-stream", "channel", "socket-per-thread");
        Stream<String> locked = Stream.concat(Stream.of(Loopback.JAVA), Stream.of("native", "native-nonblocking"))
                .map(n -> n + LockedStrategy.SUFFIX);
        return Stream.concat(plain, locked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neverTear")
    void everyPacketArrivesOnceAndIntact(String name) throws Exception {
        Sent sent = send(Loopback.strategy(name));
        assertAccounting(sent);
        assertIntact(sent);
    }

    /**
     * async-channel admits one pending write at a time, so a packet can only tear when one of its
     * writes completes partially and another thread's write gets in before the rest.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = "async-channel")
    void asyncChannelIsIntactWhileNoWriteCompletesPartially(String name) throws Exception {
        Sent sent = send(Loopback.strategy(name));
        assertAccounting(sent);
        if (sent.snapshot.partialSends() == 0) {
            assertIntact(sent);
        }
    }

    /** Tearing happens by chance here: only the accounting is asserted. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = "channel-nonblocking")
    void nonBlockingChannelAccountsForEveryByte(String name) throws Exception {
        Sent sent = send(Loopback.strategy(name));
        assertAccounting(sent);
        TelemetrySnapshot s = sent.snapshot;
        // Every call is recorded: calls = full writes + partial writes + would-blocks, and a packet
        // that needed k partial writes needed at least k+1 calls.
        assertThat(s.sendCalls()).isGreaterThanOrEqualTo(PACKETS + s.partialSends() + s.wouldBlocks());
    }

    /** What arrived: per connection, the stream up to its sender report, and the report. */
    private record Sent(SendStrategy strategy, SendSetup setup, SenderTelemetry telemetry,
                        TelemetrySnapshot snapshot, List<byte[]> streams, List<SenderReport> reports, SendJob job) {
    }

    private static Sent send(SendStrategy strategy) throws Exception {
        assumeTrue(strategy.unavailableReason().isEmpty(), () -> strategy.unavailableReason().orElse(""));
        try (SinkServer server = SinkServer.reading()) {
            SendSetup setup = Loopback.setup(server.address(), THREADS, PAYLOAD, PACKETS, 0, true);
            SenderTelemetry telemetry = Loopback.telemetry(THREADS, PACKETS);
            try (SenderConnection conn = strategy.open(setup)) {
                List<CompletableFuture<Long>> backChannel = drainResults(conn);
                SendJob job = SendJob.start(conn, telemetry, PACKETS, THREADS);
                assertThat(job.await(Duration.ofSeconds(20))).as("job finished").isTrue();
                assertThat(job.failure()).isEmpty();
                assertThat(job.cancelled()).isFalse();
                assertThat(job.packetsDone()).isEqualTo(PACKETS);
                int connections = Loopback.connections(strategy, THREADS);
                List<byte[]> streams = server.awaitStreams(connections, Duration.ofSeconds(10));
                // The sink closes each connection at EOF, so every back channel ends.
                for (CompletableFuture<Long> f : backChannel) {
                    assertThat(f.get(5, TimeUnit.SECONDS)).as("back-channel bytes").isZero();
                }
                return new Sent(strategy, setup, telemetry, telemetry.snapshot(), framesOf(streams, job),
                        reportsOf(streams, job, setup.hello().runId()), job);
            }
        }
    }

    /** Each stream ends with its sender report, every connection's of one length: the bytes before it. */
    private static List<byte[]> framesOf(List<byte[]> streams, SendJob job) {
        int reportLength = (int) (job.reportBytes() / streams.size());
        return streams.stream().map(b -> java.util.Arrays.copyOf(b, b.length - reportLength)).toList();
    }

    private static List<SenderReport> reportsOf(List<byte[]> streams, SendJob job, long runId) {
        assertThat(job.reportBytes() % streams.size()).isZero();
        int reportLength = (int) (job.reportBytes() / streams.size());
        List<SenderReport> out = new ArrayList<>();
        for (byte[] b : streams) {
            int at = b.length - reportLength;
            assertThat(SenderReport.check(b, at, reportLength, runId)).as("the stream's tail is a sender report")
                    .isEqualTo(SenderReport.Problem.NONE);
            out.add(SenderReport.decode(b, at, reportLength, runId));
        }
        return out;
    }

    private static List<CompletableFuture<Long>> drainResults(SenderConnection conn) {
        List<CompletableFuture<Long>> out = new ArrayList<>();
        for (InputStream in : conn.resultStreams()) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            Thread.ofPlatform().daemon(true).name("results").start(() -> {
                try {
                    f.complete(in.transferTo(java.io.OutputStream.nullOutputStream()));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            out.add(f);
        }
        return out;
    }

    private static void assertAccounting(Sent sent) {
        int connections = Loopback.connections(sent.strategy, THREADS);
        assertThat(sent.streams).hasSize(connections);
        long total = sent.streams.stream().mapToLong(b -> b.length).sum();
        assertThat(total).as("bytes received before the reports")
                .isEqualTo((long) WireFormat.HELLO_SIZE * connections + (long) PACKETS * FRAME);
        assertReports(sent, connections);
        long expectedInHello = connections == 1 ? PACKETS : 0;
        for (byte[] stream : sent.streams) {
            var hello = FrameScan.hello(stream);
            assertThat(hello.runId()).isEqualTo(sent.setup.hello().runId());
            assertThat(hello.expectedPackets()).isEqualTo(expectedInHello);
            assertThat(hello.threads()).isEqualTo(THREADS);
        }
        TelemetrySnapshot s = sent.snapshot;
        assertThat(s.packets()).as("packets over threads").isEqualTo(PACKETS);
        assertThat(s.bytes()).as("bytes over threads").isEqualTo((long) PACKETS * FRAME);
        assertThat(s.threads()).hasSize(THREADS);
        PacketLog log = sent.telemetry.packets();
        for (long id = 0; id < PACKETS; id++) {
            assertThat(log.thread(id)).as("thread of packet %d", id).isBetween(0, THREADS - 1);
        }
        assertThat(sent.telemetry.elapsedNanos()).isPositive();
    }

    /**
     * Every connection carries one sender report with the run's id, a row per thread, and in the rows
     * of the threads that wrote on it those threads' own counts, as much as the strategy sees of them;
     * all ones in the other rows. Together the rows claim every packet once.
     */
    private static void assertReports(Sent sent, int connections) {
        assertThat(sent.reports).hasSize(connections);
        assertThat(sent.job.report()).isPresent();
        WriteApi api = apiOf(sent.strategy);
        long claimed = 0;
        int[] reportedBy = new int[THREADS]; // streams arrive in accept order: find each one's threads
        for (SenderReport r : sent.reports) {
            assertThat(r.runId()).isEqualTo(sent.setup.hello().runId());
            assertThat(r.threads()).hasSize(THREADS);
            assertThat(r.description()).startsWith("Java ").contains(api.words());
            int measuredRows = 0;
            for (int t = 0; t < THREADS; t++) {
                SenderReport.ThreadCounts row = r.threads().get(t);
                if (!row.equals(SenderReport.ThreadCounts.notMeasured())) {
                    assertThat(row).as("row of thread %d", t).isEqualTo(api.counts(sent.snapshot.threads().get(t)));
                    claimed += row.packets();
                    reportedBy[t]++;
                    measuredRows++;
                }
            }
            assertThat(measuredRows).as("threads per connection").isEqualTo(THREADS / connections);
        }
        assertThat(reportedBy).as("every thread's row measured on exactly one connection").containsOnly(1);
        assertThat(claimed).isEqualTo(PACKETS);
    }

    private static WriteApi apiOf(SendStrategy strategy) {
        String inner = strategy instanceof LockedStrategy l ? l.inner().name() : strategy.name();
        boolean locked = strategy instanceof LockedStrategy;
        WriteApi api = switch (inner) {
            case "native" -> new WriteApi("native send() loop via FFM", true, true, false);
            case "native-nonblocking" -> new WriteApi("non-blocking native send() (MSG_DONTWAIT) and poll() via FFM",
                    true, true, true);
            case "socket-stream" -> new WriteApi("java.net.Socket OutputStream.write", false, false, false);
            case "socket-per-thread" -> new WriteApi("java.net.Socket OutputStream.write, one connection per thread",
                    false, false, false);
            case "channel" -> new WriteApi("blocking SocketChannel.write loop", true, true, false);
            case "channel-nonblocking" -> new WriteApi("non-blocking SocketChannel.write loop", true, true, true);
            case "async-channel" -> new WriteApi("AsynchronousSocketChannel.write loop, retried on WritePendingException",
                    true, true, false);
            default -> throw new AssertionError(inner);
        };
        return locked ? api.locked() : api;
    }

    private static void assertIntact(Sent sent) {
        BitSet seen = new BitSet();
        int frames = 0;
        for (byte[] stream : sent.streams) {
            FrameScan scan = FrameScan.scan(stream, PAYLOAD, seen);
            assertThat(scan.problem).as(sent.strategy.name()).isNull();
            frames += scan.frames;
        }
        assertThat(frames).isEqualTo(PACKETS);
        assertThat(seen.cardinality()).isEqualTo(PACKETS);
        assertThat(seen.nextClearBit(0)).isEqualTo(PACKETS);
        // Whole-frame writers: one send call per packet, never partial.
        String inner = sent.strategy instanceof LockedStrategy l ? l.inner().name() : sent.strategy.name();
        if (inner.equals("socket-stream") || inner.equals("socket-per-thread")) {
            assertThat(sent.snapshot.sendCalls()).isEqualTo(PACKETS);
            assertThat(sent.snapshot.partialSends()).isZero();
        }
    }
}
