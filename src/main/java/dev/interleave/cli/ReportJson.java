package dev.interleave.cli;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.run.ReportClaims;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender report as the JSON's {@code senderReport} object (docs/REPORT.md, "JSON"): the sender's
 * claims, shown as such, with a count it did not measure as null. Any thread.
 */
final class ReportJson {
    private ReportJson() {
    }

    /**
     * {@code {"source", "runId", "description", "threads":[{"thread","packets","sendCalls","partialSends",
     * "wouldBlocks"}...], "totals":{...}, "claims"}}; {@code source} is left out when null (serve's
     * reports are always the verifier's reading), the object is null without a report.
     */
    static Json of(SenderReport report, String source, String claims) {
        if (report == null) {
            return null;
        }
        Json j = new Json();
        if (source != null) {
            j.put("source", source);
        }
        j.put("runId", Long.toHexString(report.runId()));
        j.put("description", report.sanitizedDescription());
        List<Json> rows = new ArrayList<>(report.threads().size());
        for (int t = 0; t < report.threads().size(); t++) {
            ThreadCounts c = report.threads().get(t);
            rows.add(counts(new Json().put("thread", t), c.packets(), c.sendCalls(), c.partialSends(), c.wouldBlocks()));
        }
        j.put("threads", rows);
        ReportClaims.Totals total = ReportClaims.totals(report);
        j.put("totals", counts(new Json(), total.packets(), total.sendCalls(), total.partialSends(), total.wouldBlocks()));
        j.put("claims", claims);
        return j;
    }

    private static Json counts(Json j, long packets, long sendCalls, long partialSends, long wouldBlocks) {
        return j.put("packets", claim(packets)).put("sendCalls", claim(sendCalls)).put("partialSends", claim(partialSends))
                .put("wouldBlocks", claim(wouldBlocks));
    }

    /** An unsigned 64-bit claim as a JSON number, or null when not measured. */
    private static Object claim(long count) {
        if (!ThreadCounts.isMeasured(count)) {
            return null;
        }
        return count >= 0 ? (Object) count : new BigInteger(Long.toUnsignedString(count));
    }
}
