package dev.interleave.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunVerdict;
import dev.interleave.stats.Proportion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private static final Cell CELL = new Cell("native", false, 8, 1000);
    private static final Cell OTHER = new Cell("native", true, 8, 1000);

    /** A completed trial: {@code bytes} sent in one second. */
    private static TrialRecord trial(Cell cell, int k, long intact, long torn, long duplicate, long missing, long bytes) {
        return new TrialRecord(new PlannedTrial(k, cell, k), 1000, RunOutcome.COMPLETED, null, true, intact, torn,
                duplicate, missing, 0, 1000, 1000, 0, bytes, 1.0, Instant.EPOCH);
    }

    private static TrialRecord failedTrial(Cell cell, int k) {
        return new TrialRecord(new PlannedTrial(k, cell, k), 1000, RunOutcome.FAILED, "sending failed", true, 10, 5,
                0, 0, 985, 15, 15, 0, 15_000, 0.5, Instant.EPOCH);
    }

    @Test
    void countsAddUpOverPooledTrialsOnly() {
        List<TrialRecord> records = List.of(
                trial(CELL, 2, 996, 1, 1, 2, 200),   // judged 998: the 2 missing are not trials
                trial(OTHER, 0, 0, 1000, 0, 0, 999), // another cell: ignored
                trial(CELL, 0, 1000, 0, 0, 0, 100),
                failedTrial(CELL, 3),                // finished, not pooled
                trial(CELL, 1, 997, 3, 0, 0, 300));
        CellSummary s = Pooling.pool(CELL, 1000, 5, records);
        assertThat(s.planned()).isEqualTo(5);
        assertThat(s.finished()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.notRun()).isEqualTo(1);
        assertThat(s.pooledTrials()).isEqualTo(3);
        assertThat(s.tornPerTrial()).containsExactly(0L, 3L, 1L); // in trial order
        assertThat(s.tornRate()).isEqualTo(new Proportion(4, 2998));
        assertThat(s.tearShare()).isEqualTo(new Proportion(2, 3));
        assertThat(s.medianThroughput()).isEqualTo(200);
        assertThat(s.verdict()).isEqualTo(RunVerdict.TORN);
        // 4 of 2998: rate 0.0013342; Wilson 95% [0.00051897, 0.0034258] (hand-computed with z = 1.959964)
        assertThat(s.tornRate().rate()).isCloseTo(0.00133422, within(1e-8));
        assertThat(s.tornRate().low()).isCloseTo(0.00051897, within(1e-8));
        assertThat(s.tornRate().high()).isCloseTo(0.00342576, within(1e-8));
        // 2 of 3 trials tore: Wilson [0.2077, 0.9385]
        assertThat(s.tearShare().low()).isCloseTo(0.20766, within(1e-5));
        assertThat(s.tearShare().high()).isCloseTo(0.93851, within(1e-5));
        assertThat(s.rateText()).isEqualTo("0.13% [0.051-0.35%]");
    }

    @Test
    void aCellWithNoTearGivesItsUpperBound() {
        List<TrialRecord> records = List.of(trial(CELL, 0, 1000, 0, 0, 0, 1), trial(CELL, 1, 995, 0, 0, 5, 1),
                trial(CELL, 2, 1000, 0, 0, 0, 1));
        CellSummary s = Pooling.pool(CELL, 1000, 3, records);
        assertThat(s.tornRate()).isEqualTo(new Proportion(0, 2995));
        assertThat(s.tornRate().isUpperBoundOnly()).isTrue();
        // 1 - 0.05^(1/2995) = 0.00099974: "fewer than 0.10%"
        assertThat(s.tornRate().high()).isCloseTo(0.000999744, within(1e-9));
        assertThat(s.rateText()).isEqualTo("< 0.10%");
        assertThat(s.tearShare()).isEqualTo(new Proportion(0, 3));
        // one trial missed 5 packets: the evidence is incomplete, though none tore
        assertThat(s.verdict()).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(Pooling.pool(CELL, 1000, 1, records.subList(0, 1)).verdict()).isEqualTo(RunVerdict.INTACT);
    }

    @Test
    void aCellWithoutPooledTrialsSaysSo() {
        assertThat(Pooling.pool(CELL, 1000, 2, List.of()).rateText()).isEqualTo("-");
        assertThat(Pooling.pool(CELL, 1000, 2, List.of()).verdict()).isEqualTo(RunVerdict.UNKNOWN);
        CellSummary failed = Pooling.pool(CELL, 1000, 2, List.of(failedTrial(CELL, 0)));
        assertThat(failed.rateText()).isEqualTo("failed");
        assertThat(failed.medianThroughput()).isNaN();
        assertThat(failed.measured()).isFalse();
        // its packets tore before it failed: a tear seen is a tear, though no rate is pooled from it
        assertThat(failed.verdict()).isEqualTo(RunVerdict.TORN);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Pooling.median(new double[] {400, 100, 300, 200})).isEqualTo(250);
        assertThat(Pooling.median(new double[] {5})).isEqualTo(5);
        assertThat(Pooling.median(new double[0])).isNaN();
    }

    @Test
    void ratesPrintWithTwoDigitsAndBoundsRoundOutwards() {
        assertThat(RateText.percent(0.01234)).isEqualTo("1.2%");
        assertThat(RateText.percent(0.4123)).isEqualTo("41%");
        assertThat(RateText.percent(0)).isEqualTo("0%");
        assertThat(RateText.upperBound(0.000299573)).isEqualTo("0.030%");
        assertThat(RateText.upperBound(0.000301)).isEqualTo("0.031%");
        assertThat(RateText.range(0.00934, 0.01612)).isEqualTo("0.93-1.7%");
        assertThat(RateText.range(0.0999, 0.2)).isEqualTo("9.9-20%");
        assertThat(RateText.upperBound(0.0995)).isEqualTo("10%");
    }
}
