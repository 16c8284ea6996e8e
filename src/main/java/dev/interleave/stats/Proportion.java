package dev.interleave.stats;

import java.util.Locale;

/**
 * How sure a count of events among trials makes us of the underlying rate: {@code events} torn packets
 * among {@code trials} packets with a verdict (pending packets are not trials). One run that shows no
 * tear bounds the tear rate; it does not make it zero (design.md, invariant 8).
 *
 * <p>The interval is two-sided 95% Wilson score (Wilson 1927, recommended by Brown, Cai &amp; DasGupta
 * 2001) when at least one event was seen. With zero events the upper end is the exact one-sided 95%
 * Clopper-Pearson bound {@code 1 - 0.05^(1/n)} (about 3/n, the "rule of three"), which is what "0 torn"
 * lets a reader claim. Immutable; any thread.
 *
 * @param events events seen, 0 &le; events &le; trials
 * @param trials trials, &ge; 0; with none, nothing is known and the interval is [0, 1]
 */
public record Proportion(long events, long trials) {
    /** The 97.5th percentile of the standard normal distribution: a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;
    /** One minus the confidence of the one-sided zero-event bound. */
    static final double ALPHA = 0.05;

    public Proportion {
        if (trials < 0 || events < 0 || events > trials) {
            throw new IllegalArgumentException("need 0 <= events <= trials, got " + events + " of " + trials);
        }
    }

    /** The observed rate, events / trials; 0 when there were no trials. */
    public double rate() {
        return trials == 0 ? 0 : (double) events / trials;
    }

    /** The lower end of the 95% interval (0 when no event was seen). */
    public double low() {
        return events == 0 ? 0 : wilson(events, trials)[0];
    }

    /** The upper end of the 95% interval: Wilson's, or the exact one-sided bound when no event was seen. */
    public double high() {
        if (trials == 0) {
            return 1;
        }
        return events == 0 ? zeroEventUpperBound(trials) : wilson(events, trials)[1];
    }

    /** Whether the rate is bounded above only: no event was seen (and there were trials). */
    public boolean isUpperBoundOnly() {
        return events == 0 && trials > 0;
    }

    /** This proportion pooled with another: events and trials add up. */
    public Proportion plus(Proportion other) {
        return new Proportion(events + other.events, trials + other.trials);
    }

    /**
     * The two-sided 95% Wilson score interval {low, high} for k events in n trials (n &gt; 0). Also used
     * at k = 0, where it gives a lower end of 0 and an upper end a little above the exact bound.
     */
    public static double[] wilson(long k, long n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0, got " + k + " of " + n);
        }
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // The ends are exact at the edges (k = 0, k = n) and never cross the rate: rounding must not
        // make an interval exclude what was observed.
        double low = k == 0 ? 0 : Math.min(p, Math.max(0, centre - half));
        double high = k == n ? 1 : Math.max(p, Math.min(1, centre + half));
        return new double[] {low, high};
    }

    /**
     * The exact one-sided 95% upper bound on the rate after zero events in n trials: 1 - 0.05^(1/n)
     * (Clopper-Pearson), computed without cancellation for large n.
     */
    public static double zeroEventUpperBound(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("need n > 0, got " + n);
        }
        return -Math.expm1(Math.log(ALPHA) / n);
    }

    /**
     * The result in words, e.g. "0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000 tear under
     * these conditions" or "412 of 10,000 torn (4.1%; 95% interval 3.7% to 4.5%)". {@code noun} names
     * the events ("torn"), {@code verb} what they do ("tear").
     */
    public String inWords(String noun, String verb) {
        String head = String.format(Locale.ROOT, "%,d of %,d %s", events, trials, noun);
        if (trials == 0) {
            return head + ": nothing to go by";
        }
        if (events == 0) {
            return head + ": with 95% confidence fewer than " + perScale(high()) + " " + verb
                    + " under these conditions";
        }
        return head + " (" + percent(rate()) + "; 95% interval " + percent(low()) + " to " + percent(high()) + ")";
    }

    /**
     * A small rate as "3 in 10,000": the power of ten that puts it between 1 and 10 (or the largest that
     * keeps it at least 1 in 100), and the figure rounded up to two significant digits, since it is an
     * upper bound.
     */
    static String perScale(double rate) {
        if (rate >= 0.01) {
            return percent(Math.ceil(rate * 1000) / 1000);
        }
        long scale = 100;
        while (rate * scale < 1 && scale < 1_000_000_000_000_000L) {
            scale *= 10;
        }
        double figure = Math.ceil(rate * scale * 10 - 1e-9) / 10; // 2.9953 -> 3.0, 7.07 -> 7.1
        String f = figure == Math.rint(figure) ? String.format(Locale.ROOT, "%d", (long) figure)
                : String.format(Locale.ROOT, "%.1f", figure);
        return f + String.format(Locale.ROOT, " in %,d", scale);
    }

    /** A rate as a percentage with a precision that suits its size: 41%, 4.1%, 0.41%, 0.0041%. */
    static String percent(double rate) {
        double pct = rate * 100;
        if (pct == 0) {
            return "0%";
        }
        if (pct >= 10) {
            return String.format(Locale.ROOT, "%.0f%%", pct);
        }
        int decimals = Math.max(1, 1 - (int) Math.floor(Math.log10(pct)));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f%%", pct);
    }
}
