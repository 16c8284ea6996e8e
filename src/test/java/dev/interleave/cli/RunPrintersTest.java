package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.Results;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void jsonNumbersKeepSixSignificantDigitsInPlainNotation() {
        assertThat(Json.number(2.99528e-4)).isEqualTo("0.000299528");
        assertThat(Json.number(0)).isEqualTo("0");
        assertThat(Json.number(1683.2049)).isEqualTo("1683.2");
        assertThat(Json.number(1e-9)).isEqualTo("0.000000001");
        assertThat(Json.number(2_500_000)).isEqualTo("2500000");
    }
}
