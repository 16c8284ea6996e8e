package dev.interleave.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.protocol.WireFormat;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerifierServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's per-connection CSV, from streams made by hand and verified by a real server, written inside
 * its listener as serve writes it: its size follows what arrived, never what the Hello claimed.
 */
@Timeout(60)
class ConnectionReportTest {
    private static final long RUN_ID = 0x0123_4567_89AB_CDEFL;

    /** What the listener wrote, and the result it wrote it from. */
    private record Written(ConnectionResult result, Path file) {
    }

    /** Serves one connection that sends {@code stream} and half-closes; writes its report in the listener. */
    private static Written serve(byte[] stream, Path file, long maxRows) throws Exception {
        BlockingQueue<Object> done = new LinkedBlockingQueue<>();
        try (VerifierServer server = VerifierServer.start(ServerConfig.defaults().withOnConnectionFinished(r -> {
            try {
                ConnectionReport.write(r, file, maxRows);
                done.add(r);
            } catch (IOException e) {
                done.add(e);
            }
        }))) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.getOutputStream().write(stream);
                s.shutdownOutput();
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
            Object r = done.poll(20, TimeUnit.SECONDS);
            if (r instanceof IOException e) {
                throw e;
            }
            assertThat(r).as("the listener ran").isInstanceOf(ConnectionResult.class);
            return new Written((ConnectionResult) r, file);
        }
    }

    private static byte[] stream(long expectedPackets, int threads, long[] ids, int[] threadOf, SenderReport report)
            throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new Hello(RUN_ID, expectedPackets, threads).encode());
        byte[] frame = new byte[WireFormat.HEADER_SIZE + 8];
        for (int i = 0; i < ids.length; i++) {
            FrameHeader.encodeFrame(frame, ids[i], threadOf[i], 8, (int) RUN_ID);
            b.write(frame);
        }
        if (report != null) {
            b.write(report.encode());
        }
        return b.toByteArray();
    }

    private static List<CSVRecord> rows(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.parse(r).getRecords();
        }
    }

    private static Map<String, String> runRows(List<CSVRecord> rows) {
        Map<String, String> run = new HashMap<>();
        rows.stream().filter(r -> r.get(0).equals("run")).forEach(r -> run.putIfAbsent(r.get(1), r.get(2)));
        return run;
    }

    private static List<String> kind(List<CSVRecord> rows, String kind) {
        List<String> out = new ArrayList<>();
        for (CSVRecord r : rows) {
            if (r.get(0).equals(kind)) {
                out.add(String.join(",", r.toList()));
            }
        }
        return out;
    }

    @Test
    void aForgedClaimOfEveryIdGivesRowsForWhatArrivedAndRangesForTheRest(@TempDir Path dir) throws Exception {
        long claim = WireFormat.MAX_PACKET_ID; // 4,294,967,295 packets claimed, 4 sent
        byte[] s = stream(claim, 2, new long[] {0, 1, 5, 1_000_000}, new int[] {0, 1, 1, 0}, null);
        Written w = serve(s, dir.resolve("forged.csv"), ConnectionReport.MAX_PACKET_ROWS);

        assertThat(Files.size(w.file())).as("bytes on the verifier's disk").isLessThan(4_000);
        List<CSVRecord> rows = rows(w.file());
        assertThat(kind(rows, "packet")).containsExactly("packet,0,0,INTACT,,,", "packet,1,1,INTACT,,,",
                "packet,5,1,INTACT,,,", "packet,1000000,0,INTACT,,,");
        assertThat(kind(rows, "missing_range")).containsExactly("missing_range,2,4", "missing_range,6,999999",
                "missing_range,1000001," + (claim - 1));
        Map<String, String> run = runRows(rows);
        assertThat(run).containsEntry("expected_packets", String.valueOf(claim))
                .containsEntry("missing", String.valueOf(claim - 4)).containsEntry("intact", "4")
                .containsEntry("end", "END_OF_STREAM").containsEntry("end_detail", "")
                .containsEntry("back_channel_error", "").containsEntry("untracked_events", "0")
                .containsEntry("packet_rows", "7").containsEntry("packet_rows_omitted", "0")
                .containsEntry("report_source", "none").containsEntry("report_bytes", "0")
                .containsEntry("verdict", "INCOMPLETE");
        assertThat(kind(rows, "report")).isEmpty();
        // The same header rows as the run report, in the same order, and one more kind: the ranges.
        assertThat(kind(rows, "record")).containsExactly("record,field,value",
                "record,thread,packets,send_calls,partial_sends,would_blocks",
                "record,packet_id,thread,verdict,send_start_us,send_us,partial_sends",
                "record,first_packet_id,last_packet_id", "record,packet_id,thread,splice");
    }

    @Test
    void theRowsStopAtTheCapInIdOrderAndSaySoInTheRunRows(@TempDir Path dir) throws Exception {
        byte[] s = stream(WireFormat.MAX_PACKET_ID, 1, new long[] {0, 1, 5, 1_000_000}, new int[4], null);
        Written w = serve(s, dir.resolve("capped.csv"), 4);
        List<CSVRecord> rows = rows(w.file());
        // In id order: #0, #1, 2-4, #5 are the first four; 6-999999, #1000000 and the last range are not.
        assertThat(kind(rows, "packet")).containsExactly("packet,0,0,INTACT,,,", "packet,1,0,INTACT,,,",
                "packet,5,0,INTACT,,,");
        assertThat(kind(rows, "missing_range")).containsExactly("missing_range,2,4");
        assertThat(runRows(rows)).containsEntry("packet_rows", "4").containsEntry("packet_rows_omitted", "3")
                .containsEntry("intact", "4");
    }

    @Test
    void theSendersClaimsAreReportRowsAndTheirDisagreementIsSaidInWords(@TempDir Path dir) throws Exception {
        // Thread 1 claims 3 packets but only 1 of its frames arrived; thread 0 is as claimed.
        SenderReport report = new SenderReport(RUN_ID, List.of(new ThreadCounts(2, 5, 3, ThreadCounts.NOT_MEASURED),
                new ThreadCounts(3, 3, 0, ThreadCounts.NOT_MEASURED)), "C, POSIX send() loop,\nLinux\u202E 6.18");
        byte[] s = stream(5, 2, new long[] {0, 1, 2}, new int[] {0, 0, 1}, report);
        Written w = serve(s, dir.resolve("claims.csv"), ConnectionReport.MAX_PACKET_ROWS);
        List<CSVRecord> rows = rows(w.file());
        assertThat(kind(rows, "report")).containsExactly("report,0,2,5,3,", "report,1,3,3,0,", "report,total,5,8,3,");
        Map<String, String> run = runRows(rows);
        assertThat(run).containsEntry("report_source", "received by the verifier")
                .containsEntry("report_description", "C, POSIX send() loop,\uFFFDLinux\uFFFD 6.18")
                .containsEntry("report_bytes", String.valueOf(report.encode().length))
                .containsEntry("unattributed_bytes", "0")
                .containsEntry("report_claims", "The sender claims 5 packets; the verifier saw 3. "
                        + "Thread 1 claims 3; the verifier saw 1 of its packets.")
                .containsEntry("verdict", "INCOMPLETE").containsEntry("missing", "2");
        assertThat(kind(rows, "missing_range")).containsExactly("missing_range,3,4");
    }

    @Test
    void afterTheListenerThePacketRowsAreUnknownNotEmpty(@TempDir Path dir) throws Exception {
        byte[] s = stream(3, 1, new long[] {0, 1, 2}, new int[3], null);
        Written w = serve(s, dir.resolve("inside.csv"), ConnectionReport.MAX_PACKET_ROWS);
        Path late = dir.resolve("late.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (w.result().packets().forEach(new dev.interleave.verify.PacketListing.Visitor() {
            @Override
            public void packet(long id, dev.interleave.verify.Verdict v, int thread) {
            }

            @Override
            public void missing(long first, long last) {
            }
        }) && System.nanoTime() < deadline) {
            Thread.sleep(5); // the server releases the board just after the listener returns
        }
        ConnectionReport.write(w.result(), late);
        List<CSVRecord> rows = rows(late);
        assertThat(kind(rows, "packet")).isEmpty();
        assertThat(runRows(rows)).containsEntry("packet_rows", "").containsEntry("packet_rows_omitted", "")
                .containsEntry("intact", "3");
        assertThat(kind(rows(w.file()), "packet")).hasSize(3);
    }
}
