package dev.interleave.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunVerdict;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.Cell;
import dev.interleave.sweep.CellSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a heatmap cell says: a bound where nothing tore, never "0" or "safe"; the figures in full on hover. */
class CellTextTest {
    private static final Cell CELL = new Cell("native", false, 8, 10_000);

    private static CellSummary summary(int planned, int finished, int failed, List<Long> tornPerTrial, long judged) {
        long torn = tornPerTrial.stream().mapToLong(Long::longValue).sum();
        long withTear = tornPerTrial.stream().filter(t -> t > 0).count();
        RunVerdict verdict = finished == 0 ? RunVerdict.UNKNOWN : torn > 0 ? RunVerdict.TORN
                : failed > 0 ? RunVerdict.INCOMPLETE : RunVerdict.INTACT;
        return new CellSummary(CELL, 1_995, planned, finished, failed, verdict, tornPerTrial,
                new Proportion(withTear, tornPerTrial.size()), new Proportion(torn, judged),
                tornPerTrial.isEmpty() ? Double.NaN : 617e6);
    }

    @Test
    void aCellNotRunYetIsEmpty() {
        CellSummary s = summary(5, 0, 0, List.of(), 0);
        assertThat(CellText.kind(s)).isEqualTo(CellText.Kind.NOT_RUN);
        assertThat(CellText.inCell(s)).isEmpty();
        assertThat(CellText.tooltip(s, false, false)).isEqualTo("native, 8 threads, 10 KB\n"
                + "0 of 5 trials done; 1,995 packets per trial\nNot run yet.\nRight-click: run this cell in the Lab.");
    }

    @Test
    void nothingTornShowsTheUpperBoundRoundedUp() {
        // 0 of 9,975: the exact bound 1 - 0.05^(1/9975) = 0.0300%, "fewer than 3 in 10,000".
        CellSummary s = summary(5, 5, 0, List.of(0L, 0L, 0L, 0L, 0L), 9_975);
        assertThat(CellText.kind(s)).isEqualTo(CellText.Kind.UPPER_BOUND);
        assertThat(CellText.inCell(s)).isEqualTo("< 0.031%");
        assertThat(CellText.tooltip(s, false, true)).isEqualTo("native, 8 threads, 10 KB\n"
                + "5 of 5 trials done; 1,995 packets per trial\n"
                + "0 of 9,975 torn: with 95% confidence fewer than 3.1 in 10,000 tear under these conditions"
                + " (5 trials pooled).\n"
                + "Trials with a tear: 0 of 5; torn per trial: 0, 0, 0, 0, 0.\n"
                + "Verdict: intact; median throughput 617 MB/s.\n"
                + "Click: open its last trial in the Lab. Right-click: run this cell.");
    }

    @Test
    void aTornCellShowsItsRateAndTheTooltipItsInterval() {
        CellSummary s = summary(5, 3, 0, List.of(4L, 0L, 2L), 5_985);
        assertThat(CellText.kind(s)).isEqualTo(CellText.Kind.TORN);
        assertThat(CellText.inCell(s)).isEqualTo("0.10%");
        assertThat(CellText.tooltip(s, true, true))
                .contains("3 of 5 trials done; one is running now; 1,995 packets per trial")
                .contains("6 of 5,985 torn (0.10%; 95% interval 0.046% to 0.22%; 3 trials pooled).")
                .contains("Trials with a tear: 2 of 3; torn per trial: 4, 0, 2.")
                .contains("Verdict: torn");
    }

    @Test
    void failedTrialsAreNamedAndACellOfOnlyFailuresSaysSo() {
        CellSummary s = summary(5, 2, 2, List.of(), 0);
        assertThat(CellText.kind(s)).isEqualTo(CellText.Kind.FAILED);
        assertThat(CellText.inCell(s)).isEqualTo("failed");
        assertThat(CellText.tooltip(s, false, true)).contains("2 of 5 trials done (2 failed, not pooled)")
                .contains("Every finished trial failed: nothing to go by.");
    }

    @Test
    void longListsOfTrialsAreCut() {
        List<Long> torn = java.util.stream.LongStream.range(0, 20).boxed().toList();
        assertThat(CellText.perTrial(torn)).isEqualTo("0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 8 more");
    }
}
