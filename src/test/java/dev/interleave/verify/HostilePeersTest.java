package dev.interleave.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.bench.HostileStreams;
import dev.interleave.protocol.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verifier server under hostile peers (issue 10), one case per resource at small scale: what the
 * server keeps for a peer is bounded whatever the peer claims, and the server goes on serving.
 */
@Timeout(60)
class HostilePeersTest {
    private static final int CHUNK_BYTES = 3 << VerdictBoard.SMALL_CHUNK_BITS;

    @RegisterExtension
    final ServerUnderTest verifier = new ServerUnderTest();

    @Test
    void aHelloClaimingEveryIdThenFinCostsNoVerdictMemory() throws Exception {
        verifier.start(ServerConfig.defaults());
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(HostileStreams.hello(WireFormat.MAX_PACKET_ID));
            sock.shutdownOutput();
            BackChannelReader.Result br = BackChannelReader.read(sock.getInputStream(), new VerdictBoard());
            assertThat(br.summaryArrived()).isTrue();
            assertThat(br.summary().counts()).isEqualTo(new VerdictCounts(0, 0, 0, WireFormat.MAX_PACKET_ID, 0));
        }
        ConnectionResult r = verifier.next();
        assertThat(r.end()).isEqualTo(ConnectionResult.End.END_OF_STREAM);
        assertThat(r.counts().missing()).isEqualTo(WireFormat.MAX_PACKET_ID);
        assertThat(r.untrackedEvents()).isZero();
        assertThat(verifier.server().boardMemory().peak()).as("no packet arrived: no verdict chunk").isZero();
        assertThat(verifier.server().boardMemory().used()).isZero();
        verifier.assertServesAGoodPeer();
    }

    @Test
    void forgedHeadersFarApartAreBoundedPerConnectionAndPerServer() throws Exception {
        VerdictBoard seen = new VerdictBoard();
        verifier.start(ServerConfig.defaults().withBoardBytes(10L * CHUNK_BYTES, 15L * CHUNK_BYTES)
                .withBoardBytesReserved(CHUNK_BYTES).withBoardFor(h -> seen));
        byte[] forged = HostileStreams.forgedHeaders(20, 1 << 16);
        try (Socket a = verifier.connect(); Socket b = verifier.connect()) {
            a.getOutputStream().write(forged);
            awaitReceived(seen, forged.length);
            b.getOutputStream().write(forged);
            awaitReceived(seen, 2L * forged.length);
            assertThat(verifier.server().boardMemory().used()).as("the server's whole budget, no more")
                    .isEqualTo(15L * CHUNK_BYTES);
            // Both hold on to it, and still a small honest run is verified exactly: its reserved chunk.
            verifier.assertServesAGoodPeer();
            a.shutdownOutput();
            ConnectionResult ra = verifier.next();
            b.shutdownOutput();
            ConnectionResult rb = verifier.next();
            assertThat(ra.counts().intact()).as("its own share: 10 chunks (1 reserved)").isEqualTo(10);
            assertThat(ra.untrackedEvents()).isEqualTo(10);
            assertThat(rb.counts().intact()).as("its reserved chunk and the 6 the server had left").isEqualTo(7);
            assertThat(rb.untrackedEvents()).isEqualTo(13);
        }
        awaitBoardMemoryGivenBack(); // once each listener has returned
        verifier.assertServesAGoodPeer();
    }

    private void awaitBoardMemoryGivenBack() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (verifier.server().boardMemory().used() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(verifier.server().boardMemory().used()).as("given back").isZero();
    }

    private static void awaitReceived(VerdictBoard seen, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seen.byteAccount().received() < bytes && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(seen.byteAccount().received()).isEqualTo(bytes);
    }

    @Test
    void aSenderThatNeverReadsHoldsAtMostTheBackChannelBytes() throws Exception {
        int bound = 64 * 1024;
        verifier.start(ServerConfig.defaults().withBackChannelBytes(bound).withSummaryTimeout(Duration.ofMillis(200)));
        int n = 1_000_000; // 9 MB of verdict entries in 73 KB messages: more than any socket buffer holds
        byte[] s = HostileStreams.tinyFrames(n);
        try (Socket sock = new Socket()) {
            sock.setReceiveBufferSize(4096); // the back channel backs up at once
            sock.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), verifier.server().port()));
            sock.getOutputStream().write(s); // completes only if the verifier keeps reading
            sock.shutdownOutput();
            ConnectionResult r = verifier.next();
            assertThat(r.counts().intact()).isEqualTo(n);
            assertThat(r.droppedMessages()).isPositive();
            assertThat(r.summarySent()).isFalse();
        }
        // One message may exceed the bound when it is alone in the queue (a verdict batch: 73,737 bytes).
        assertThat(verifier.server().backChannelPeakBytes()).isPositive()
                .isLessThanOrEqualTo(bound + 5 + 4 + BackChannel.MAX_BATCH * BackChannel.VERDICT_ENTRY);
    }

    @Test
    void aSilentPeerIsDroppedAfterTheIdleTimeoutAndFreesItsSlot() throws Exception {
        verifier.start(ServerConfig.defaults().withIdleTimeout(Duration.ofMillis(300)).withMaxConnections(2));
        try (Socket a = verifier.connect(); Socket b = verifier.connect()) {
            a.getOutputStream().write(HostileStreams.hello(10));
            b.getOutputStream().write(HostileStreams.hello(10));
            for (int i = 0; i < 2; i++) {
                ConnectionResult r = verifier.next();
                assertThat(r.end()).isEqualTo(ConnectionResult.End.IDLE_TIMEOUT);
                assertThat(r.endDetail()).isEqualTo("no byte for 0.3 s after the Hello (idle timeout)");
                assertThat(r.counts().missing()).isEqualTo(10);
            }
            assertThat(verifier.log()).as("the result says why; the log does not repeat it as a warning").doesNotContain("WARN");
        }
        verifier.assertServesAGoodPeer();
    }

    @Test
    void spliceDetailsShareOneServerBudgetAndTheCountsStayExact() throws Exception {
        int budget = 1_000;
        VerdictBoard seen = new VerdictBoard();
        verifier.start(ServerConfig.defaults().withSpliceSegmentsTotal(budget).withBoardFor(h -> seen));
        byte[] s = HostileStreams.spliceHeavy(4, 25, 70); // 100 torn packets, ~64 segments each
        List<ConnectionResult> rs = new ArrayList<>();
        try (Socket a = verifier.connect(); Socket b = verifier.connect()) {
            a.getOutputStream().write(s);
            b.getOutputStream().write(s);
            awaitReceived(seen, 2L * s.length); // both hold their details now: neither has ended
            assertThat(verifier.server().spliceSegments().used()).isPositive().isLessThanOrEqualTo(budget);
            for (Socket sock : List.of(a, b)) {
                sock.shutdownOutput();
            }
            for (Socket sock : List.of(a, b)) {
                VerdictBoard remote = new VerdictBoard();
                assertThat(BackChannelReader.read(sock.getInputStream(), remote).summaryArrived()).isTrue();
                assertThat(remote.count(Verdict.TORN)).isEqualTo(100);
            }
            rs.add(verifier.next());
            rs.add(verifier.next());
        }
        for (ConnectionResult r : rs) {
            assertThat(r.counts().torn()).as("counts stay exact").isEqualTo(100);
            assertThat(r.torn()).hasSize(100);
            assertThat(r.torn().stream().mapToLong(t -> t.segments().size()).sum()).isLessThanOrEqualTo(budget);
        }
        assertThat(rs.stream().flatMap(r -> r.torn().stream()).filter(t -> t.segments().isEmpty()))
                .as("past the budget: torn without details").isNotEmpty()
                .allMatch(TornPacket::truncated);
        // The last torn packet of a stream is decided at its end, when the other connection may have
        // given its share back already: what holds at every moment is the server's peak.
        assertThat(verifier.server().spliceSegments().peak()).isPositive().isLessThanOrEqualTo(budget);
        assertThat(verifier.server().spliceSegments().used()).as("given back").isZero();
    }

    @Test
    void aConnectionThatFailsReleasesEverythingAndTheServerGoesOn() throws Exception {
        boolean[] first = {true};
        verifier.start(ServerConfig.defaults().withBoardFor(h -> {
            if (first[0]) {
                first[0] = false;
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            return null;
        }));
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(new Streams.Builder(3).frame(0, 10).bytes());
            sock.setSoTimeout(10_000);
            InputStream in = sock.getInputStream();
            // The connection is closed: the preamble may come first, then the end (or a reset).
            try {
                while (in.read() >= 0) {
                    // drain
                }
            } catch (IOException reset) {
                // closed with unread bytes: fine
            }
        }
        ConnectionResult r = verifier.next();
        assertThat(r.end()).isEqualTo(ConnectionResult.End.FAILED);
        assertThat(r.endDetail()).startsWith("out of memory: Java heap space (simulated)");
        assertThat(verifier.server().failedConnections()).isOne();
        assertThat(verifier.server().activeConnections()).isZero();
        assertThat(verifier.server().boardMemory().used()).isZero();
        assertThat(threadsNamed("verifier-conn-1")).as("connection and writer threads ended").isEmpty();
        assertThat(verifier.log()).contains("connection 1 failed (out of memory");
        verifier.assertServesAGoodPeer();
    }

    private static List<String> threadsNamed(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.equals(prefix) || n.startsWith(prefix + "-")).toList();
            if (alive.isEmpty()) {
                break;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return alive;
    }

    @Test
    void theWritersErrorIsReportedNotSwallowed() throws Exception {
        verifier.start(ServerConfig.defaults());
        try (Socket sock = verifier.connect()) {
            sock.getOutputStream().write(new Streams.Builder(3).frame(0, 100).bytes());
            sock.getOutputStream().flush();
            Thread.sleep(100);
            sock.setSoLinger(true, 0); // a reset: the summary the server then writes cannot go anywhere
        }
        ConnectionResult r = verifier.next();
        assertThat(r.end()).isEqualTo(ConnectionResult.End.RESET);
        assertThat(r.summarySent()).isFalse();
        assertThat(r.backChannelError()).as("why the back channel failed").isNotEmpty();
    }

    @Test
    void failingAcceptsPauseInsteadOfSpinning() throws Exception {
        verifier.start(ServerConfig.defaults());
        verifier.server().closeListeningSocketOnly();
        Thread.sleep(700);
        // 10 + 20 + 40 + 80 + 160 + 320 ms: about six failures in 0.7 s; a spinning loop makes millions.
        assertThat(verifier.server().acceptFailures()).isBetween(2L, 8L);
        assertThat(verifier.log()).contains("accept failed");
    }

    @Test
    void aConnectionOverTheLimitIsToldWhy() throws Exception {
        verifier.start(ServerConfig.defaults().withMaxConnections(1));
        try (Socket first = verifier.connect(); Socket second = verifier.connect()) {
            second.setSoTimeout(5_000);
            OutputStream out = second.getOutputStream();
            out.write(new Streams.Builder(1).frame(0, 10).bytes()); // a sender writes at once
            assertThatThrownBy(() -> BackChannelReader.read(second.getInputStream(), new VerdictBoard()))
                    .isInstanceOfSatisfying(VerifierRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(BackChannel.REFUSED_CONNECTION_LIMIT);
                        assertThat(e.limit()).isOne();
                    })
                    .hasMessage("it takes one sender at a time and one is connected now (a window showing another"
                            + " sender's run, or --max-connections 1): try again when that one ends");
            assertThat(verifier.server().refusedConnections()).isOne();
            first.getOutputStream().write(new Streams.Builder(1).frame(0, 10).bytes());
            first.shutdownOutput();
            VerdictBoard b = new VerdictBoard();
            assertThat(BackChannelReader.read(first.getInputStream(), b).summaryArrived()).isTrue();
            assertThat(b.count(Verdict.INTACT)).isOne();
        }
    }
}
