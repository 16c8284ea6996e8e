package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.WireFormat;
import dev.interleave.testing.SinkServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender report a Java strategy writes, byte for byte, read back from a listener that reads
 * everything and answers nothing (docs/PROTOCOL.md §5a). The expected bytes are laid out here by hand,
 * with java.util.zip.CRC32C, not by the encoder under test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SenderReportGoldenTest {
    private static final int PAYLOAD = 13;
    private static final int PACKETS = 3;

    @Test
    void socketStreamWritesItsReportLastWithOnlyPacketsMeasured() throws Exception {
        byte[] stream = send("socket-stream", 1);
        long runId = ByteBuffer.wrap(stream, 8, 8).getLong();
        String description = "Java " + javaVersion() + " (" + vendor() + "), java.net.Socket OutputStream.write, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        byte[] d = description.getBytes(StandardCharsets.UTF_8);
        byte[] fixed = HexFormat.of().parseHex("494C5652" + "0001" + "0001" + "%016X".formatted(runId)
                + "%04X".formatted(d.length) + "0000");
        byte[] row = HexFormat.of().parseHex("0000000000000003" // packets: 3
                + "FFFFFFFFFFFFFFFF" // sendCalls: not measured (OutputStream.write hides its calls)
                + "FFFFFFFFFFFFFFFF" // partialSends: not measured
                + "FFFFFFFFFFFFFFFF"); // wouldBlocks: not measured
        ByteBuffer expected = ByteBuffer.allocate(24 + 32 + d.length + 4);
        expected.put(fixed).putInt(crc(fixed)).put(row).put(d);
        byte[] body = Arrays.copyOfRange(expected.array(), 24, 24 + 32 + d.length);
        expected.putInt(crc(body));

        int frames = WireFormat.HELLO_SIZE + PACKETS * (WireFormat.HEADER_SIZE + PAYLOAD);
        assertThat(stream).hasSize(frames + expected.capacity());
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(stream, frames, stream.length)))
                .isEqualTo(HexFormat.of().formatHex(expected.array()));
    }

    @Test
    void lockedChannelSaysLockedAndMeasuresItsCalls() throws Exception {
        byte[] stream = send("channel+lock", 1);
        int frames = WireFormat.HELLO_SIZE + PACKETS * (WireFormat.HEADER_SIZE + PAYLOAD);
        ByteBuffer report = ByteBuffer.wrap(stream, frames, stream.length - frames).slice();
        assertThat(report.getInt(0)).isEqualTo(0x494C5652);
        assertThat(report.getShort(6)).as("threads").isEqualTo((short) 1);
        assertThat(report.getLong(24)).as("packets").isEqualTo(PACKETS);
        assertThat(report.getLong(32)).as("send calls: one per frame of 37 bytes").isEqualTo(PACKETS);
        assertThat(report.getLong(40)).as("partial sends").isZero();
        assertThat(report.getLong(48)).as("would-blocks: a blocking channel waits").isEqualTo(-1L);
        int dLen = report.getShort(16);
        String description = new String(stream, frames + 56, dLen, StandardCharsets.UTF_8);
        assertThat(description).startsWith("Java ").contains(", blocking SocketChannel.write loop, locked, ");
    }

    /** Runs {@code strategy} with {@code threads} threads against a silent listener; returns what it read. */
    private static byte[] send(String strategy, int threads) throws Exception {
        try (SinkServer sink = SinkServer.reading()) {
            SendSetup setup = Loopback.setup(sink.address(),
                    threads, PAYLOAD, PACKETS, 0, true);
            try (SenderConnection conn = Loopback.strategy(strategy).open(setup)) {
                SendJob job = SendJob.start(conn, Loopback.telemetry(threads, PACKETS), PACKETS, threads);
                assertThat(job.await(Duration.ofSeconds(20))).isTrue();
                assertThat(job.failure()).isEmpty();
                byte[] stream = sink.awaitStreams(1, Duration.ofSeconds(20)).getFirst();
                assertThat(job.reportBytes()).isEqualTo(stream.length
                        - (WireFormat.HELLO_SIZE + PACKETS * (WireFormat.HEADER_SIZE + PAYLOAD)));
                return stream;
            }
        }
    }

    private static int crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }

    private static String javaVersion() {
        Runtime.Version v = Runtime.version();
        return v.feature() + "." + v.interim() + "." + v.update();
    }

    private static String vendor() {
        String v = System.getProperty("java.vendor.version");
        return v == null || v.isBlank() ? System.getProperty("java.vendor") : v.split("-", 2)[0];
    }
}
