package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.stats.Proportion;
import dev.interleave.verify.VerdictCounts;
import org.junit.jupiter.api.Test;

class VerdictSentenceTest {
    private static final RunConfig ARTICLE = RunConfig.article();

    @Test
    void aCleanRunGivesItsUpperBoundAndItsReason() {
        RunResult r = Results.of(ARTICLE.withStrategy("socket-stream"), RunOutcome.COMPLETED, null, true, 10_000,
                10_000, 0, 0, 0, 0);
        assertThat(r.verdict()).isEqualTo(RunVerdict.INTACT);
        assertThat(r.verdictText()).isEqualTo("0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000 tear"
                + " under these conditions (one run). The JDK serialises writes on java.net.Socket.");
        Proportion rate = r.tornRate().orElseThrow();
        assertThat(rate.trials()).isEqualTo(10_000);
        assertThat(rate.high()).isCloseTo(2.9953e-4, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void aCleanRunOfAnUnsafeWaySaysNothingPreventsIt() {
        RunResult r = Results.of(ARTICLE, RunOutcome.COMPLETED, null, true, 10_000, 10_000, 0, 0, 0, 12);
        assertThat(r.verdictText()).startsWith("0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000")
                .contains("No interleaving was seen this time, but nothing in native prevents it")
                .endsWith("(12 partial sends).");
    }

    @Test
    void unattributableBytesAreCountedInWords() {
        RunResult r = Results.of(ARTICLE, RunOutcome.COMPLETED, null, true, 10_000, 9_588, 412, 0, 0, 0);
        for (long n : new long[] {1, 2}) {
            RunResult u = new RunResult(r.config(), r.environment(), r.startedAt(), r.seconds(), r.outcome(),
                    r.failure(), r.sender(), r.verdicts(), r.verdictsKnown(), r.bytesSent(), r.bytesReceived(), n,
                    r.torn(), r.events(), r.problems(), r.packets(), null);
            assertThat(u.verdictText()).endsWith(n == 1 ? " 1 byte unattributable." : " 2 bytes unattributable.");
        }
    }

    @Test
    void aTornRunGivesItsRateWithTheIntervalAndTheCause() {
        RunResult r = Results.of(ARTICLE, RunOutcome.COMPLETED, null, true, 10_000, 9_588, 412, 0, 0, 0);
        assertThat(r.verdict()).isEqualTo(RunVerdict.TORN);
        Proportion p = new Proportion(412, 10_000);
        assertThat(r.verdictText()).isEqualTo(p.inWords("torn", "tear").replaceFirst("\\)$", "; one run)")
                + ", with no partial send: the OS interleaved bytes inside single send() calls.");
        assertThat(r.verdictText()).startsWith("412 of 10,000 torn (4.1%; 95% interval ");
        RunResult locked = Results.of(ARTICLE.withLock(true), RunOutcome.COMPLETED, null, true, 10_000, 9_999, 1,
                0, 0, 0);
        assertThat(locked.verdictText()).contains("despite the lock");
        RunResult partial = Results.of(ARTICLE, RunOutcome.COMPLETED, null, true, 10_000, 9_990, 10, 0, 0, 300);
        assertThat(partial.verdictText()).contains("with 300 partial sends: other threads' bytes went in between");
    }

    @Test
    void aStoppedRunSaysWhatItIs() {
        RunConfig big = ARTICLE.withPackets(1_000_000);
        RunResult r = Results.of(big, RunOutcome.CANCELLED, null, true, 423_881, 423_695, 5, 0, 0, 0);
        assertThat(r.verdict()).isEqualTo(RunVerdict.TORN);
        assertThat(r.verdicts().pending()).isEqualTo(1_000_000 - 423_700);
        assertThat(r.verdictText()).startsWith("Stopped after 423,881 of 1,000,000 packets were sent. 5 of 423,700 torn (")
                .contains("; one run), with no partial send")
                .endsWith("181 sent but not checked before the stop.")
                .doesNotContain("of 1,000,000 torn");

        RunResult clean = Results.of(big.withStrategy("channel"), RunOutcome.CANCELLED, null, true, 2_000, 1_998, 0,
                0, 0, 0);
        assertThat(clean.verdict()).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(clean.verdictText()).startsWith("Stopped after 2,000 of 1,000,000 packets were sent. 0 of 1,998 torn:"
                + " with 95% confidence fewer than");

        RunResult early = Results.of(big, RunOutcome.CANCELLED, null, true, 0, 0, 0, 0, 0, 0);
        assertThat(early.verdictText()).isEqualTo("Stopped before any packet was sent.");
    }

    @Test
    void aFailureBeforeAnyPacketSaysOnlyWhy() {
        RunResult r = Results.of(ARTICLE.withTarget(Target.remote("127.0.0.1", 9)), RunOutcome.FAILED,
                "could not connect to 127.0.0.1:9: connection refused", false, 0, 0, 0, 0, 0, 0);
        assertThat(r.verdictText()).isEqualTo("Failed: could not connect to 127.0.0.1:9: connection refused.");
        assertThat(r.verdict()).isEqualTo(RunVerdict.UNKNOWN);
    }

    @Test
    void unknownVerdictsAreSaidToBeUnknownAndPartialCountsToBePartial() {
        RunConfig remote = ARTICLE.withPackets(1_000_000).withTarget(Target.remote("10.0.0.2", 11200));
        RunResult none = Results.of(remote, RunOutcome.COMPLETED, null, false, 1_000_000, 0, 0, 0, 0, 0);
        assertThat(none.verdictText()).isEqualTo("Verdicts unknown: the verifier sent no results back.");
        assertThat(none.tornRate()).isEmpty();

        RunResult partial = Results.of(remote, RunOutcome.COMPLETED, null, false, 423_881, 121_897, 116, 0, 0, 0);
        assertThat(partial.verdict()).isEqualTo(RunVerdict.UNKNOWN);
        assertThat(partial.verdictText()).isEqualTo("Verdicts unknown: the verifier's results stopped before its"
                + " summary (it had called 116 torn and 121,897 whole of 423,881 sent; partial counts, not a verdict).");
        assertThat(partial.verdicts().pending()).isEqualTo(1_000_000 - 121_897 - 116);
    }

    @Test
    void duplicatesAreNamedButAreNotTearsNorGaps() {
        RunResult r = Results.of(ARTICLE.withStrategy("channel"), RunOutcome.COMPLETED, null, true, 10_000, 9_998, 0,
                0, 2, 0);
        assertThat(r.verdict()).isEqualTo(RunVerdict.INTACT);
        assertThat(r.verdictText()).startsWith("0 of 10,000 torn:")
                .endsWith("2 duplicated (arrived whole more than once: not torn).");
        RunResult missing = Results.of(ARTICLE.withStrategy("channel"), RunOutcome.COMPLETED, null, true, 10_000,
                9_997, 0, 3, 0, 0);
        assertThat(missing.verdict()).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(missing.verdictText()).startsWith("0 of 9,997 torn:").endsWith("3 missing.");
    }

    @Test
    void evidenceNamesItsScope() {
        assertThat(VerdictSentence.evidence(new VerdictCounts(0, 120, 0, 0, 0), "one connection"))
                .isEqualTo("0 of 120 torn: with 95% confidence fewer than 2.5% tear under these conditions"
                        + " (one connection)");
        assertThat(VerdictSentence.evidence(new VerdictCounts(0, 90, 10, 0, 0), "5 trials")).endsWith("; 5 trials)");
    }

    // ---- an outside sender: its partial sends are its claims, or unknown ----

    private static final RunConfig OUTSIDE = ARTICLE.withStrategy(RunConfig.OUTSIDE_SENDER);

    private static RunResult withReport(RunResult r, long partialSends) {
        var report = new dev.interleave.protocol.SenderReport(1, java.util.List.of(
                new dev.interleave.protocol.SenderReport.ThreadCounts(r.sender().packets(), r.sender().packets(),
                        partialSends, 0)), "test sender");
        return new RunResult(r.config(), r.environment(), r.startedAt(), r.seconds(), r.outcome(), r.failure(),
                r.sender(), r.verdicts(), r.verdictsKnown(), r.bytesSent(), r.bytesReceived(), r.unattributedBytes(),
                r.torn(), r.events(), r.problems(), r.packets(), report);
    }

    @Test
    void anOutsideSendersTearsNameItsPartialSendsAsItsClaimOrAsUnknown() {
        RunResult silent = Results.of(OUTSIDE, RunOutcome.COMPLETED, null, true, 10_000, 9_588, 412, 0, 0, 0);
        assertThat(silent.verdictText()).endsWith(": other bytes landed inside this sender's packets (its partial"
                + " sends: not reported by this sender).");
        assertThat(withReport(silent, 0).verdictText()).endsWith(", with no partial send (the sender's claim): the OS"
                + " interleaved bytes inside single send() calls.");
        assertThat(withReport(silent, 30).verdictText()).endsWith(", with 30 partial sends (the sender's claim): other"
                + " threads' bytes went in between the pieces of one packet.");
    }

    @Test
    void anOutsideSendersCleanRunClaimsNoSafetyForItsWay() {
        RunResult clean = Results.of(OUTSIDE, RunOutcome.COMPLETED, null, true, 10_000, 10_000, 0, 0, 0, 0);
        assertThat(clean.verdictText()).contains("No interleaving was seen; whether this sender's way of writing"
                + " prevents it, one run cannot tell (docs/RUNTIMES.md).")
                .endsWith("The sender did not report its partial sends.");
        assertThat(withReport(clean, 0).verdictText()).endsWith("The sender claims no partial send.");
        assertThat(withReport(clean, 2).verdictText()).endsWith("The sender claims 2 partial sends.");
    }

    @Test
    void aStoppedOutsideRunCountsWhatArrivedNotWhatWasAnnounced() {
        RunResult stopped = Results.of(OUTSIDE, RunOutcome.CANCELLED, null, true, 120, 120, 0, 0, 0, 0);
        assertThat(stopped.verdictText()).startsWith("Stopped after 120 packets arrived.");
        RunResult none = Results.of(OUTSIDE, RunOutcome.CANCELLED, null, true, 0, 0, 0, 0, 0, 0);
        assertThat(none.verdictText()).isEqualTo("Stopped before any packet arrived.");
    }
}
