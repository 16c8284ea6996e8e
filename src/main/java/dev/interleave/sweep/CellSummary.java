package dev.interleave.sweep;

import dev.interleave.run.RunVerdict;
import dev.interleave.stats.Proportion;
import java.util.List;

/**
 * A cell's trials pooled ({@link Pooling#pool}). The rates pool only trials that completed with known
 * verdicts (each sent its whole budget); failed ones are counted apart. The verdict pools every finished
 * trial: a tear seen in a trial that then failed is still a tear. Immutable; any thread.
 *
 * @param cell             the cell
 * @param packetsPerTrial  packets each of its trials sends
 * @param planned          trials planned for the cell
 * @param finished         trials that ran to an end (pooled or failed)
 * @param failed           finished trials that are not pooled (failed, or verdicts unknown)
 * @param verdict          the finished trials' verdicts pooled ({@link RunVerdict#pool}): TORN when any
 *                         trial tore; UNKNOWN before any trial finished
 * @param tornPerTrial     torn packets of each pooled trial, in trial order
 * @param tearShare        pooled trials with at least one torn packet, among the pooled trials
 * @param tornRate         torn packets among judged packets (intact, torn, duplicate) of all pooled trials
 * @param medianThroughput the median sender throughput of the pooled trials, bytes per second; NaN with none
 */
public record CellSummary(Cell cell, long packetsPerTrial, int planned, int finished, int failed,
                          RunVerdict verdict, List<Long> tornPerTrial, Proportion tearShare, Proportion tornRate,
                          double medianThroughput) {

    public CellSummary {
        tornPerTrial = List.copyOf(tornPerTrial);
    }

    /** Trials pooled. */
    public int pooledTrials() {
        return tornPerTrial.size();
    }

    /** Planned trials that did not run (yet, or ever: a stopped sweep). */
    public int notRun() {
        return planned - finished;
    }

    /** Whether there is anything to go by: at least one pooled trial that judged a packet. */
    public boolean measured() {
        return tornRate.trials() > 0;
    }

    /**
     * The pooled rate in a few characters, for a table or a tooltip: "1.2% [0.93-1.6%]", "< 0.030%" when
     * nothing tore (the 95% upper bound), "failed" when every finished trial failed, "-" when none ran.
     */
    public String rateText() {
        if (!measured()) {
            return finished > 0 ? "failed" : "-";
        }
        if (tornRate.isUpperBoundOnly()) {
            return "< " + RateText.upperBound(tornRate.high());
        }
        return RateText.percent(tornRate.rate()) + " [" + RateText.range(tornRate.low(), tornRate.high()) + "]";
    }
}
