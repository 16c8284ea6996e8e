package dev.interleave.clients;

import static dev.interleave.testing.TornStreams.assertOnlyCoincidencesUnattributed;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import dev.interleave.testing.SinkServer;
import dev.interleave.verify.ByteAccount;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.StreamVerifier;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerdictCounts;
import dev.interleave.verify.VerifierLimits;
import dev.interleave.verify.VerifierServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds every reference client under {@code clients/} and runs each of its ways, with and without
 * {@code --lock}, against the project's own verifier over loopback. What must hold on every run,
 * whatever the kernel interleaves: every packet gets a verdict, the stream holds nothing but the
 * Hello, frames and the sender report, the client's JSON line agrees with the verifier, and a way
 * that serialises whole packets (any {@code --lock}, Go's {@code write}) leaves nothing torn. A client
 * whose toolchain is missing is skipped with the package to install.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReferenceClientsTest {
    private static final int THREADS = 4;
    private static final int PACKETS = 200;
    /** Not a multiple of 8: every payload ends in a tail of its last word. */
    private static final int SIZE = 1003;
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static VerifierServer server;
    private static final Map<Long, ConnectionResult> RESULTS = new ConcurrentHashMap<>();
    private static final Map<Long, VerdictBoard> BOARDS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startVerifier() throws IOException {
        server = VerifierServer.start(ServerConfig.defaults()
                .withBoardFor(h -> BOARDS.computeIfAbsent(h.runId(), id -> new VerdictBoard()))
                .withOnConnectionFinished(r -> {
                    if (r.hello() != null) {
                        RESULTS.put(r.hello().runId(), r);
                    }
                }));
    }

    @AfterAll
    static void stopVerifier() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> everyWay() {
        List<Arguments> a = new ArrayList<>();
        for (ReferenceClient c : ReferenceClient.values()) {
            for (String way : c.ways) {
                a.add(Arguments.of(c, way, false));
                a.add(Arguments.of(c, way, true));
            }
        }
        return a.stream();
    }

    private static List<String> available(ReferenceClient client) throws IOException {
        var missing = client.missing();
        assumeTrue(missing.isEmpty(), missing::get);
        return client.command();
    }

    private static ReferenceClient.Result run(ReferenceClient client, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(available(client));
        cmd.addAll(args);
        return ReferenceClient.exec(ROOT, 90, cmd, client.environment());
    }

    private static List<String> args(int port, int threads, int packets, int size, String way, boolean lock) {
        List<String> a = new ArrayList<>(List.of("127.0.0.1", Integer.toString(port), "--threads",
                Integer.toString(threads), "--packets", Integer.toString(packets), "--size", Integer.toString(size),
                "--way", way));
        if (lock) {
            a.add("--lock");
        }
        return a;
    }

    @ParameterizedTest(name = "{0} --way {1}, lock {2}")
    @MethodSource("everyWay")
    void everyPacketGetsAVerdictAndTheClientAgreesWithTheVerifier(ReferenceClient client, String way, boolean lock)
            throws Exception {
        ReferenceClient.Result r = run(client, args(server.port(), THREADS, PACKETS, SIZE, way, lock));
        assertThat(r.exit()).as("exit code; stderr: %s", r.stderr()).isZero();
        ClientLine line = ClientLine.parse(r.stdout());
        assertEchoes(line, client, way, lock, THREADS, PACKETS, SIZE);

        ConnectionResult result = resultFor(line.runId());
        assertThat(result.end()).isEqualTo(ConnectionResult.End.END_OF_STREAM);
        assertThat(result.summarySent()).isTrue();
        assertThat(result.hello().expectedPackets()).isEqualTo(PACKETS);
        assertThat(result.hello().threads()).isEqualTo(THREADS);

        // Every packet has exactly one verdict, and only intact or torn ones: nothing lost or repeated.
        VerdictCounts counts = result.counts();
        assertThat(counts.intact() + counts.torn()).isEqualTo(PACKETS);
        assertThat(counts.missing()).isZero();
        assertThat(counts.duplicate()).isZero();
        assertThat(counts.pending()).isZero();
        if (lock || (client == ReferenceClient.GO && way.equals("write"))) {
            assertThat(counts.torn()).as("whole packets are serialised: nothing may tear").isZero();
        }

        // Every byte arrived and is accounted for: the Hello, frames (whole or in pieces), the report.
        long frames = (long) PACKETS * (WireFormat.HEADER_SIZE + SIZE);
        long reportBytes = line.number("reportBytes");
        ByteAccount bytes = result.bytes();
        assertThat(line.number("bytesSent")).isEqualTo(WireFormat.HELLO_SIZE + frames + reportBytes);
        assertThat(bytes.received()).isEqualTo(line.number("bytesSent"));
        assertThat(bytes.pending()).isZero();
        assertThat(bytes.hello()).isEqualTo(WireFormat.HELLO_SIZE);
        assertThat(bytes.wholeFrames() + bytes.pieces() + bytes.unattributable()).isEqualTo(frames);
        assertReportAccounted(bytes, counts.torn(), result.torn(), result.problemCounts(), reportBytes);
        assertThat(result.report()).as("the verifier has the sender's report").isPresent();
        assertThat(result.report().orElseThrow().runId()).isEqualTo(line.runId());
        assertThat(result.report().orElseThrow().threads()).hasSize(THREADS);

        // The client's line tells what the verifier said.
        assertThat(line.flag("verdictsKnown")).isTrue();
        Map<String, Object> v = line.object("verdicts");
        assertThat(new VerdictCounts(num(v, "pending"), num(v, "intact"), num(v, "torn"), num(v, "missing"),
                num(v, "duplicate"))).isEqualTo(counts);
        Map<String, Object> vb = line.object("verifierBytes");
        assertThat(num(vb, "received")).isEqualTo(bytes.received());
        assertThat(num(vb, "unattributable")).isEqualTo(bytes.unattributable());

        // Per thread: the client's packet counts add up, and match the thread index in the frames' headers.
        List<Map<String, Object>> perThread = line.perThread();
        assertThat(perThread).hasSize(THREADS);
        long[] byHeader = new long[THREADS];
        VerdictBoard board = BOARDS.get(line.runId());
        for (long id = 0; id < PACKETS; id++) {
            int t = board.thread(id);
            assertThat(t).as("thread of #%d", id).isBetween(0, THREADS - 1);
            byHeader[t]++;
        }
        for (int t = 0; t < THREADS; t++) {
            assertThat(num(perThread.get(t), "packets")).as("packets of thread %d", t).isEqualTo(byHeader[t]);
        }
        assertSendCounts(line, client, way);
    }

    /** Send-call counts: the totals add up per thread, and each packet took at least one call. */
    private static void assertSendCounts(ClientLine line, ReferenceClient client, String way) {
        String[] keys = {"sendCalls", "partialSends", "wouldBlocks"};
        for (String k : keys) {
            Object total = line.get(k);
            if (total == null) {
                assertThat(line.perThread()).allSatisfy(t -> assertThat(t.get(k)).as(k).isNull());
            } else {
                assertThat(line.perThread().stream().mapToLong(t -> num(t, k)).sum()).as(k).isEqualTo(((Number) total).longValue());
            }
        }
        if (line.get("sendCalls") == null) {
            assertThat(client == ReferenceClient.PYTHON && way.equals("sendall")).as("only sendall hides its calls").isTrue();
            return;
        }
        long calls = line.number("sendCalls");
        long partial = line.number("partialSends");
        long wouldBlock = line.get("wouldBlocks") == null ? 0 : line.number("wouldBlocks");
        // A packet's last call completes it; every partial send and every would-block is one call more.
        assertThat(calls).isGreaterThanOrEqualTo(PACKETS + partial + wouldBlock);
        boolean wholeWrites = way.equals("write") || way.equals("networkstream-write");
        if (wholeWrites) {
            // Write-all APIs: one call per packet, never a short one (their inner sends are out of sight).
            assertThat(calls).isEqualTo(PACKETS);
            assertThat(partial).isZero();
        }
    }

    /**
     * The sender report's bytes are accounted as report bytes, and no byte is unattributable but those
     * a real tear may leave two packets' at once (TornStreams).
     */
    private static void assertReportAccounted(ByteAccount bytes, long torn, List<TornPacket> details,
                                              Map<StreamProblem.Kind, Long> problems, long reportBytes) {
        assertThat(bytes.report()).as("report bytes").isEqualTo(reportBytes);
        assertOnlyCoincidencesUnattributed(bytes.unattributable(), torn, details, problems);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReferenceClient.class)
    void writesExactlyTheWireFormatAndSaysWhenNoVerdictsCameBack(ReferenceClient client) throws Exception {
        List<String> cmd = new ArrayList<>(available(client));
        int threads = 3;
        int packets = 60;
        int size = 13; // one payload word and a 5-byte tail
        String way = client.ways.getFirst();
        // A listener that reads everything and answers nothing: no back channel, so verdicts are unknown.
        try (SinkServer sink = SinkServer.reading()) {
            cmd.addAll(args(sink.address().getPort(), threads, packets, size, way, false));
            ReferenceClient.Result r = ReferenceClient.exec(ROOT, 90, cmd, client.environment());
            assertThat(r.exit()).as("exit code; stderr: %s", r.stderr()).isZero();
            ClientLine line = ClientLine.parse(r.stdout());
            assertEchoes(line, client, way, false, threads, packets, size);
            assertThat(line.flag("verdictsKnown")).isFalse();
            assertThat(line.get("verdicts")).isNull();

            byte[] stream = sink.awaitStreams(1, Duration.ofSeconds(30)).getFirst();
            assertThat((long) stream.length).isEqualTo(line.number("bytesSent"));
            VerdictBoard board = new VerdictBoard();
            StreamVerifier verifier = new StreamVerifier(VerifierLimits.defaults(), board);
            verifier.feed(stream, 0, stream.length);
            verifier.finish();
            board.seal(packets);
            assertThat(verifier.hello().runId()).isEqualTo(line.runId());
            VerdictCounts counts = board.snapshotCounts();
            assertThat(counts.intact() + counts.torn()).isEqualTo(packets);
            assertReportAccounted(verifier.byteAccount(), counts.torn(), board.tornPackets(), board.problemCounts(),
                    line.number("reportBytes"));

            // The report is the stream's tail, byte-exact, and says what the JSON line says.
            int reportBytes = (int) line.number("reportBytes");
            ReportRecord report = ReportRecord.parse(stream, stream.length - reportBytes, reportBytes);
            assertThat(report.runId()).isEqualTo(line.runId());
            assertThat(report.threads()).isEqualTo(threads);
            assertThat(report.description()).isEqualTo(line.text("description")).isNotBlank();
            List<Map<String, Object>> perThread = line.perThread();
            long sum = 0;
            for (int t = 0; t < threads; t++) {
                Map<String, Object> row = perThread.get(t);
                assertThat(report.rows()[t]).as("report row of thread %d", t).containsExactly(
                        num(row, "packets"), ClientLine.countOrUnmeasured(row.get("sendCalls")),
                        ClientLine.countOrUnmeasured(row.get("partialSends")),
                        ClientLine.countOrUnmeasured(row.get("wouldBlocks")));
                sum += report.rows()[t][0];
            }
            assertThat(sum).isEqualTo(packets);

            // The verifier's reading of the report agrees with this test's own parser, row by row.
            SenderReport parsed = verifier.senderReport().orElseThrow();
            assertThat(parsed.runId()).isEqualTo(report.runId());
            assertThat(parsed.description()).isEqualTo(report.description());
            for (int t = 0; t < threads; t++) {
                SenderReport.ThreadCounts c = parsed.threads().get(t);
                assertThat(new long[] {c.packets(), c.sendCalls(), c.partialSends(), c.wouldBlocks()})
                        .as("the verifier's row of thread %d", t).containsExactly(report.rows()[t]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReferenceClient.class)
    void badArgumentsAndARefusedConnectionGetClearMessages(ReferenceClient client) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String port = Integer.toString(closedPort);
        record Case(List<String> args, int exit, List<String> says) {
        }
        List<Case> cases = List.of(
                new Case(List.of("127.0.0.1", port, "--threads", "0"), 2, List.of("--threads", "1 to 4096", "0")),
                new Case(List.of("127.0.0.1", port, "--way", "carrier-pigeon"), 2, List.of("carrier-pigeon")),
                new Case(List.of("127.0.0.1", port, "--packets", "1"), 1,
                        List.of("could not connect to 127.0.0.1:" + port + ": connection refused")));
        for (Case c : cases) {
            ReferenceClient.Result r = run(client, c.args);
            assertThat(r.exit()).as("exit of %s; stderr: %s", c.args, r.stderr()).isEqualTo(c.exit);
            assertThat(r.stderr()).as("message for %s", c.args).contains(c.says);
            assertThat(r.stdout()).as("stdout for %s", c.args).isEmpty();
        }
    }

    private static void assertEchoes(ClientLine line, ReferenceClient client, String way, boolean lock, int threads,
                                     int packets, int size) {
        assertThat(line.text("client")).isEqualTo(client.jsonName);
        assertThat(line.text("way")).isEqualTo(way);
        assertThat(line.flag("lock")).isEqualTo(lock);
        assertThat(line.number("threads")).isEqualTo(threads);
        assertThat(line.number("packets")).isEqualTo(packets);
        assertThat(line.number("size")).isEqualTo(size);
        assertThat(line.runId()).isNotZero();
        assertThat(line.text("description")).isNotBlank();
        assertThat(((Number) line.get("seconds")).doubleValue()).isGreaterThan(0);
        assertThat(((Number) line.get("mbPerSecond")).doubleValue()).isGreaterThan(0);
    }

    private static ConnectionResult resultFor(long runId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        ConnectionResult r;
        while ((r = RESULTS.get(runId)) == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(r).as("the verifier's result for run %016x", runId).isNotNull();
        return r;
    }

    private static long num(Map<String, Object> m, String key) {
        assertThat(m).containsKey(key);
        return ((Number) m.get(key)).longValue();
    }
}
