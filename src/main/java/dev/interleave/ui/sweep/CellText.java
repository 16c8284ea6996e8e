package dev.interleave.ui.sweep;

import dev.interleave.run.Sizes;
import dev.interleave.stats.Proportion;
import dev.interleave.sweep.CellSummary;
import dev.interleave.sweep.RateText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a heatmap cell says: a few characters inside it, and its figures in full for the tooltip. A cell
 * where nothing tore says its 95% upper bound ("< 0.30%"), never "0" or "safe" (design.md, invariant
 * 8). Pure; any thread.
 */
public final class CellText {
    private CellText() {
    }

    /** How a cell is drawn. */
    public enum Kind {
        /** No trial of it has finished yet: drawn empty. */
        NOT_RUN,
        /** Every finished trial failed: nothing to go by. */
        FAILED,
        /** Nothing tore: drawn hatched, with the upper bound. */
        UPPER_BOUND,
        /** At least one packet tore: coloured by the rate. */
        TORN
    }

    /** How {@code s} is drawn. */
    public static Kind kind(CellSummary s) {
        if (s.measured()) {
            return s.tornRate().isUpperBoundOnly() ? Kind.UPPER_BOUND : Kind.TORN;
        }
        return s.finished() > 0 ? Kind.FAILED : Kind.NOT_RUN;
    }

    /** The words inside the cell: "1.2%", "< 0.30%", "failed", or "" when not run yet. */
    public static String inCell(CellSummary s) {
        return switch (kind(s)) {
            case NOT_RUN -> "";
            case FAILED -> "failed";
            case UPPER_BOUND -> "< " + RateText.upperBound(s.tornRate().high());
            case TORN -> RateText.percent(s.tornRate().rate());
        };
    }

    /**
     * The cell's figures, one line each: the cell, how many trials ran, the pooled rate with its
     * interval in words, how many trials tore, the verdict, the throughput, and what a click does.
     *
     * @param running   a trial of this cell is going on now
     * @param openable  its last trial can be opened in the lab
     */
    public static String tooltip(CellSummary s, boolean running, boolean openable) {
        List<String> lines = new ArrayList<>();
        lines.add(s.cell().label());
        String trials = String.format(Locale.ROOT, "%d of %d trial%s done", s.finished(), s.planned(),
                s.planned() == 1 ? "" : "s");
        if (s.failed() > 0) {
            trials += String.format(Locale.ROOT, " (%d failed, not pooled)", s.failed());
        }
        lines.add(trials + (running ? "; one is running now" : "") + String.format(Locale.ROOT,
                "; %,d packets per trial", s.packetsPerTrial()));
        switch (kind(s)) {
            case NOT_RUN -> lines.add("Not run yet.");
            case FAILED -> lines.add("Every finished trial failed: nothing to go by.");
            case UPPER_BOUND, TORN -> {
                lines.add(evidence(s.tornRate(), pooled(s.pooledTrials())) + ".");
                Proportion share = s.tearShare();
                lines.add(String.format(Locale.ROOT, "Trials with a tear: %d of %d; torn per trial: %s.",
                        share.events(), share.trials(), perTrial(s.tornPerTrial())));
                lines.add("Verdict: " + s.verdict().name().toLowerCase(Locale.ROOT)
                        + (Double.isNaN(s.medianThroughput()) ? ""
                        : "; median throughput " + Sizes.rate(s.medianThroughput())) + ".");
            }
        }
        if (s.finished() > 0) {
            lines.add(openable ? "Click: open its last trial in the Lab. Right-click: run this cell."
                    : "Right-click: run this cell (no trial of it is kept to open).");
        } else {
            lines.add("Right-click: run this cell in the Lab.");
        }
        return String.join("\n", lines);
    }

    /**
     * The pooled rate in words with what it pools: "0 of 483,870 torn: with 95% confidence fewer than 6.2
     * in 1,000,000 tear under these conditions (3 trials pooled)", "12 of 483,870 torn (0.0025%; 95%
     * interval 0.0013% to 0.0043%; 3 trials pooled)".
     */
    static String evidence(Proportion p, String scope) {
        String words = p.inWords("torn", "tear");
        if (p.events() > 0 && words.endsWith(")")) {
            return words.substring(0, words.length() - 1) + "; " + scope + ")";
        }
        return words + " (" + scope + ")";
    }

    private static String pooled(int trials) {
        return trials == 1 ? "one trial" : trials + " trials pooled";
    }

    /** "5, 0, 7", or the first 12 and how many more. */
    static String perTrial(List<Long> torn) {
        int shown = Math.min(12, torn.size());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            out.add(String.format(Locale.ROOT, "%,d", torn.get(i)));
        }
        String text = String.join(", ", out);
        return torn.size() > shown ? text + String.format(Locale.ROOT, " and %d more", torn.size() - shown) : text;
    }
}
