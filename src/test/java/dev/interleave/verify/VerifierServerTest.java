package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class VerifierServerTest {
    @RegisterExtension
    final ServerUnderTest verifier = new ServerUnderTest();

    @Test
    void theListenerReadsTheConnectionsPacketsWhileTheirMemoryIsStillCounted() throws Exception {
        java.util.List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] usedDuringListener = {-1};
        // No reserve: every chunk counts in the server's used bytes.
        verifier.start(ServerConfig.defaults().withBoardBytesReserved(0), r -> {
            usedDuringListener[0] = verifier.server().boardMemory().used();
            r.packets().forEach(new PacketListing.Visitor() {
                @Override
                public void packet(long id, Verdict v, int thread) {
                    listed.add("#" + id + " " + v);
                }

                @Override
                public void missing(long first, long last) {
                    listed.add("missing " + first + "-" + last);
                }
            });
        });
        byte[] s = new Streams.Builder(5).frame(1, 10).frame(3, 10).frame(3, 10).bytes();
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(s);
            sock.shutdownOutput();
            sock.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
        ConnectionResult r = verifier.next();
        assertThat(listed).containsExactly("missing 0-0", "#1 INTACT", "missing 2-2", "#3 DUPLICATE", "missing 4-4");
        assertThat(usedDuringListener[0]).as("the board's chunk, still counted while the listener reads it")
                .isPositive();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (verifier.server().boardMemory().used() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(verifier.server().boardMemory().used()).as("given back after the listener").isZero();
        assertThat(r.packets().forEach(new PacketListing.Visitor() {
            @Override
            public void packet(long id, Verdict v, int thread) {
                throw new AssertionError("read after release");
            }

            @Override
            public void missing(long first, long last) {
                throw new AssertionError("read after release");
            }
        })).as("released with the board").isFalse();
    }

    /** Hello, 40 packets, one torn by another, a duplicate, garbage; packets 41-42 missing. */
    private static byte[] damagedStream() {
        Streams.Builder b = new Streams.Builder(43);
        for (int id = 0; id < 30; id++) {
            b.frame(id, 1000 + id);
        }
        b.part(30, 50_000, 0, 20_000).frame(31, 10).part(30, 50_000, 20_000, 50_024);
        b.frame(5, 1005).raw(new byte[] {1, 2, 3});
        for (int id = 32; id < 40; id++) {
            b.frame(id, 7);
        }
        return b.bytes();
    }

    @Test
    void goodSenderAndBackChannelEqualTheInProcessBoard() throws Exception {
        VerdictBoard inProcess = new VerdictBoard();
        verifier.start(ServerConfig.defaults().withBoardFor(h -> inProcess));
        byte[] s = damagedStream();
        VerdictBoard remote = new VerdictBoard();
        BackChannelReader.Result br;
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(s);
            sock.shutdownOutput();
            br = BackChannelReader.read(sock.getInputStream(), remote);
        }
        ConnectionResult r = verifier.next();
        inProcess.seal(43);
        remote.seal(43);
        assertThat(br.summaryArrived()).isTrue();
        assertThat(r.end()).isEqualTo(ConnectionResult.End.END_OF_STREAM);
        assertThat(r.summarySent()).isTrue();
        assertThat(r.counts()).isEqualTo(new VerdictCounts(0, 38, 1, 3, 1));
        assertThat(inProcess.snapshotCounts()).isEqualTo(r.counts());
        assertThat(remote.snapshotCounts()).isEqualTo(r.counts());
        assertThat(br.summary().counts()).isEqualTo(r.counts());
        for (long id = 0; id < 43; id++) {
            assertThat(remote.verdict(id)).as("#" + id).isEqualTo(inProcess.verdict(id));
            assertThat(remote.thread(id)).isEqualTo(inProcess.thread(id));
        }
        assertThat(remote.tornPackets()).isEqualTo(inProcess.tornPackets());
        assertThat(remote.tornPackets().getFirst().describe())
                .isEqualTo("bytes 0-19,999 of #30, then #31 whole, then #30 from byte 20,000");
        assertThat(remote.byteAccount()).isEqualTo(inProcess.byteAccount());
        assertThat(remote.byteAccount()).isEqualTo(new ByteAccount(s.length, 32, s.length - 32 - 50_024 - 3, 50_024, 0, 3));
        assertThat(remote.problemCounts()).isEqualTo(inProcess.problemCounts());
        assertThat(r.connection()).isOne();
        assertThat(r.counts().torn()).isOne();
        assertThat(r.torn().getFirst().describe()).contains("#30 from byte 20,000");
    }

    @Test
    void garbageSenderIsClosedAndTheServerKeepsServing() throws Exception {
        verifier.start(ServerConfig.defaults());
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        try (Socket sock = verifier.connect()) {
            try {
                sock.getOutputStream().write(junk);
                sock.shutdownOutput();
            } catch (IOException ignored) {
                // the server may close first
            }
            VerdictBoard b = new VerdictBoard();
            try {
                BackChannelReader.read(sock.getInputStream(), b);
            } catch (IOException ignored) {
                // a reset is fine too
            }
        }
        ConnectionResult r = verifier.next();
        assertThat(r.end()).isEqualTo(ConnectionResult.End.BAD_HELLO);
        assertThat(r.problemCounts()).containsKey(StreamProblem.Kind.BAD_HELLO);
        assertThat(r.bytes().pending()).isZero();
        verifier.assertServesAGoodPeer();
    }

    @Test
    void peerVanishingMidFrameLeavesAnIncompleteTornPacket() throws Exception {
        verifier.start(ServerConfig.defaults());
        byte[] s = new Streams.Builder(3).frame(0, 100).part(1, 5000, 0, 2000).bytes();
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(s);
            sock.getOutputStream().flush();
            Thread.sleep(100);
            sock.setSoLinger(true, 0); // close with a reset
        }
        ConnectionResult r = verifier.next();
        assertThat(r.end()).isIn(ConnectionResult.End.RESET, ConnectionResult.End.END_OF_STREAM);
        assertThat(r.counts().intact()).isOne();
        assertThat(r.counts().torn()).isOne();
        assertThat(r.torn().getFirst().complete()).isFalse();
        assertThat(r.problemCounts()).containsEntry(StreamProblem.Kind.TRUNCATED, 1L);
        assertThat(r.bytes()).isEqualTo(new ByteAccount(s.length, 32, 124, 2000, 0, 0));
        verifier.assertServesAGoodPeer();
    }

    @Test
    void senderThatNeverReadsDoesNotStallTheVerifier() throws Exception {
        verifier.start(ServerConfig.defaults().withBackChannelBytes(1024).withSummaryTimeout(Duration.ofMillis(300)));
        int n = 1_000_000;
        Streams.Builder b = new Streams.Builder(n);
        byte[] f = new byte[24];
        for (int id = 0; id < n; id++) {
            dev.interleave.protocol.FrameHeader.encode(f, 0, id, id % 20, 0, (int) Streams.RUN_ID);
            b.raw(f);
        }
        byte[] s = b.bytes();
        try (Socket sock = new Socket()) {
            sock.setReceiveBufferSize(4096); // the back channel backs up quickly
            sock.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), verifier.server().port()));
            OutputStream out = sock.getOutputStream();
            out.write(s); // completes only if the verifier keeps reading
            sock.shutdownOutput();
            ConnectionResult r = verifier.next();
            assertThat(r.counts().intact()).isEqualTo(n);
            assertThat(r.droppedMessages()).isPositive();
            assertThat(r.summarySent()).isFalse();
            assertThat(r.bytes().wholeFrames()).isEqualTo(24L * n);
        }
    }

    @Test
    void helloDeadlineClosesASilentConnection() throws Exception {
        verifier.start(ServerConfig.defaults().withHelloTimeout(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(new byte[] {0x49, 0x4C}); // a trickle, no Hello
            VerdictBoard b = new VerdictBoard();
            BackChannelReader.Result br = BackChannelReader.read(sock.getInputStream(), b);
            assertThat(br.summaryArrived()).isTrue();
            assertThat(br.summary().problemCounts()).containsEntry(StreamProblem.Kind.SHORT_HELLO, 1L);
        }
        ConnectionResult r = verifier.next();
        assertThat(r.end()).isEqualTo(ConnectionResult.End.HELLO_TIMEOUT);
        assertThat(r.bytes()).isEqualTo(new ByteAccount(2, 0, 0, 0, 0, 2));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void throttledReadingStillVerifiesEverything() throws Exception {
        verifier.start(ServerConfig.defaults().withReadThrottleMBps(20).withReceiveBufferSize(64 * 1024));
        Streams.Builder b = new Streams.Builder(20);
        for (int id = 0; id < 20; id++) {
            b.frame(id, 100_000);
        }
        long t0 = System.nanoTime();
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(b.bytes());
            sock.shutdownOutput();
            VerdictBoard remote = new VerdictBoard();
            assertThat(BackChannelReader.read(sock.getInputStream(), remote).summaryArrived()).isTrue();
            assertThat(remote.count(Verdict.INTACT)).isEqualTo(20);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(50)); // 2 MB at 20 MB/s
    }

    @Test
    void closeIsPromptAndEndsOpenConnections() throws Exception {
        VerdictBoard seen = new VerdictBoard();
        verifier.start(ServerConfig.defaults().withBoardFor(h -> seen));
        try (Socket sock = verifier.connect()) {
            byte[] partial = new Streams.Builder(1).part(0, 1000, 0, 100).bytes();
            sock.getOutputStream().write(partial);
            sock.getOutputStream().flush();
            // Close only once the verifier has read every byte (a fixed sleep was flaky under load).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (seen.byteAccount().received() < partial.length && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long t0 = System.nanoTime();
            verifier.server().close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            ConnectionResult r = verifier.next();
            assertThat(r.end()).isEqualTo(ConnectionResult.End.SERVER_CLOSED);
            assertThat(r.counts().torn()).isOne();
        }
    }

    @Test
    void backChannelGarbageIsAClearIOException() throws IOException {
        VerdictBoard b = new VerdictBoard();
        assertThat(BackChannelReader.read(new ByteArrayInputStream(new byte[0]), b).summaryArrived()).isFalse();
        assertThatThrownBy(() -> BackChannelReader.read(new ByteArrayInputStream("HTTP/1.1 200 OK".getBytes()), b))
                .isInstanceOf(IOException.class).hasMessageContaining("bad magic");
        byte[] huge = {0x49, 0x4C, 0x56, 0x42, 0, 1, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> BackChannelReader.read(new ByteArrayInputStream(huge), b))
                .isInstanceOf(IOException.class).hasMessageContaining("over the limit");
        byte[] unknown = {0x49, 0x4C, 0x56, 0x42, 0, 1, 0, 0, 99, 0, 0, 0, 0};
        assertThatThrownBy(() -> BackChannelReader.read(new ByteArrayInputStream(unknown), b))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown message type 99");
        byte[] cut = {0x49, 0x4C, 0x56, 0x42, 0, 1, 0, 0, 1, 0, 0, 0, 20, 0, 0};
        assertThatThrownBy(() -> BackChannelReader.read(new ByteArrayInputStream(cut), b))
                .isInstanceOf(IOException.class).hasMessageContaining("ended inside");
        byte[] badBatch = {0x49, 0x4C, 0x56, 0x42, 0, 1, 0, 0, 1, 0, 0, 0, 4, 0x7F, 0, 0, 0};
        assertThatThrownBy(() -> BackChannelReader.read(new ByteArrayInputStream(badBatch), b))
                .isInstanceOf(IOException.class).hasMessageContaining("verdict batch");
        // Only the preamble: the verifier said nothing, verdicts unknown.
        assertThat(BackChannelReader.read(new ByteArrayInputStream(BackChannel.preamble()), b).summaryArrived()).isFalse();
        assertThat(WireFormat.HELLO_SIZE).isEqualTo(32);
    }

    @Test
    void aMessagesSizeIsKnownBeforeItIsMade() {
        for (int n : new int[] {0, 1, 64, BackChannel.MAX_SEGMENTS + 5}) {
            java.util.List<SpliceSegment> segs = java.util.Collections.nCopies(n, SpliceSegment.whole(3));
            TornPacket t = new TornPacket(7, 1, 100, true, segs, n, false);
            assertThat(BackChannel.torn(t)).hasSize(BackChannel.tornSize(t));
        }
        BackChannel.VerdictBatch b = new BackChannel.VerdictBatch();
        b.add(1, Verdict.INTACT, 0);
        b.add(2, Verdict.TORN, 1);
        int size = b.messageSize();
        assertThat(b.take()).hasSize(size);
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> ServerConfig.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.defaults().withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.defaults().withReadThrottleMBps(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
