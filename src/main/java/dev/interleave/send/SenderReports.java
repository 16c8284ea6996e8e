package dev.interleave.send;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.telemetry.TelemetrySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The sender report the project's own senders write (docs/PROTOCOL.md §5a): built from the threads'
 * own counters once every sending thread has finished, so nothing on the send path takes part in it.
 * Any thread.
 */
public final class SenderReports {
    private SenderReports() {
    }

    /**
     * The report of a run: one row per sending thread ({@code threads} of them, from {@code counts}),
     * what {@code api} sees of it, and a description such as "Java 25.0.1 (Temurin), native send()
     * loop via FFM, Linux 6.12.0 amd64". Any thread.
     */
    public static SenderReport of(long runId, WriteApi api, TelemetrySnapshot counts, int threads) {
        List<ThreadCounts> rows = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            rows.add(api.counts(counts.threads().get(t)));
        }
        return new SenderReport(runId, rows, describe(api));
    }

    /** "Java 25.0.1 (Temurin), {api's words}, Linux 6.12.0 amd64": the runtime, the call, the OS. */
    public static String describe(WriteApi api) {
        Runtime.Version v = Runtime.version();
        return String.format(Locale.ROOT, "Java %d.%d.%d (%s), %s, %s %s %s", v.feature(), v.interim(), v.update(),
                vendor(), api.words(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }

    // "Temurin" from java.vendor.version ("Temurin-25.0.1+8"), else the vendor ("Eclipse Adoptium").
    private static String vendor() {
        String v = System.getProperty("java.vendor.version");
        if (v != null && !v.isBlank()) {
            int dash = v.indexOf('-');
            return dash > 0 ? v.substring(0, dash) : v;
        }
        return System.getProperty("java.vendor", "unknown vendor");
    }

    /**
     * The report one connection of several carries: the rows of the threads that wrote on it, the
     * other rows all ones (not measured here), so that every row still names the thread index its
     * frames carry. Any thread.
     */
    static SenderReport only(SenderReport report, IntPredicate wroteHere) {
        List<ThreadCounts> rows = new ArrayList<>(report.threads().size());
        for (int t = 0; t < report.threads().size(); t++) {
            rows.add(wroteHere.test(t) ? report.threads().get(t) : ThreadCounts.notMeasured());
        }
        return new SenderReport(report.runId(), rows, report.description());
    }
}
