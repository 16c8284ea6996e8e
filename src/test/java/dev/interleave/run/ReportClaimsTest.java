package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender's claims beside what the verifier saw: agreement and disagreement, said in words. */
class ReportClaimsTest {
    private static final long NM = ThreadCounts.NOT_MEASURED;

    private static SenderReport report(long... packetsPerThread) {
        List<ThreadCounts> rows = new ArrayList<>();
        for (long p : packetsPerThread) {
            rows.add(new ThreadCounts(p, NM, NM, NM));
        }
        return new SenderReport(7, rows, "test");
    }

    @Test
    void agreementIsSaidAsSuchThreadByThreadWhenKnown() {
        SenderReport r = report(2_500, 2_500, 2_500, 2_500);
        assertThat(ReportClaims.sentence(r, new ReportClaims.Seen(10_000, new long[] {2_500, 2_500, 2_500, 2_500})))
                .isEqualTo("The sender claims 10,000 packets, and the verifier saw 10,000, thread by thread as claimed.");
        assertThat(ReportClaims.sentence(r, new ReportClaims.Seen(10_000, null)))
                .isEqualTo("The sender claims 10,000 packets, and the verifier saw 10,000.");
    }

    @Test
    void disagreementIsSaidNotHidden() {
        SenderReport r = report(2_500, 2_500, 2_500, 2_500);
        assertThat(ReportClaims.sentence(r, new ReportClaims.Seen(9_998, null)))
                .isEqualTo("The sender claims 10,000 packets; the verifier saw 9,998.");
        assertThat(ReportClaims.sentence(r, new ReportClaims.Seen(9_998, new long[] {2_500, 2_499, 2_500, 2_499})))
                .isEqualTo("The sender claims 10,000 packets; the verifier saw 9,998. Thread 1 claims 2,500; the "
                        + "verifier saw 2,499 of its packets. Thread 3 claims 2,500; the verifier saw 2,499 of its packets.");
        // Equal totals can hide threads that differ: they are named.
        assertThat(ReportClaims.sentence(report(3, 1), new ReportClaims.Seen(4, new long[] {2, 2})))
                .isEqualTo("The sender claims 4 packets; the verifier saw 4. Thread 0 claims 3; the verifier saw 2 of its"
                        + " packets. Thread 1 claims 1; the verifier saw 2 of its packets.");
    }

    @Test
    void manyDifferingThreadsAreCountedAndUnlistedThreadsNamed() {
        SenderReport r = report(10, 10, 10, 10, 10);
        String s = ReportClaims.sentence(r, new ReportClaims.Seen(48, new long[] {9, 9, 9, 9, 9, 0, 3}));
        assertThat(s).startsWith("The sender claims 50 packets; the verifier saw 48. Thread 0 claims 10;")
                .contains("Thread 2 claims 10;").doesNotContain("Thread 3 claims")
                .endsWith(" 2 more threads differ. The verifier also saw 3 packets from threads the report does not list.");
    }

    @Test
    void unmeasuredRowsAndUnknownVerdictsAreSaidSo() {
        SenderReport perThread = new SenderReport(7, List.of(ThreadCounts.notMeasured(), new ThreadCounts(40, 41, 1, NM),
                ThreadCounts.notMeasured()), "one connection of socket-per-thread");
        assertThat(ReportClaims.sentence(perThread, new ReportClaims.Seen(40, new long[] {0, 40})))
                .isEqualTo("The sender claims 40 packets (the rows of 1 of its 3 threads), and the verifier saw 40, thread "
                        + "by thread as claimed.");
        assertThat(ReportClaims.sentence(perThread, ReportClaims.Seen.UNKNOWN))
                .isEqualTo("The sender claims 40 packets (the rows of 1 of its 3 threads); what the verifier saw is unknown.");
        SenderReport none = new SenderReport(7, List.of(ThreadCounts.notMeasured()), "");
        assertThat(ReportClaims.sentence(none, new ReportClaims.Seen(5, null)))
                .isEqualTo("The sender's report does not count its packets.");
    }

    @Test
    void totalsSumTheMeasuredRowsAndHoldHugeClaimsWithoutWrapping() {
        SenderReport r = new SenderReport(7, List.of(new ThreadCounts(1, 5, NM, NM), new ThreadCounts(2, NM, NM, 0),
                new ThreadCounts(-3L, 1, NM, NM), new ThreadCounts(10, 1, NM, NM)), "huge");
        ReportClaims.Totals t = ReportClaims.totals(r);
        assertThat(t.packets()).as("held below all ones").isEqualTo(ReportClaims.MAX_COUNT);
        assertThat(t.sendCalls()).isEqualTo(7);
        assertThat(t.partialSends()).isEqualTo(NM);
        assertThat(t.wouldBlocks()).isZero();
        assertThat(t.packetRows()).isEqualTo(4);
        assertThat(ReportClaims.count(ReportClaims.MAX_COUNT)).isEqualTo("18,446,744,073,709,551,614");
        assertThat(ReportClaims.count(NM)).isEqualTo("not measured");
        assertThat(ReportClaims.sentence(r, new ReportClaims.Seen(13, null)))
                .isEqualTo("The sender claims 18,446,744,073,709,551,614 packets; the verifier saw 13.");
    }
}
