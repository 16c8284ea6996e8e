package dev.interleave.sweep;

import dev.interleave.run.RunVerdict;
import dev.interleave.stats.Proportion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Pools a cell's trials: pure functions; any thread. */
public final class Pooling {
    private Pooling() {
    }

    /**
     * The summary of {@code records} (the finished trials of {@code cell}, in any order; records of
     * other cells are ignored). Counts add up over the pooled trials, so the pooled rate weighs every
     * judged packet alike; the share of trials that tore says how often a trial of this size shows it.
     */
    public static CellSummary pool(Cell cell, long packetsPerTrial, int planned, List<TrialRecord> records) {
        List<TrialRecord> mine = new ArrayList<>();
        for (TrialRecord r : records) {
            if (r.cell().equals(cell)) {
                mine.add(r);
            }
        }
        mine.sort(Comparator.comparingInt(TrialRecord::trial));
        List<Long> tornPerTrial = new ArrayList<>();
        long torn = 0;
        long judged = 0;
        long withTear = 0;
        double[] throughputs = new double[mine.size()];
        int pooled = 0;
        for (TrialRecord r : mine) {
            if (!r.pooled()) {
                continue;
            }
            tornPerTrial.add(r.torn());
            torn += r.torn();
            judged += r.judged();
            withTear += r.torn() > 0 ? 1 : 0;
            throughputs[pooled++] = r.throughput();
        }
        RunVerdict verdict = RunVerdict.pool(mine.stream().map(TrialRecord::verdict).toList());
        return new CellSummary(cell, packetsPerTrial, planned, mine.size(), mine.size() - pooled, verdict, tornPerTrial,
                new Proportion(withTear, pooled), new Proportion(torn, judged),
                median(Arrays.copyOf(throughputs, pooled)));
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when empty. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
