package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.Hello;
import dev.interleave.run.Results;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.verify.ByteAccount;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.VerdictCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI's JSON, byte for byte, for fixed values and fixed results: the goldens were printed by the
 * hand-written writer that jackson-core's generator replaced, so a reader of the old output reads the
 * new one unchanged (keys added since come after the golden's).
 */
class JsonGoldenTest {

    @Test
    void everyKindOfValueIsWrittenAsBefore() {
        Json j = new Json()
                .put("text", "plain")
                .put("escapes", "q\" b\\ n\n r\r t\t bs\b ff\f one\u0001 us\u001f del\u007f")
                .put("unicode", "é ✓ 😀 \u2028 \ud800")
                .put("empty", "")
                .put("nothing", null)
                .put("yes", true)
                .put("no", false)
                .put("int", 42)
                .put("long", -9_223_372_036_854_775_807L)
                .put("rate", 0.0412)
                .put("tiny", 1e-9)
                .put("big", 2.5e6)
                .put("third", 1.0 / 3)
                .put("negativeZero", -0.0)
                .put("nan", Double.NaN)
                .put("infinite", Double.POSITIVE_INFINITY)
                .put("list", List.of("a", "b\"c", "d\ne"))
                .put("emptyList", List.of())
                .put("numbers", List.of(1, 2.5))
                .put("word", RunOutcome.CANCELLED);
        assertThat(j.toString()).isEqualTo(GOLDEN_VALUES);
    }

    @Test
    void aRunsObjectIsWrittenAsBefore() {
        RunResult r = Results.of(RunConfig.article(), RunOutcome.COMPLETED, null, true, 10_000, 9_588, 412, 0, 0, 7);
        // The keys added since the golden was printed come last; everything before them is unchanged.
        assertThat(RunExecution.toJson(r, new Outputs(), "disk \"full\"").toString())
                .isEqualTo(withKeys(GOLDEN_RUN, ",\"senderReport\":null"));
    }

    @Test
    void aConnectionsObjectIsWrittenAsBefore() {
        ConnectionResult r = new ConnectionResult(3, new Hello(0x1234_5678_9ABC_DEF1L, 100, 4), "/127.0.0.1:50000",
                ConnectionResult.End.RESET, new ByteAccount(5000, 32, 4000, 900, 0, 68),
                new VerdictCounts(10, 80, 3, 7, 0), List.of(), List.of(),
                Map.of(StreamProblem.Kind.GARBAGE, 2L), 5, false, 1.25, "Connection reset", 0, "Broken pipe", null);
        assertThat(ServeCommand.toJson(r).toString())
                .isEqualTo(withKeys(GOLDEN_CONNECTION, ",\"untrackedEvents\":0,\"senderReport\":null"));
    }

    private static String withKeys(String golden, String added) {
        return golden.substring(0, golden.length() - 1) + added + "}";
    }

    static final String GOLDEN_VALUES = "{\"text\":\"plain\""
            + ",\"escapes\":\"q\\\" b\\\\ n\\n r\\r t\\t bs\\u0008 ff\\u000c one\\u0001 us\\u001f del\u007f\""
            + ",\"unicode\":\"\u00e9 \u2713 \ud83d\ude00 \u2028 \ud800\",\"empty\":\"\",\"nothing\":null"
            + ",\"yes\":true,\"no\":false,\"int\":42,\"long\":-9223372036854775807,\"rate\":0.0412"
            + ",\"tiny\":0.000000001,\"big\":2500000,\"third\":0.333333,\"negativeZero\":0,\"nan\":null"
            + ",\"infinite\":null,\"list\":[\"a\",\"b\\\"c\",\"d\\ne\"],\"emptyList\":[],\"numbers\":[\"1\""
            + ",\"2.5\"],\"word\":\"CANCELLED\"}";
    static final String GOLDEN_RUN = "{\"strategy\":\"native\",\"lock\":false,\"threads\":20,\"packets\":10000,\"payloadSize\":100000"
            + ",\"target\":\"in-process\",\"outcome\":\"COMPLETED\",\"verdict\":\"TORN\""
            + ",\"verdictsKnown\":true,\"intact\":9588,\"torn\":412,\"missing\":0,\"duplicates\":0"
            + ",\"pending\":0,\"trials\":10000,\"tornRate\":0.0412,\"tornRateLow\":0.0374775"
            + ",\"tornRateHigh\":0.0452749,\"packetsSent\":10000,\"sendCalls\":10007,\"partialSends\":7"
            + ",\"wouldBlocks\":0,\"rejectedWrites\":0,\"bytesSent\":1000240032,\"bytesReceived\":1000240032"
            + ",\"unattributedBytes\":0,\"seconds\":2.5,\"throughputMBps\":400.096,\"senderNice\":null"
            + ",\"verdictText\":\"412 of 10,000 torn (4.1%; 95% interval 3.7% to 4.5%; one run), with 7 partial sends: other threads' bytes went in between the pieces of one packet.\""
            + ",\"failure\":null,\"report\":null,\"reportError\":\"disk \\\"full\\\"\"}";
    static final String GOLDEN_CONNECTION = "{\"connection\":3,\"remote\":\"/127.0.0.1:50000\",\"end\":\"RESET\""
            + ",\"endDetail\":\"Connection reset\",\"runId\":\"123456789abcdef1\",\"strategy\":null"
            + ",\"threads\":4,\"packets\":100,\"payloadSize\":null,\"intact\":80,\"torn\":3,\"missing\":7"
            + ",\"duplicates\":0,\"pending\":10,\"trials\":83,\"tornRate\":0.0361446,\"tornRateLow\":0.0123678"
            + ",\"tornRateHigh\":0.100959,\"partialSends\":null,\"bytesSent\":null,\"bytesReceived\":5000"
            + ",\"unattributedBytes\":68,\"seconds\":1.25,\"verdict\":\"TORN\""
            + ",\"verdictText\":\"3 of 83 torn (3.6%; 95% interval 1.2% to 10%; one connection)\""
            + ",\"splices\":[],\"problems\":[\"GARBAGE=2\"],\"droppedMessages\":5,\"summarySent\":false"
            + ",\"backChannelError\":\"Broken pipe\"}";
}
