package dev.interleave.run;

import dev.interleave.stats.Proportion;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.VerdictCounts;

/**
 * The one word a run, a connection of {@code interleave serve}, or a pool of trials ends with. It is
 * derived once, by {@link #of}, from the packet counts and how the stream ended; every printer (the
 * CLI's text, JSON and CSV, serve's lines, the window's banner) consumes it and never re-derives it.
 * Pooling uses {@link #combine}, as jcstress's outcome enum combines its results. Any thread.
 *
 * <p>A packet that arrived whole more than once (a duplicate) arrived whole: it is evidence that its
 * bytes were not interleaved, so it counts as a trial that did not tear and does not make a stream
 * INCOMPLETE. The counts and the sentence still name duplicates, since a sender that repeats ids is
 * worth knowing about. Missing packets give no evidence about tearing and are not trials; pending ones
 * (no verdict yet) are not either.
 */
public enum RunVerdict {
    /** At least one packet's bytes were split by other bytes: tearing was seen. */
    TORN,
    /** Every expected packet arrived (at least one of them), whole; nothing tore. */
    INTACT,
    /**
     * No packet tore, but the evidence is incomplete: the run stopped or failed, packets are missing or
     * were never checked, or nothing was checked at all.
     */
    INCOMPLETE,
    /** The verifier's verdicts did not come back (a remote verifier sent no summary): nothing is known. */
    UNKNOWN;

    /**
     * The verdict, from facts alone. Precedence: UNKNOWN when the verdicts are not known (any counts are
     * partial); else TORN when any packet tore (a tear seen in a stopped run is still a tear); else
     * INCOMPLETE when the stream did not end normally, a packet is missing or pending, fewer packets than
     * expected have a verdict, or no packet was a trial; else INTACT.
     *
     * @param verdictsKnown   false when the verifier's results did not all come back
     * @param finished        the stream ended normally: a COMPLETED run, a connection that ended with the
     *                        sender's half-close
     * @param counts          packets per verdict
     * @param expectedPackets packets the stream should have carried (0 = not known in advance)
     */
    public static RunVerdict of(boolean verdictsKnown, boolean finished, VerdictCounts counts, long expectedPackets) {
        if (!verdictsKnown) {
            return UNKNOWN;
        }
        if (counts.torn() > 0) {
            return TORN;
        }
        if (!finished || counts.missing() > 0 || counts.pending() > 0 || counts.decided() < expectedPackets
                || trials(counts) == 0) {
            return INCOMPLETE;
        }
        return INTACT;
    }

    /**
     * The verdict of one connection that a verifier server checked: its verdicts are all known there,
     * and the stream ended normally when the sender half-closed it.
     */
    public static RunVerdict of(ConnectionResult r) {
        return of(true, r.end() == ConnectionResult.End.END_OF_STREAM, r.counts(),
                r.hello() == null ? 0 : r.hello().expectedPackets());
    }

    /**
     * Packets that are trials of "does this packet tear?": those with a verdict of intact, torn or
     * duplicate. Missing and pending packets give no evidence either way.
     */
    public static long trials(VerdictCounts counts) {
        return counts.intact() + counts.torn() + counts.duplicate();
    }

    /** The torn rate with its 95% interval: torn packets among the {@link #trials}. */
    public static Proportion tornRate(VerdictCounts counts) {
        return new Proportion(counts.torn(), trials(counts));
    }

    /**
     * The verdict of two results pooled (trials of one configuration, connections of one server): TORN
     * when either is TORN (one tear is evidence enough); the shared word when both agree; else
     * INCOMPLETE (some evidence is missing, or some is there where the rest is unknown). Commutative and
     * associative, so a pool's verdict does not depend on the order its results arrive in.
     */
    public RunVerdict combine(RunVerdict other) {
        if (this == TORN || other == TORN) {
            return TORN;
        }
        return this == other ? this : INCOMPLETE;
    }

    /** The verdict of a whole pool; UNKNOWN for an empty one (nothing came back). */
    public static RunVerdict pool(Iterable<RunVerdict> verdicts) {
        RunVerdict pooled = null;
        for (RunVerdict v : verdicts) {
            pooled = pooled == null ? v : pooled.combine(v);
        }
        return pooled == null ? UNKNOWN : pooled;
    }
}
