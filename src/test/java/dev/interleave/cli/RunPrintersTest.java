package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interleave.protocol.SenderReport;
import dev.interleave.run.ReportClaims;
import dev.interleave.run.Results;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's text and JSON of a run, from results made by hand: every printer says the same thing. */
class RunPrintersTest {
    private static String text(RunResult r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        RunExecution.printText(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCompletedRunPrintsItsRateAndIntervalInTextAndJson() {
        RunResult r = Results.of(RunConfig.article(), RunOutcome.COMPLETED, null, true, 10_000, 9_588, 412, 0, 0, 0);
        String json = RunExecution.toJson(r, new Outputs(), null).toString();
        assertThat(json).contains("\"verdict\":\"TORN\"", "\"trials\":10000", "\"tornRate\":0.0412",
                "\"tornRateLow\":0.0374775", "\"tornRateHigh\":0.0452749", "\"pending\":0");
        assertThat(text(r)).contains("verifier: intact 9,588  torn 412  missing 0  duplicate 0  pending 0")
                .contains("412 of 10,000 torn (4.1%; 95% interval 3.7% to 4.5%; one run)");
    }

    @Test
    void unknownVerdictsAreLabelledPartialAndTheirRateIsNull() {
        RunConfig remote = RunConfig.article().withPackets(1_000_000).withTarget(Target.remote("10.1.1.1", 11200));
        RunResult r = Results.of(remote, RunOutcome.COMPLETED, null, false, 1_000_000, 121_897, 116, 0, 0, 0);
        String json = RunExecution.toJson(r, new Outputs(), null).toString();
        assertThat(json).contains("\"verdict\":\"UNKNOWN\"", "\"verdictsKnown\":false", "\"tornRate\":null",
                "\"tornRateLow\":null", "\"tornRateHigh\":null", "\"bytesReceived\":null", "\"intact\":121897",
                "\"pending\":" + (1_000_000 - 121_897 - 116));
        String text = text(r);
        assertThat(text).contains("verifier, partial (its results stopped before the summary): intact 121,897  torn 116")
                .contains("no verdict 877,987").contains("sender: 1,000,000 packets sent")
                .contains("bytes sent, unknown received, unknown unattributable").doesNotContain("  verifier: intact")
                .contains("Verdicts unknown: the verifier's results stopped before its summary");
    }

    @Test
    void theSenderReportIsShownAsClaimsBesideTheSendersOwnCounts() throws Exception {
        RunResult plain = Results.of(RunConfig.article().withPackets(4), RunOutcome.COMPLETED, null, true, 4, 3, 0, 1, 0, 2);
        SenderReport report = new SenderReport(0xABCL, List.of(
                new SenderReport.ThreadCounts(2, 4, 2, SenderReport.ThreadCounts.NOT_MEASURED),
                new SenderReport.ThreadCounts(2, 2, 0, SenderReport.ThreadCounts.NOT_MEASURED)),
                "Java 25 (Test), native send() loop via FFM,\u001b[31m Linux");
        RunResult r = Results.withReport(plain, report);
        assertThat(text(r)).contains("  sender: 4 packets sent  send calls 6  partial sends 2")
                .contains("  sender report, received by the verifier (its claims): 4 packets  send calls 6  partial sends 2"
                        + "  would-block not measured")
                .contains("    \"Java 25 (Test), native send() loop via FFM,\uFFFD[31m Linux\". The sender claims 4 "
                        + "packets; the verifier saw 3.");
        var sr = new ObjectMapper().readTree(RunExecution.toJson(r, new Outputs(), null).toString()).get("senderReport");
        assertThat(sr.get("source").asText()).isEqualTo("received by the verifier");
        assertThat(sr.get("runId").asText()).isEqualTo("abc");
        assertThat(sr.get("description").asText()).doesNotContain("\u001b");
        assertThat(sr.get("threads")).hasSize(2);
        assertThat(sr.get("threads").get(0).toString())
                .isEqualTo("{\"thread\":0,\"packets\":2,\"sendCalls\":4,\"partialSends\":2,\"wouldBlocks\":null}");
        assertThat(sr.get("totals").toString())
                .isEqualTo("{\"packets\":4,\"sendCalls\":6,\"partialSends\":2,\"wouldBlocks\":null}");
        assertThat(sr.get("claims").asText()).isEqualTo("The sender claims 4 packets; the verifier saw 3.");

        RunConfig remote = RunConfig.article().withPackets(4).withTarget(Target.remote("10.1.1.1", 11200));
        RunResult sent = Results.withReport(Results.of(remote, RunOutcome.COMPLETED, null, true, 4, 4, 0, 0, 0, 0), report);
        assertThat(text(sent)).contains("  sender report, written by this sender (its claims): 4 packets")
                .contains("The sender claims 4 packets, and the verifier saw 4.");
        assertThat(text(plain)).contains("  sender report: none arrived at the verifier");
        RunResult stopped = Results.of(RunConfig.article().withPackets(4), RunOutcome.CANCELLED, null, true, 2, 2, 0, 0, 0, 0);
        assertThat(text(stopped)).contains("  sender report: none (a stopped or failed run writes none)");
    }

    @Test
    void serveShowsAReportsClaimsOnALineOfItsOwn() {
        SenderReport report = new SenderReport(0xABCL, List.of(
                new SenderReport.ThreadCounts(3, SenderReport.ThreadCounts.NOT_MEASURED, SenderReport.ThreadCounts.NOT_MEASURED,
                        SenderReport.ThreadCounts.NOT_MEASURED),
                new SenderReport.ThreadCounts(2, SenderReport.ThreadCounts.NOT_MEASURED, SenderReport.ThreadCounts.NOT_MEASURED,
                        SenderReport.ThreadCounts.NOT_MEASURED)), "Python 3.12 (CPython) socket.sendall, Linux 6.18");
        assertThat(ServeCommand.reportLine(report, new ReportClaims.Seen(5, new long[] {3, 2})))
                .isEqualTo("  sender report (its claims): 2 threads; packets 5, send calls not measured, partial sends "
                        + "not measured, would-blocks not measured; \"Python 3.12 (CPython) socket.sendall, Linux 6.18\". "
                        + "The sender claims 5 packets, and the verifier saw 5, thread by thread as claimed.");
    }
}
