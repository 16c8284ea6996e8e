package dev.interleave.report;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.run.ReportClaims;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunEnvironment;
import dev.interleave.run.RunResult;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.telemetry.ThreadSnapshot;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.Verdict;
import dev.interleave.stats.Proportion;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a run report as CSV (docs/REPORT.md documents every column). One file, six kinds of rows;
 * the first column of every row names its kind ({@code run}, {@code thread}, {@code report},
 * {@code packet}, {@code event}, {@code torn}), and each kind is preceded by a header row whose first
 * cell is {@code record}, so a spreadsheet, {@code grep '^packet,'} and a CSV parser all read it. serve's
 * report ({@link ConnectionReport}) is the same format with the rows a verifier can know.
 *
 * <p>Written atomically: to a temporary file beside the target, then moved over it, so a failure
 * never leaves a half-written report. Not on the FX thread (10,000,000 packets are 10,000,000 rows).
 */
public final class CsvReport {
    /** Bumped when a column changes meaning. */
    public static final int FORMAT_VERSION = 1;
    private static final int CHUNK = 64 * 1024;

    private CsvReport() {
    }

    /** Writes {@code result} to {@code file}, replacing it atomically. Any thread but the FX thread. */
    public static void write(RunResult result, Path file) throws IOException {
        writeAtomically(file, csv -> print(result, csv));
    }

    /** Writes CSV rows to a temporary file beside {@code file}, then moves it over {@code file}. */
    static void writeAtomically(Path file, Rows rows) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write the report to " + target + ": folder " + dir + " does not exist");
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the report after the move.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        boolean moved = false;
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                 CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
                rows.print(csv);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw new IOException("cannot write the report to " + target + ": " + ReportPaths.reason(e), e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Prints the rows of one report. */
    @FunctionalInterface
    interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    static void print(RunResult r, CSVPrinter csv) throws IOException {
        RunConfig c = r.config();
        RunEnvironment env = r.environment();
        csv.printRecord("record", "field", "value");
        kv(csv, "format_version", FORMAT_VERSION);
        kv(csv, "started_at", r.startedAt());
        kv(csv, "strategy", c.strategy());
        kv(csv, "lock", c.lock());
        kv(csv, "threads", c.threads());
        kv(csv, "packets", c.packets());
        kv(csv, "payload_size", c.payloadSize());
        socketsAndMachine(csv, "run", c, env);
        kv(csv, "outcome", r.outcome());
        kv(csv, "failure", r.failure() == null ? "" : r.failure());
        kv(csv, "seconds", String.format(Locale.ROOT, "%.3f", r.seconds()));
        kv(csv, "verdict", r.verdict());
        kv(csv, "verdict_text", r.verdictText());
        kv(csv, "verdicts_known", r.verdictsKnown());
        kv(csv, "packets_sent", r.sender().packets());
        kv(csv, "intact", r.verdicts().intact());
        kv(csv, "torn", r.verdicts().torn());
        kv(csv, "missing", r.verdicts().missing());
        kv(csv, "duplicate", r.verdicts().duplicate());
        kv(csv, "pending", r.verdicts().pending());
        rate(csv, r.trials(), r.tornRate().orElse(null));
        kv(csv, "send_calls", r.sender().sendCalls());
        kv(csv, "partial_sends", r.sender().partialSends());
        kv(csv, "would_blocks", r.sender().wouldBlocks());
        kv(csv, "rejected_writes", r.sender().rejectedWrites());
        kv(csv, "bytes_sent", r.bytesSent());
        // The verifier's byte counts come with its summary: unknown (empty) when that never arrived.
        kv(csv, "bytes_received", r.verdictsKnown() ? r.bytesReceived() : "");
        kv(csv, "unattributed_bytes", r.verdictsKnown() ? r.unattributedBytes() : "");
        kv(csv, "throughput_mb_per_s", String.format(Locale.ROOT, "%.1f", r.throughput() / 1e6));
        reportFields(csv, r.report().map(rep -> r.reportSource().words()).orElse(null), r.report().orElse(null),
                ReportClaims.sentence(r));
        for (String p : r.problems()) {
            kv(csv, "problem", p);
        }

        csv.printRecord("record", "thread", "packets", "bytes", "send_calls", "partial_sends", "would_blocks",
                "rejected_writes", "events_dropped");
        for (ThreadSnapshot t : r.sender().threads()) {
            csv.printRecord("thread", t.thread(), t.packets(), t.bytes(), t.sendCalls(), t.partialSends(),
                    t.wouldBlocks(), t.rejectedWrites(), t.droppedEvents());
        }
        reportRows(csv, r.report().orElse(null));

        csv.printRecord("record", "packet_id", "thread", "verdict", "send_start_us", "send_us", "partial_sends");
        PacketView view = r.packets();
        if (view != null) {
            byte[] verdicts = new byte[CHUNK];
            short[] threads = new short[CHUNK];
            Verdict[] names = Verdict.values();
            long size = view.size();
            for (long from = 0; from < size; from += CHUNK) {
                int len = (int) Math.min(CHUNK, size - from);
                view.copyVerdicts(from, verdicts, 0, len);
                view.copyThreads(from, threads, 0, len);
                for (int i = 0; i < len; i++) {
                    long id = from + i;
                    csv.printRecord("packet", id, threads[i] < 0 ? "" : threads[i], names[verdicts[i]],
                            known(view.startMicros(id)), known(view.durationMicros(id)), known(view.partialSends(id)));
                }
            }
        }

        csv.printRecord("record", "thread", "packet_id", "asked", "written", "at_us");
        for (PartialSendEvent e : r.events()) {
            csv.printRecord("event", e.thread(), e.packetId(), e.asked(), e.written(), e.nanos() / 1000);
        }

        csv.printRecord("record", "packet_id", "thread", "splice");
        for (TornPacket t : r.torn()) {
            csv.printRecord("torn", t.packetId(), t.thread(), t.describe());
        }
    }

    /**
     * The {@code run} rows about the sender report: whose reading it is ({@code source}: "received by
     * the verifier", "written by this sender"; "none" without a report), its description (sanitised:
     * text only) and its claims beside what the verifier saw.
     */
    static void reportFields(CSVPrinter csv, String source, SenderReport report, String claims) throws IOException {
        kv(csv, "report_source", report == null ? "none" : source);
        kv(csv, "report_description", report == null ? "" : report.sanitizedDescription());
        kv(csv, "report_claims", report == null ? "" : claims);
    }

    /**
     * The {@code report} rows: the sender report's counts, one row per thread and a {@code total} row
     * (each count summed over the rows that measured it); an empty cell is "not measured". The sender's
     * claims: never used for a verdict.
     */
    static void reportRows(CSVPrinter csv, SenderReport report) throws IOException {
        csv.printRecord("record", "thread", "packets", "send_calls", "partial_sends", "would_blocks");
        if (report == null) {
            return;
        }
        for (int t = 0; t < report.threads().size(); t++) {
            ThreadCounts c = report.threads().get(t);
            csv.printRecord("report", t, claim(c.packets()), claim(c.sendCalls()), claim(c.partialSends()),
                    claim(c.wouldBlocks()));
        }
        ReportClaims.Totals total = ReportClaims.totals(report);
        csv.printRecord("report", "total", claim(total.packets()), claim(total.sendCalls()),
                claim(total.partialSends()), claim(total.wouldBlocks()));
    }

    /** A sender-side figure of one packet, or empty where this process did not send it (an outside sender). */
    private static Object known(long value) {
        return value == PacketDetails.UNKNOWN ? "" : value;
    }

    /** A claimed count: its unsigned value, or empty when not measured. */
    private static String claim(long count) {
        return ThreadCounts.isMeasured(count) ? Long.toUnsignedString(count) : "";
    }

    /** The trials and the torn rate with its 95% interval; the rate rows are empty when it is unknown. */
    static void rate(CSVPrinter csv, long trials, Proportion rate) throws IOException {
        kv(csv, "trials", trials);
        kv(csv, "torn_rate", rate == null ? "" : number(rate.rate()));
        kv(csv, "torn_rate_low", rate == null ? "" : number(rate.low()));
        kv(csv, "torn_rate_high", rate == null ? "" : number(rate.high()));
    }

    /**
     * A double with six significant digits in plain notation ("0.000412", "1683.2", "0"): enough for a
     * rate of a few in a million, and never the exponent form a reader has to decode. The reports' and
     * the CLI's JSON's one number format. Pure; any thread.
     */
    public static String number(double d) {
        return d == 0 ? "0" : new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * The rows a run report and a sweep report both carry, in this order (docs/REPORT.md): the socket
     * settings, the target, and the machine (with the senders' nice value), as {@code record} rows.
     */
    static void socketsAndMachine(CSVPrinter csv, String record, RunConfig c, RunEnvironment env) throws IOException {
        csv.printRecord(record, "so_sndbuf", c.sendBuffer());
        csv.printRecord(record, "tcp_nodelay", c.tcpNoDelay());
        csv.printRecord(record, "verifier_so_rcvbuf", c.receiveBuffer());
        csv.printRecord(record, "read_throttle_mbps", c.readThrottleMBps());
        // An outside sender came to this process's listener: "in-process" would say this process sent.
        csv.printRecord(record, "target", c.isOutsideSender() ? "outside sender" : c.target());
        csv.printRecord(record, "os", env.os() + " " + env.osVersion());
        csv.printRecord(record, "arch", env.arch());
        csv.printRecord(record, "kernel", env.kernel());
        csv.printRecord(record, "jdk", env.jdk());
        csv.printRecord(record, "cpus", env.cpus());
        // How often a sender is preempted changes the tear rate; the lab lowers its senders (nice 19).
        csv.printRecord(record, "sender_nice", env.senderNice().isPresent() ? env.senderNice().getAsInt() : "");
    }

    static void kv(CSVPrinter csv, String field, Object value) throws IOException {
        csv.printRecord("run", field, value);
    }
}
