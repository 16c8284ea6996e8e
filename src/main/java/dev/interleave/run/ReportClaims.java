package dev.interleave.run;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.PacketListing;
import dev.interleave.verify.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sender report's claims beside what the verifier saw, in words (design.md, invariant 7: a
 * sender's own numbers are shown as claims, never used for a verdict). Where they disagree it says so
 * ("The sender claims 10,000 packets; the verifier saw 9,998."), rather than pick one. Pure; any thread.
 */
public final class ReportClaims {
    /** Threads whose disagreement is named one by one; past this they are counted. */
    static final int THREADS_NAMED = 3;

    private ReportClaims() {
    }

    /**
     * A report's rows summed: each count over the rows that measured it, {@link ThreadCounts#NOT_MEASURED}
     * where no row did.
     *
     * @param threads     rows in the report
     * @param packetRows  rows whose packets are measured (socket-per-thread's connection measures one)
     */
    public record Totals(int threads, int packetRows, long packets, long sendCalls, long partialSends,
                         long wouldBlocks) {
    }

    /** The largest count a report can carry (all ones means not measured). */
    static final long MAX_COUNT = -2L;

    /** Unsigned sum of two claims, held at {@link #MAX_COUNT}: a claim near 2^64 must not wrap to a small one. */
    static long plus(long a, long b) {
        return Long.compareUnsigned(a, MAX_COUNT - b) > 0 ? MAX_COUNT : a + b;
    }

    /** The sums of {@code report}'s rows. */
    public static Totals totals(SenderReport report) {
        long[] sums = new long[4];
        Arrays.fill(sums, ThreadCounts.NOT_MEASURED);
        int packetRows = 0;
        for (ThreadCounts c : report.threads()) {
            long[] row = {c.packets(), c.sendCalls(), c.partialSends(), c.wouldBlocks()};
            for (int k = 0; k < 4; k++) {
                if (ThreadCounts.isMeasured(row[k])) {
                    sums[k] = ThreadCounts.isMeasured(sums[k]) ? plus(sums[k], row[k]) : row[k];
                }
            }
            if (ThreadCounts.isMeasured(c.packets())) {
                packetRows++;
            }
        }
        return new Totals(report.threads().size(), packetRows, sums[0], sums[1], sums[2], sums[3]);
    }

    /**
     * What the verifier saw of the packets: those whose bytes arrived (intact, torn or duplicate), in all
     * and per thread index of their headers.
     *
     * @param packets   packets that arrived; -1 when unknown
     * @param perThread packets that arrived per thread index (index = the headers' threadIndex), or null
     *                  when not known per thread
     */
    public record Seen(long packets, long[] perThread) {
        /** Nothing known. */
        public static final Seen UNKNOWN = new Seen(-1, null);

        public Seen {
            perThread = perThread == null ? null : perThread.clone();
        }

        /** Packets of thread {@code t} that arrived (0 for a thread never seen); -1 when not known per thread. */
        public long ofThread(int t) {
            return perThread == null ? -1 : t < perThread.length ? perThread[t] : 0;
        }
    }

    /**
     * What the verifier saw on one connection, per thread from its packet listing (one pass over what
     * arrived); in all only, from its counts, when the listing can no longer be read. The caller's
     * thread; call it inside the server's onConnectionFinished listener for the per-thread counts.
     */
    public static Seen seen(ConnectionResult r) {
        long arrived = RunVerdict.trials(r.counts());
        long[][] counts = {new long[64]};
        boolean read = r.packets().forEach(new PacketListing.Visitor() {
            @Override
            public void packet(long packetId, Verdict verdict, int thread) {
                if (thread >= counts[0].length) {
                    counts[0] = Arrays.copyOf(counts[0], Math.max(thread + 1, counts[0].length * 2));
                }
                counts[0][thread]++;
            }

            @Override
            public void missing(long first, long last) {
                // missing packets did not arrive: nothing to count
            }
        });
        return new Seen(arrived, read ? counts[0] : null);
    }

    /** What the verifier saw of a run: the packets that arrived, when its verdicts are known. */
    public static Seen seen(RunResult r) {
        return r.verdictsKnown() ? new Seen(RunVerdict.trials(r.verdicts()), null) : Seen.UNKNOWN;
    }

    /**
     * The report's packet claims beside {@code seen}, in one or more sentences, e.g. "The sender claims
     * 10,000 packets, and the verifier saw 10,000." or "The sender claims 10,000 packets; the verifier
     * saw 9,998. Thread 3 claims 2,500; the verifier saw 2,498 of its packets."
     */
    public static String sentence(SenderReport report, Seen seen) {
        Totals t = totals(report);
        if (t.packetRows() == 0) {
            return "The sender's report does not count its packets.";
        }
        String scope = t.packetRows() < t.threads()
                ? String.format(Locale.ROOT, " (the rows of %d of its %d threads)", t.packetRows(), t.threads()) : "";
        StringBuilder b = new StringBuilder("The sender claims " + count(t.packets()) + " packets" + scope);
        if (seen.packets() < 0) {
            return b.append("; what the verifier saw is unknown.").toString();
        }
        List<String> threads = threadDisagreements(report, seen);
        if (seen.packets() == t.packets() && threads.isEmpty()) {
            b.append(String.format(Locale.ROOT, ", and the verifier saw %,d%s.", seen.packets(),
                    seen.perThread() == null ? "" : ", thread by thread as claimed"));
        } else {
            b.append(String.format(Locale.ROOT, "; the verifier saw %,d.", seen.packets()));
        }
        int named = Math.min(THREADS_NAMED, threads.size());
        for (int i = 0; i < named; i++) {
            b.append(' ').append(threads.get(i));
        }
        if (threads.size() > named) {
            b.append(String.format(Locale.ROOT, " %,d more threads differ.", threads.size() - named));
        }
        long unlisted = unlisted(report, seen);
        if (unlisted > 0) {
            b.append(String.format(Locale.ROOT, " The verifier also saw %,d packets from threads the report does not list.",
                    unlisted));
        }
        return b.toString();
    }

    /** The sentence for a run's report, or "" when it has none. */
    public static String sentence(RunResult r) {
        return r.report().map(rep -> sentence(rep, seen(r))).orElse("");
    }

    // "Thread 3 claims 2,500; the verifier saw 2,498 of its packets." for each measured row that differs.
    private static List<String> threadDisagreements(SenderReport report, Seen seen) {
        List<String> out = new ArrayList<>();
        if (seen.perThread() == null) {
            return out;
        }
        for (int t = 0; t < report.threads().size(); t++) {
            long claimed = report.threads().get(t).packets();
            long saw = seen.ofThread(t);
            if (ThreadCounts.isMeasured(claimed) && claimed != saw) {
                out.add(String.format(Locale.ROOT, "Thread %d claims %s; the verifier saw %,d of its packets.", t,
                        count(claimed), saw));
            }
        }
        return out;
    }

    private static long unlisted(SenderReport report, Seen seen) {
        long n = 0;
        if (seen.perThread() != null) {
            for (int t = report.threads().size(); t < seen.perThread().length; t++) {
                n += seen.perThread()[t];
            }
        }
        return n;
    }

    /**
     * A claimed count as the printers show it: its unsigned value with thousands separators, or "not
     * measured".
     */
    public static String count(long count) {
        if (!ThreadCounts.isMeasured(count)) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%,d", count >= 0 ? (Object) count
                : new java.math.BigInteger(Long.toUnsignedString(count)));
    }
}
