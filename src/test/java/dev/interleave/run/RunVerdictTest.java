package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.verify.VerdictCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunVerdictTest {

    @ParameterizedTest(name = "known={0} finished={1} pending={2} intact={3} torn={4} missing={5} dup={6} expected={7} -> {8}")
    @CsvSource({
            // known, finished, pending, intact, torn, missing, duplicate, expected, verdict
            "true,  true,  0, 100,   0, 0, 0, 100, INTACT",
            "true,  true,  0,  97,   3, 0, 0, 100, TORN",
            "true,  true,  0,   0, 100, 0, 0, 100, TORN",
            // a duplicate arrived whole: not a tear, and not a gap
            "true,  true,  0,  98,   0, 0, 2, 100, INTACT",
            "true,  true,  0,  98,   1, 0, 1, 100, TORN",
            // a missing packet is a gap in the evidence
            "true,  true,  0,  99,   0, 1, 0, 100, INCOMPLETE",
            "true,  true,  0,  98,   1, 1, 0, 100, TORN",
            // packets without a verdict, or fewer verdicts than expected (an unsealed board)
            "true,  true,  5,  95,   0, 0, 0, 100, INCOMPLETE",
            "true,  true,  0,  95,   0, 0, 0, 100, INCOMPLETE",
            // stopped or failed: incomplete unless something tore
            "true,  false, 40, 60,   0, 0, 0, 100, INCOMPLETE",
            "true,  false, 40, 55,   5, 0, 0, 100, TORN",
            "true,  false, 0, 100,   0, 0, 0, 100, INCOMPLETE",
            // nothing checked at all is no evidence of safety
            "true,  true,  0,   0,   0, 0, 0,   0, INCOMPLETE",
            "true,  true,  0,   0,   0, 3, 0,   3, INCOMPLETE",
            // expected not known in advance (a Hello with expectedPackets 0)
            "true,  true,  0,  10,   0, 0, 0,   0, INTACT",
            // verdicts unknown: partial counts decide nothing, not even a tear
            "false, true,  0, 100,   0, 0, 0, 100, UNKNOWN",
            "false, true,  0,  90,  10, 0, 0, 100, UNKNOWN",
            "false, false, 0,   0,   0, 0, 0, 100, UNKNOWN",
    })
    void theTable(boolean known, boolean finished, long pending, long intact, long torn, long missing, long dup,
                  long expected, RunVerdict verdict) {
        VerdictCounts c = new VerdictCounts(pending, intact, torn, missing, dup);
        assertThat(RunVerdict.of(known, finished, c, expected)).isEqualTo(verdict);
    }

    @Test
    void everyCombinationObeysTheDocumentedPrecedence() {
        long[] small = {0, 1, 7};
        int seen = 0;
        for (boolean known : new boolean[] {false, true}) {
            for (boolean finished : new boolean[] {false, true}) {
                for (long pending : small) {
                    for (long intact : small) {
                        for (long torn : small) {
                            for (long missing : small) {
                                for (long dup : small) {
                                    VerdictCounts c = new VerdictCounts(pending, intact, torn, missing, dup);
                                    for (long expected : new long[] {0, c.decided(), c.decided() + 1}) {
                                        RunVerdict v = RunVerdict.of(known, finished, c, expected);
                                        seen++;
                                        if (!known) {
                                            assertThat(v).isEqualTo(RunVerdict.UNKNOWN);
                                        } else if (torn > 0) {
                                            assertThat(v).isEqualTo(RunVerdict.TORN);
                                        } else {
                                            boolean whole = finished && pending == 0 && missing == 0
                                                    && c.decided() >= expected && intact + dup > 0;
                                            assertThat(v).as("%s finished=%s expected=%d", c, finished, expected)
                                                    .isEqualTo(whole ? RunVerdict.INTACT : RunVerdict.INCOMPLETE);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(seen).isEqualTo(2 * 2 * 243 * 3);
    }

    @Test
    void trialsAreThePacketsWithAVerdictOfIntactTornOrDuplicate() {
        VerdictCounts c = new VerdictCounts(11, 100, 5, 7, 3);
        assertThat(RunVerdict.trials(c)).isEqualTo(108);
        assertThat(RunVerdict.tornRate(c).events()).isEqualTo(5);
        assertThat(RunVerdict.tornRate(c).trials()).isEqualTo(108);
    }

    @Test
    void combineIsCommutativeAssociativeAndTornWins() {
        RunVerdict[] all = RunVerdict.values();
        for (RunVerdict a : all) {
            assertThat(a.combine(a)).isEqualTo(a);
            assertThat(a.combine(RunVerdict.TORN)).isEqualTo(RunVerdict.TORN);
            for (RunVerdict b : all) {
                assertThat(a.combine(b)).isEqualTo(b.combine(a));
                for (RunVerdict c : all) {
                    assertThat(a.combine(b).combine(c)).isEqualTo(a.combine(b.combine(c)));
                }
            }
        }
        assertThat(RunVerdict.INTACT.combine(RunVerdict.INCOMPLETE)).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(RunVerdict.INTACT.combine(RunVerdict.UNKNOWN)).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(RunVerdict.UNKNOWN.combine(RunVerdict.INCOMPLETE)).isEqualTo(RunVerdict.INCOMPLETE);
    }

    @Test
    void aPoolIsTheCombinationOfItsMembers() {
        assertThat(RunVerdict.pool(List.of())).isEqualTo(RunVerdict.UNKNOWN);
        assertThat(RunVerdict.pool(List.of(RunVerdict.INTACT, RunVerdict.INTACT))).isEqualTo(RunVerdict.INTACT);
        assertThat(RunVerdict.pool(List.of(RunVerdict.INTACT, RunVerdict.TORN, RunVerdict.UNKNOWN)))
                .isEqualTo(RunVerdict.TORN);
        List<RunVerdict> many = new ArrayList<>(List.of(RunVerdict.UNKNOWN, RunVerdict.UNKNOWN));
        assertThat(RunVerdict.pool(many)).isEqualTo(RunVerdict.UNKNOWN);
        many.add(RunVerdict.INTACT);
        assertThat(RunVerdict.pool(many)).isEqualTo(RunVerdict.INCOMPLETE);
    }
}
