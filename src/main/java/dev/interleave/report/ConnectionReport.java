package dev.interleave.report;

import dev.interleave.run.ReportClaims;
import dev.interleave.run.RunVerdict;
import dev.interleave.run.VerdictSentence;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.PacketListing;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report of one connection that {@code interleave serve} verified: the run report's format
 * (docs/REPORT.md) with the rows a verifier can know, written atomically. Its packet rows are bounded
 * by what arrived, never by what the Hello claimed: a row per packet that arrived (whole or torn),
 * each run of missing ids as one {@code missing_range} row, and at most {@link #MAX_PACKET_ROWS} of
 * them together. The sender's half (strategy, timings) is in the sender's own report; its claims,
 * when it wrote a sender report, are the {@code report} rows. Any thread but the FX thread; for the
 * packet rows, inside the server's onConnectionFinished listener (see {@link ConnectionResult#packets()}).
 */
public final class ConnectionReport {
    /**
     * Packet and missing_range rows one file holds at most (about 300 MB of CSV): the verifier's own
     * memory bound already limits the ids that can arrive; this bounds the file whatever that is set to.
     */
    public static final long MAX_PACKET_ROWS = 10_000_000;

    private ConnectionReport() {
    }

    /** Writes {@code r} to {@code file}, replacing it atomically. */
    public static void write(ConnectionResult r, Path file) throws IOException {
        write(r, file, MAX_PACKET_ROWS);
    }

    /** As {@link #write(ConnectionResult, Path)}, with at most {@code maxPacketRows} packet and range rows. */
    static void write(ConnectionResult r, Path file, long maxPacketRows) throws IOException {
        long[] rows = {0};
        boolean listed = r.packets().forEach(new PacketListing.Visitor() {
            @Override
            public void packet(long packetId, Verdict verdict, int thread) {
                rows[0]++;
            }

            @Override
            public void missing(long first, long last) {
                rows[0]++;
            }
        });
        ReportClaims.Seen seen = ReportClaims.seen(r);
        CsvReport.writeAtomically(file, csv -> {
            csv.printRecord("record", "field", "value");
            kv(csv, "format_version", CsvReport.FORMAT_VERSION);
            kv(csv, "connection", r.connection());
            kv(csv, "remote", r.remoteAddress());
            kv(csv, "end", r.end());
            kv(csv, "end_detail", r.endDetail());
            if (r.hello() != null) {
                kv(csv, "run_id", Long.toHexString(r.hello().runId()));
                kv(csv, "expected_packets", r.hello().expectedPackets());
                kv(csv, "threads", r.hello().threads());
            }
            kv(csv, "seconds", String.format(Locale.ROOT, "%.3f", r.seconds()));
            kv(csv, "intact", r.counts().intact());
            kv(csv, "torn", r.counts().torn());
            kv(csv, "missing", r.counts().missing());
            kv(csv, "duplicate", r.counts().duplicate());
            kv(csv, "pending", r.counts().pending());
            kv(csv, "verdict", RunVerdict.of(r));
            kv(csv, "verdict_text", VerdictSentence.evidence(r.counts(), "one connection"));
            CsvReport.rate(csv, RunVerdict.trials(r.counts()), RunVerdict.tornRate(r.counts()));
            kv(csv, "bytes_received", r.bytes().received());
            kv(csv, "hello_bytes", r.bytes().hello());
            kv(csv, "whole_frame_bytes", r.bytes().wholeFrames());
            kv(csv, "torn_piece_bytes", r.bytes().pieces());
            kv(csv, "report_bytes", r.bytes().report());
            kv(csv, "unattributed_bytes", r.bytes().unattributable());
            kv(csv, "back_channel_dropped", r.droppedMessages());
            kv(csv, "summary_sent", r.summarySent());
            kv(csv, "back_channel_error", r.backChannelError());
            kv(csv, "untracked_events", r.untrackedEvents());
            CsvReport.reportFields(csv, "received by the verifier", r.report().orElse(null),
                    r.report().map(rep -> ReportClaims.sentence(rep, seen)).orElse(""));
            kv(csv, "packet_rows", listed ? Math.min(rows[0], maxPacketRows) : "");
            kv(csv, "packet_rows_omitted", listed ? Math.max(0, rows[0] - maxPacketRows) : "");
            for (var e : r.problemCounts().entrySet()) {
                kv(csv, "problem_count_" + e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
            for (StreamProblem p : r.problems()) {
                kv(csv, "problem", p.kind() + " at byte " + p.streamOffset() + ": " + p.detail());
            }
            CsvReport.reportRows(csv, r.report().orElse(null));
            packetRows(csv, r, maxPacketRows);
            csv.printRecord("record", "packet_id", "thread", "splice");
            for (TornPacket t : r.torn()) {
                csv.printRecord("torn", t.packetId(), t.thread(), t.describe());
            }
        });
    }

    /**
     * The packet rows in the run report's columns (the sender's timings empty), then the missing ranges,
     * each kind in id order: of all these rows taken in id order, the first {@code max} are written.
     */
    private static void packetRows(CSVPrinter csv, ConnectionResult r, long max) throws IOException {
        csv.printRecord("record", "packet_id", "thread", "verdict", "send_start_us", "send_us", "partial_sends");
        long[] written = {0}; // rows in id order, both kinds: the first max of them are written
        try {
            r.packets().forEach(new PacketListing.Visitor() {
                @Override
                public void packet(long packetId, Verdict verdict, int thread) {
                    if (written[0]++ < max) {
                        print(csv, "packet", packetId, thread, verdict.name(), "", "", "");
                    }
                }

                @Override
                public void missing(long first, long last) {
                    written[0]++;
                }
            });
            csv.printRecord("record", "first_packet_id", "last_packet_id");
            long[] seen = {0};
            r.packets().forEach(new PacketListing.Visitor() {
                @Override
                public void packet(long packetId, Verdict verdict, int thread) {
                    seen[0]++;
                }

                @Override
                public void missing(long first, long last) {
                    if (seen[0]++ < max) {
                        print(csv, "missing_range", first, last);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void print(CSVPrinter csv, Object... values) {
        try {
            csv.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void kv(CSVPrinter csv, String field, Object value) throws IOException {
        csv.printRecord("run", field, value);
    }
}
