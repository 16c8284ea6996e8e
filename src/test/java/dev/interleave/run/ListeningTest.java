package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.protocol.SenderReport;
import dev.interleave.report.CsvReport;
import dev.interleave.telemetry.ThreadSnapshot;
import dev.interleave.testing.CapturedErr;
import dev.interleave.verify.BackChannelReader;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerifierRefusedException;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's listener without a window: what an outside sender's connection becomes (a run the
 * views can draw, then a result), and what becomes of a second sender, a sender that vanishes,
 * garbage, and an address it cannot listen on. Loopback, port 0; every sender is written by hand or is
 * the lab's own engine sending to the listener.
 */
class ListeningTest {
    private final BlockingQueue<OutsideRun> runs = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> turnedAway = new LinkedBlockingQueue<>();
    private Listening listening;

    private Listening listen() throws IOException {
        return listen(ServerConfig.defaults());
    }

    private Listening listen(ServerConfig base) throws IOException {
        listening = Listening.start(new ListenAddress("127.0.0.1", 0), base, new Listening.Listener() {
            @Override
            public void runArrived(OutsideRun run) {
                runs.add(run);
            }

            @Override
            public void turnedAway(String remote, String why) {
                turnedAway.add(remote + " | " + why);
            }
        });
        return listening;
    }

    @AfterEach
    void close() {
        if (listening != null) {
            listening.close();
        }
    }

    private OutsideRun nextRun() throws InterruptedException {
        OutsideRun r = runs.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("a run arrived").isNotNull();
        return r;
    }

    private static RunResult resultOf(OutsideRun r) throws Exception {
        return r.completion().get(20, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(end);
            Thread.sleep(5);
        }
    }

    @Test
    void theLabsOwnEngineSendingToTheListenerIsARunWithThePacketsItsThreadsSent() throws Exception {
        Listening l = listen();
        RunConfig config = new RunConfig("socket-stream", false, 4, 300, 1_003, 0, false, 0, 0,
                Target.remote("127.0.0.1", l.port()));
        Run sender = Run.start(config);
        OutsideRun outside = nextRun();
        RunResult sent = sender.await();
        RunResult seen = resultOf(outside);

        assertThat(sent.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(seen.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(seen.verdicts().intact()).isEqualTo(300);
        assertThat(seen.verdict()).isEqualTo(RunVerdict.INTACT);
        // The sender's own count per thread equals the frames that carried each thread's index.
        assertThat(seen.sender().threads()).extracting(ThreadSnapshot::packets)
                .containsExactlyElementsOf(sent.sender().threads().stream().map(ThreadSnapshot::packets).toList());
        assertThat(seen.config().threads()).isEqualTo(4);
        assertThat(seen.config().packets()).isEqualTo(300);
        assertThat(seen.config().payloadSize()).isEqualTo(1_003);
        assertThat(seen.config().isOutsideSender()).isTrue();
        // Every byte the sender wrote (Hello, frames, its report) arrived and was accounted for.
        assertThat(seen.bytesReceived()).isEqualTo(sent.bytesSent());
        assertThat(seen.unattributedBytes()).isZero();
        // The lab's own sender writes a report; its claims per thread agree with the frames that arrived.
        // (socket-stream cannot see its partial writes: OutputStream.write hides them.)
        SenderReport report = seen.report().orElseThrow();
        assertThat(report.threads()).extracting(SenderReport.ThreadCounts::packets)
                .containsExactlyElementsOf(seen.sender().threads().stream().map(ThreadSnapshot::packets).toList());
        assertThat(outside.partialSends()).isEqualTo(PartialSendSource.NOT_MEASURED);
        assertThat(outside.packets().size()).isEqualTo(300);
        assertThat(outside.telemetry()).isNull();
        assertThat(outside.snapshot().phase()).isEqualTo(RunPhase.DONE);
        // The views' picture of it: verdicts over the grid, each packet's thread as its header said.
        byte[] verdicts = new byte[300];
        short[] threads = new short[300];
        outside.packets().copyVerdicts(0, verdicts, 0, 300);
        outside.packets().copyThreads(0, threads, 0, 300);
        for (int i = 0; i < 300; i++) {
            assertThat(verdicts[i]).isEqualTo(dev.interleave.verify.Verdict.INTACT.code());
            assertThat(threads[i]).isEqualTo((short) sent.packets().details(i).thread());
        }
        assertThat(outside.packets().details(7).sendKnown()).isFalse();
    }

    @Test
    void theReportsClaimsAppearOnceItArrivesAndNeverDecideAVerdict() throws Exception {
        Listening l = listen();
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(6, 2);
            OutsideRun run = nextRun();
            assertThat(run.snapshot().partialSends()).isEqualTo(PartialSendSource.NOT_REPORTED);
            for (int id = 0; id < 6; id++) {
                s.frame(id, id % 2, 500);
            }
            // The verifier decides a frame once it sees what follows (24 bytes of look-ahead): the last waits.
            await(() -> run.snapshot().verdicts().intact() == 5);
            assertThat(run.snapshot().sender().partialSends()).isZero();
            assertThat(run.config().strategy()).isEqualTo("outside sender");
            // A description with a line break and an escape: shown as text, the controls replaced.
            s.report("Test\nsender \u001b[31mred", new long[] {3, 5, 2, -1}, new long[] {3, 4, 1, 0});
            await(() -> run.report().isPresent());
            assertThat(run.snapshot().verdicts().intact()).isEqualTo(6);
            assertThat(run.snapshot().partialSends()).isEqualTo(PartialSendSource.CLAIMED);
            assertThat(run.snapshot().sender().threads()).extracting(ThreadSnapshot::partialSends).containsExactly(2L, 1L);
            assertThat(run.snapshot().sender().threads()).extracting(ThreadSnapshot::sendCalls).containsExactly(5L, 4L);
            assertThat(run.description()).isEqualTo("Test\uFFFDsender \uFFFD[31mred");
            s.finish();
            RunResult r = resultOf(run);
            assertThat(r.report()).isPresent();
            assertThat(r.config().strategy()).isEqualTo("outside sender: Test\uFFFDsender \uFFFD[31mred");
            assertThat(r.verdicts().intact()).isEqualTo(6);
            assertThat(r.unattributedBytes()).as("the report is accounted as such").isZero();
            assertThat(r.sender().threads()).extracting(ThreadSnapshot::packets).containsExactly(3L, 3L);
        }
    }

    @Test
    void anOutsideRunsCsvHasItsThreadsFromTheFramesAndNoSenderTimings(@TempDir Path dir) throws Exception {
        Listening l = listen();
        RunResult r;
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(4, 2);
            OutsideRun run = nextRun();
            s.frame(0, 0, 100).frame(1, 1, 100).frame(2, 0, 100);
            s.report("Test sender", new long[] {2, 2, 0, -1}, new long[] {1, 1, 0, 0});
            s.finish();
            r = resultOf(run);
        }
        Path file = dir.resolve("outside.csv");
        CsvReport.write(r, file);
        Map<String, String> fields = new HashMap<>();
        List<CSVRecord> threads = new ArrayList<>();
        List<CSVRecord> packets = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.parse(in)) {
                switch (row.get(0)) {
                    case "run" -> fields.putIfAbsent(row.get(1), row.get(2));
                    case "thread" -> threads.add(row);
                    case "packet" -> packets.add(row);
                    default -> { }
                }
            }
        }
        // Packet #3 was announced and never came: the run is INCOMPLETE, and its row says MISSING with no thread.
        assertThat(fields).containsEntry("strategy", "outside sender: Test sender").containsEntry("threads", "2")
                .containsEntry("packets", "4").containsEntry("intact", "3").containsEntry("missing", "1")
                .containsEntry("verdict", "INCOMPLETE").containsEntry("report_source", "received by the verifier")
                .containsEntry("unattributed_bytes", "0").containsEntry("target", "outside sender")
                .containsEntry("payload_size", "100");
        // Thread rows count the frames that carried each thread's index (the sender's claims are report rows).
        assertThat(threads).extracting(t -> t.get(2)).containsExactly("2", "1");
        assertThat(packets).extracting(p -> p.get(1) + " " + p.get(2) + " " + p.get(3))
                .containsExactly("0 0 INTACT", "1 1 INTACT", "2 0 INTACT", "3  MISSING");
        // What happened inside the outside sender's send calls is not known here: empty, not -1 or 0.
        assertThat(packets).allSatisfy(p -> assertThat(List.of(p.get(4), p.get(5), p.get(6))).containsOnly(""));
    }

    @Test
    void aReportThatClaimsNoPartialSendCountIsNotMeasuredNotZero() throws Exception {
        Listening l = listen();
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(1, 1).frame(0, 0, 10);
            long nm = SenderReport.ThreadCounts.NOT_MEASURED;
            s.report("sendall", new long[] {1, nm, nm, nm});
            OutsideRun run = nextRun();
            s.finish();
            resultOf(run);
            assertThat(run.partialSends()).isEqualTo(PartialSendSource.NOT_MEASURED);
        }
    }

    @Test
    void withNoCountAnnouncedTheGridGrowsByDoublingAndEndsExact() throws Exception {
        Listening l = listen();
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(0, 3);
            OutsideRun run = nextRun();
            assertThat(run.packets().size()).isZero();
            for (int id = 0; id < 1_000; id++) {
                s.frame(id, id % 3, 16);
            }
            await(() -> run.snapshot().verdicts().intact() == 999); // the last waits for look-ahead
            assertThat(run.packets().size()).isEqualTo(OutsideRun.FIRST_GRID);
            for (int id = 1_000; id < 2_500; id++) {
                s.frame(id, id % 3, 16);
            }
            await(() -> run.snapshot().verdicts().intact() == 2_499);
            assertThat(run.packets().size()).isEqualTo(4_096);
            assertThat(run.snapshot().packets()).as("no count announced").isZero();
            s.finish();
            RunResult r = resultOf(run);
            assertThat(run.packets().size()).isEqualTo(2_500);
            assertThat(r.config().packets()).isEqualTo(2_500);
            assertThat(r.verdicts().missing()).isZero();
            assertThat(r.verdicts().pending()).isZero();
            assertThat(r.verdict()).isEqualTo(RunVerdict.INTACT);
        }
    }

    @Test
    void aSecondSenderIsRefusedWithTheReasonAndTheNextAfterTheEndIsTheNextRun() throws Exception {
        Listening l = listen();
        try (OutsideStreams first = new OutsideStreams(l.port()); CapturedErr err = new CapturedErr()) {
            first.hello(2, 1).frame(0, 0, 8);
            OutsideRun run = nextRun();
            try (OutsideStreams second = new OutsideStreams(l.port())) {
                second.hello(2, 1);
                assertThatThrownBy(() -> BackChannelReader.read(second.socket.getInputStream(), new VerdictBoard()))
                        .isInstanceOf(VerifierRefusedException.class)
                        .hasMessageContaining("one sender at a time and one is connected now");
            }
            assertThat(l.refusedConnections()).isEqualTo(1);
            assertThat(run.othersRefused()).isEqualTo(1);
            assertThat(err.text()).contains("refusing connection");
            first.frame(1, 0, 8).finish();
            assertThat(resultOf(run).verdicts().intact()).isEqualTo(2);
        }
        await(() -> l.current() == null);
        try (OutsideStreams third = new OutsideStreams(l.port())) {
            third.hello(1, 1).frame(0, 0, 8).finish();
            OutsideRun next = nextRun();
            assertThat(resultOf(next).verdicts().intact()).isEqualTo(1);
            assertThat(next.othersRefused()).isZero();
        }
    }

    @Test
    void aSenderThatVanishesMidRunEndsItFailedWithWordsAndItsCutPacketIsNotTorn() throws Exception {
        Listening l = listen();
        OutsideStreams s = new OutsideStreams(l.port());
        s.hello(100, 2);
        for (int id = 0; id < 10; id++) {
            s.frame(id, id % 2, 1_000);
        }
        byte[] half = OutsideStreams.frameBytes(10, 0, 1_000);
        s.write(java.util.Arrays.copyOf(half, 500));
        OutsideRun run = nextRun();
        await(() -> run.snapshot().verdicts().intact() == 10);
        s.vanish();
        RunResult r = resultOf(run);
        assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(r.failure()).contains("broke after 10 packets").contains("vanished");
        assertThat(r.verdicts().torn()).as("cut, not torn").isZero();
        assertThat(r.verdicts().intact()).isEqualTo(10);
        assertThat(r.verdicts().missing()).as("a broken run calls nothing missing").isZero();
        assertThat(r.verdict()).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(r.verdictText()).startsWith("Failed: the sender's connection broke after 10 packets");
        // The listener goes on: the next sender is the next run.
        try (OutsideStreams next = new OutsideStreams(l.port())) {
            next.hello(1, 1).frame(0, 0, 8).finish();
            assertThat(resultOf(nextRun()).outcome()).isEqualTo(RunOutcome.COMPLETED);
        }
    }

    @Test
    void garbageInsteadOfAHelloMakesNoRunAndSaysWhy() throws Exception {
        Listening l = listen();
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String why = turnedAway.poll(20, TimeUnit.SECONDS);
            assertThat(why).contains("127.0.0.1:").contains("its first 32 bytes were not a Hello")
                    .contains("docs/PROTOCOL.md");
        }
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.finish(); // a probe: connects and closes
            assertThat(turnedAway.poll(20, TimeUnit.SECONDS)).endsWith("it closed without sending anything");
        }
        assertThat(runs).isEmpty();
    }

    @Test
    void garbageAfterAHelloIsUnattributableAndTheVerdictSaysSo() throws Exception {
        Listening l = listen();
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(2, 1).frame(0, 0, 64);
            s.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
            s.frame(1, 0, 64).finish();
            RunResult r = resultOf(nextRun());
            assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(r.verdicts().intact()).isEqualTo(2);
            assertThat(r.unattributedBytes()).isEqualTo(13);
            assertThat(r.problems()).anyMatch(p -> p.startsWith("GARBAGE"));
            assertThat(r.verdictText()).contains("13 bytes unattributable");
        }
    }

    @Test
    void stopDropsTheSenderKeepsWhatArrivedAndTheListenerGoesOn() throws Exception {
        Listening l = listen();
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(1_000, 1);
            for (int id = 0; id < 5; id++) {
                s.frame(id, 0, 100);
            }
            OutsideRun run = nextRun();
            await(() -> run.snapshot().verdicts().intact() == 4); // the fifth waits for look-ahead
            run.cancel();
            RunResult r = resultOf(run);
            assertThat(r.outcome()).isEqualTo(RunOutcome.CANCELLED);
            assertThat(r.verdicts().intact()).isEqualTo(5);
            assertThat(r.verdicts().pending()).isEqualTo(995);
            assertThat(r.verdictText()).startsWith("Stopped after 5 packets arrived");
        }
        try (OutsideStreams next = new OutsideStreams(l.port())) {
            next.hello(1, 1).frame(0, 0, 8).finish();
            assertThat(resultOf(nextRun()).outcome()).isEqualTo(RunOutcome.COMPLETED);
        }
    }

    @Test
    void closingTheListenerStopsTheRunGoingOnAndFreesThePort() throws Exception {
        Listening l = listen();
        int port = l.port();
        try (OutsideStreams s = new OutsideStreams(port)) {
            s.hello(10, 1).frame(0, 0, 8).frame(1, 0, 8);
            OutsideRun run = nextRun();
            await(() -> run.snapshot().verdicts().intact() == 1);
            l.close();
            assertThat(resultOf(run).outcome()).isEqualTo(RunOutcome.CANCELLED);
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsNamedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Listening.start(new ListenAddress("127.0.0.1", port), 0, 0, r -> { }))
                    .isInstanceOf(IOException.class)
                    .hasMessage("port " + port + " is in use: is another verifier running? pick another port"
                            + " (0 = any free one)");
        }
    }

    @Test
    void anAddressOfAnotherMachineIsNamedAsSuch() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): no machine has it.
        assertThatThrownBy(() -> Listening.start(new ListenAddress("192.0.2.1", 0), 0, 0, r -> { }))
                .isInstanceOf(IOException.class)
                .hasMessage("192.0.2.1 is not an address of this machine: listen on 127.0.0.1 (this machine only)"
                        + " or 0.0.0.0 (every interface)");
    }

    @Test
    void aSilentSenderIsDroppedAfterTheIdleTimeoutInWords() throws Exception {
        Listening l = listen(ServerConfig.defaults().withIdleTimeout(Duration.ofMillis(200)));
        try (OutsideStreams s = new OutsideStreams(l.port())) {
            s.hello(3, 1).frame(0, 0, 8);
            RunResult r = resultOf(nextRun());
            assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(r.failure()).isEqualTo("the sender went silent after 1 packets: no byte for 0.2 s after the"
                    + " Hello (idle timeout)");
        }
    }

    @Test
    void listenAddressesReadAsTheCommandLineWritesThem() {
        assertThat(ListenAddress.parse("11200")).isEqualTo(new ListenAddress("127.0.0.1", 11200));
        assertThat(ListenAddress.parse("0.0.0.0:0")).isEqualTo(new ListenAddress("0.0.0.0", 0));
        assertThat(ListenAddress.parse("[::1]:11200")).isEqualTo(new ListenAddress("::1", 11200));
        assertThat(ListenAddress.parse("[::1]:11200").toString()).isEqualTo("[::1]:11200");
        assertThat(ListenAddress.parse("localhost:9").toString()).isEqualTo("localhost:9");
        assertThatThrownBy(() -> ListenAddress.parse("70000")).hasMessage(
                "70000 is above the maximum: ports to listen on are 0 to 65535 (0 = any free port)");
        assertThatThrownBy(() -> ListenAddress.parse("host:http")).hasMessage(
                "'http' is not a whole number: ports to listen on are 0 to 65535 (0 = any free port)");
        assertThatThrownBy(() -> ListenAddress.parse(":11200")).hasMessageContaining("has no address before ':'");
        assertThatThrownBy(() -> ListenAddress.parse("::1")).hasMessageContaining("brackets");
        assertThat(List.of(ListenAddress.defaults().toString())).containsExactly("127.0.0.1:11200");
    }
}
