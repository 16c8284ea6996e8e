package dev.interleave.report;

import dev.interleave.run.RunVerdict;
import dev.interleave.run.VerdictSentence;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.TornPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report of one connection that {@code interleave serve} verified: the verifier's half of a run
 * report (docs/REPORT.md, "serve reports"), in the same row layout, written atomically. The sender's
 * half (strategy, partial sends) is the sender's own report. Any thread but the FX thread.
 */
public final class ConnectionReport {
    private ConnectionReport() {
    }

    /** Writes {@code r} to {@code file}, replacing it atomically. */
    public static void write(ConnectionResult r, Path file) throws IOException {
        CsvReport.writeAtomically(file, csv -> {
            csv.printRecord("record", "field", "value");
            kv(csv, "format_version", CsvReport.FORMAT_VERSION);
            kv(csv, "connection", r.connection());
            kv(csv, "remote", r.remoteAddress());
            kv(csv, "end", r.end());
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
            kv(csv, "unattributed_bytes", r.bytes().unattributable());
            kv(csv, "back_channel_dropped", r.droppedMessages());
            kv(csv, "summary_sent", r.summarySent());
            for (var e : r.problemCounts().entrySet()) {
                kv(csv, "problem_count_" + e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
            for (StreamProblem p : r.problems()) {
                kv(csv, "problem", p.kind() + " at byte " + p.streamOffset() + ": " + p.detail());
            }
            csv.printRecord("record", "packet_id", "thread", "splice");
            for (TornPacket t : r.torn()) {
                csv.printRecord("torn", t.packetId(), t.thread(), t.describe());
            }
        });
    }

    private static void kv(org.apache.commons.csv.CSVPrinter csv, String field, Object value) throws IOException {
        csv.printRecord("run", field, value);
    }
}
