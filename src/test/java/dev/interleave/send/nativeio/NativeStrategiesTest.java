package dev.interleave.send.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;
import dev.interleave.send.AppliedOptions;
import dev.interleave.send.PacketWriter;
import dev.interleave.send.SendSetup;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.SenderConnection;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.TelemetrySnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NativeStrategiesTest {
    private static final long RUN_ID = 0x1234_5678_9ABC_DEF1L;

    static Stream<SendStrategy> strategies() {
        return Stream.of(NativeStrategies.blocking(), NativeStrategies.nonBlocking());
    }

    private static SendSetup setup(InetSocketAddress target, int threads, int payload, long packets, int sndbuf) {
        return new SendSetup(target, threads, payload, new Hello(RUN_ID, packets, threads), sndbuf, true);
    }

    /** Off Linux (or without native access) the native tests skip, as the other strategies' tests do. */
    private static void assumeAvailable(SendStrategy strategy) {
        assumeTrue(strategy.unavailableReason().isEmpty(), () -> strategy.unavailableReason().orElseThrow());
    }

    @Test
    void bothAreAvailableOnThisLinuxMachineWithTheirNames() {
        assumeAvailable(NativeStrategies.blocking());
        assertThat(System.getProperty("os.name")).startsWith("Linux");
        assertThat(NativeStrategies.blocking().unavailableReason()).isEmpty();
        assertThat(NativeStrategies.nonBlocking().unavailableReason()).isEmpty();
        assertThat(NativeStrategies.blocking().name()).isEqualTo("native");
        assertThat(NativeStrategies.nonBlocking().name()).isEqualTo("native-nonblocking");
        assertThat(NativeStrategies.blocking().reason()).contains("send()").doesNotContain("\n");
        assertThat(NativeStrategies.nonBlocking().reason()).contains("partial sends").doesNotContain("\n");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void manyThreadsDeliverEveryByteAndReportEverySendCall(SendStrategy strategy) throws Exception {
        assumeAvailable(strategy);
        int threads = 8;
        int payload = 20_000;
        long packets = threads * 200L;
        SenderTelemetry telemetry = new SenderTelemetry(threads, packets, 1 << 12);
        try (LoopbackServer server = LoopbackServer.parsing((int) RUN_ID, payload)) {
            try (SenderConnection conn = strategy.open(setup(server.address(), threads, payload, packets, 0))) {
                Senders senders = Senders.start(conn, telemetry, threads, packets);
                assertThat(senders.join(20_000)).as("senders finished").isTrue();
                assertThat(senders.failures).isEmpty();
                conn.finishSending(null);
                SequentialFrameParser seen = server.result(20);

                long frameBytes = packets * WireFormat.frameLength(payload);
                assertThat(seen.helloProblem).isEqualTo(Hello.Problem.NONE);
                assertThat(seen.bytes).isEqualTo(WireFormat.HELLO_SIZE + frameBytes);
                TelemetrySnapshot snap = telemetry.snapshot();
                assertThat(snap.bytes()).as("sum of written over all send calls").isEqualTo(frameBytes);
                assertThat(snap.packets()).isEqualTo(packets);
                assertThat(snap.sendCalls()).isGreaterThanOrEqualTo(packets);
                for (long id = 0; id < packets; id++) {
                    assertThat(telemetry.packets().thread(id)).as("packet %d logged", id).isBetween(0, threads - 1);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void appliesSendBufferAndNoDelayBeforeConnect(SendStrategy strategy) throws Exception {
        assumeAvailable(strategy);
        try (LoopbackServer server = LoopbackServer.parsing((int) RUN_ID, 0);
             SenderConnection conn = strategy.open(setup(server.address(), 1, 0, 0, 65_536))) {
            NativeConnection nc = (NativeConnection) conn;
            assertThat(nc.intOption(LibC.SOL_SOCKET, LibC.SO_SNDBUF)).isEqualTo(2 * 65_536); // Linux doubles it
            assertThat(nc.intOption(LibC.IPPROTO_TCP, LibC.TCP_NODELAY)).isNotZero();
            assertThat(conn.appliedOptions()).containsExactly(new AppliedOptions(2 * 65_536, true));
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void connectToAClosedPortFailsClearly(SendStrategy strategy) throws Exception {
        assumeAvailable(strategy);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        assertThatThrownBy(() -> strategy.open(setup(target, 1, 10, 1, 0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("connect to 127.0.0.1:" + port)
                .hasMessageContaining("ECONNREFUSED");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeUnblocksEveryThreadWithinASecond(SendStrategy strategy) throws Exception {
        assumeAvailable(strategy);
        int threads = 8;
        int payload = 100_000;
        long packets = 100_000;
        SenderTelemetry telemetry = new SenderTelemetry(threads, 1024, 1 << 10);
        try (LoopbackServer server = LoopbackServer.neverReading()) {
            SenderConnection conn = strategy.open(setup(server.address(), threads, payload, packets, 4096));
            Senders senders = Senders.start(conn, telemetry, threads, packets);
            awaitStalled(telemetry);
            assertThat(senders.join(50)).as("blocked, not finished").isFalse();

            long t0 = System.nanoTime();
            conn.close();
            boolean allOut = senders.join(1_000);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(allOut).as("every sender out after close(), %d ms", millis).isTrue();
            assertThat(millis).isLessThan(1_000);
            assertThat(senders.failures).hasSize(threads).allMatch(e -> e instanceof AsynchronousCloseException);
            conn.close(); // idempotent
            assertThat(((NativeConnection) conn).isReleased()).isTrue();
            assertThatThrownBy(() -> conn.finishSending(null)).isInstanceOf(AsynchronousCloseException.class);
            PacketWriter late = conn.writer(0);
            assertThatThrownBy(() -> late.send(1, telemetry.thread(0))).isInstanceOf(AsynchronousCloseException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeInTheMiddleOfAFastRunStopsEveryThreadCleanly(SendStrategy strategy) throws Exception {
        assumeAvailable(strategy);
        int threads = 8;
        long packets = 1_000_000;
        SenderTelemetry telemetry = new SenderTelemetry(threads, 1024, 1 << 10);
        try (LoopbackServer server = LoopbackServer.parsing((int) RUN_ID, 50_000)) {
            SenderConnection conn = strategy.open(setup(server.address(), threads, 50_000, packets, 0));
            Senders senders = Senders.start(conn, telemetry, threads, packets);
            Thread.sleep(200);
            conn.close();
            assertThat(senders.join(1_000)).isTrue();
            assertThat(senders.failures).hasSize(threads).allMatch(e -> e instanceof AsynchronousCloseException);
            assertThat(((NativeConnection) conn).isReleased()).isTrue();
            assertThat(conn.resultStreams().getFirst().read()).isEqualTo(-1);
        }
    }

    /** Waits until no send call has returned for 200 ms: the threads are stuck in send() or poll(). */
    private static void awaitStalled(SenderTelemetry telemetry) throws InterruptedException {
        long last = -1;
        int same = 0;
        for (int i = 0; i < 100 && same < 4; i++) {
            Thread.sleep(50);
            long now = telemetry.snapshot().sendCalls();
            same = now == last ? same + 1 : 0;
            last = now;
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void resultStreamReadsWhatTheServerWritesWhileThreadsSend(SendStrategy strategy) throws Exception {
        assumeAvailable(strategy);
        byte[] reply = "verdicts: all intact\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        int threads = 4;
        long packets = 400;
        SenderTelemetry telemetry = new SenderTelemetry(threads, packets, 1 << 10);
        try (LoopbackServer server = LoopbackServer.replying(reply);
             SenderConnection conn = strategy.open(setup(server.address(), threads, 5_000, packets, 0))) {
            InputStream results = conn.resultStreams().getFirst();
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return results.readAllBytes();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Senders senders = Senders.start(conn, telemetry, threads, packets);
            assertThat(senders.join(10_000)).isTrue();
            assertThat(senders.failures).isEmpty();
            conn.finishSending(null);
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(reply);
            assertThat((int) server.result(10)).isEqualTo(WireFormat.HELLO_SIZE + (int) (packets * 5_024));
        }
    }

    @Test
    void frameFillMatchesTheWireFormat() {
        try (Arena arena = Arena.ofConfined()) {
            for (int len : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 1000, 100_003}) {
                long id = 0xFFFF_FFF0L + len % 11;
                byte[] expected = new byte[WireFormat.HEADER_SIZE + len];
                FrameHeader.encodeFrame(expected, id, 3, len, (int) RUN_ID);
                MemorySegment seg = arena.allocate(expected.length + 16);
                seg.fill((byte) 0x5A);
                FrameHeader.encode(expected, 0, id, 3, len, (int) RUN_ID); // header bytes
                MemorySegment.copy(expected, 0, seg, ValueLayout.JAVA_BYTE, 1, WireFormat.HEADER_SIZE);
                FrameFill.payload(seg, 1 + WireFormat.HEADER_SIZE, id, len);
                byte[] actual = seg.asSlice(1, expected.length).toArray(ValueLayout.JAVA_BYTE);
                assertThat(actual).as("length %d", len).isEqualTo(expected);
                assertThat(seg.get(ValueLayout.JAVA_BYTE, 1 + expected.length)).isEqualTo((byte) 0x5A);
            }
        }
    }

    @Test
    void frameFillRefreshTurnsOnePacketIntoAnother() {
        try (Arena arena = Arena.ofConfined()) {
            for (int len : new int[] {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 1000, 100_003}) {
                byte[] expected = new byte[len];
                MemorySegment seg = arena.allocate(len + 2);
                seg.fill((byte) 0x5A);
                FrameFill.payload(seg, 1, 0, len);
                for (long id : new long[] {1, 0xFFFF_FFFFL, 0x8000_0000L, 12_345, 0}) {
                    FrameFill.refresh(seg, 1, id, len);
                    WireFormat.fillPayload(expected, 0, id, 0, len);
                    assertThat(seg.asSlice(1, len).toArray(ValueLayout.JAVA_BYTE)).as("length %d, packet %d", len, id)
                            .isEqualTo(expected);
                    assertThat(seg.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 0x5A);
                    assertThat(seg.get(ValueLayout.JAVA_BYTE, 1 + len)).isEqualTo((byte) 0x5A);
                }
            }
        }
    }

    @Test
    void saysPlainlyWhereItCannotRun() {
        assertThat("native " + LibC.reasonFor("Windows 11", "10.0", "amd64", true, "dev.interleave"))
                .isEqualTo("native needs Linux libc through the FFM API; this is Windows 11 (amd64)");
        assertThat(LibC.reasonFor("Mac OS X", "14.5", "aarch64", true, "dev.interleave"))
                .endsWith("this is Mac OS X 14.5 (aarch64)");
        assertThat(LibC.reasonFor("Linux", "6.1", "riscv64", true, "dev.interleave")).contains("riscv64");
        assertThat(LibC.reasonFor("Linux", "6.1", "amd64", false, "dev.interleave"))
                .contains("--enable-native-access=dev.interleave");
        assertThat(LibC.reasonFor("Linux", "6.1", "aarch64", true, "ALL-UNNAMED")).isNull();
    }

    @Test
    void errnoTextNamesTheError() {
        assertThat(LibC.describe(111)).contains("ECONNREFUSED").containsIgnoringCase("refused");
        assertThat(LibC.describe(32)).contains("EPIPE");
        assertThat(LibC.describe(9999)).contains("9999");
    }
}
