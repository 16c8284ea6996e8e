package dev.interleave.run;

import dev.interleave.protocol.SenderReport;

/**
 * Where a run's per-thread send counts (send calls, partial sends) come from. The lab's own sender
 * measures them; an outside sender can only claim them in its report (design.md, invariant 7), so the
 * views and the verdict's words say which they show. Pure; any thread.
 */
public enum PartialSendSource {
    /** This process sent, and counted its own send calls. */
    MEASURED(""),
    /** An outside sender's report claims them: shown as its claims, never used for a verdict. */
    CLAIMED("the sender's claim"),
    /** An outside sender reported, but could not count them (e.g. behind a library's sendall). */
    NOT_MEASURED("not measured by this sender"),
    /** An outside sender that sent no report (yet): nothing is known of its send calls. */
    NOT_REPORTED("not reported by this sender");

    private final String words;

    PartialSendSource(String words) {
        this.words = words;
    }

    /** A short phrase for a label, e.g. "not reported by this sender"; "" for {@link #MEASURED}. */
    public String words() {
        return words;
    }

    /** Whether the counts come from the sender itself, not from this process. */
    public boolean outside() {
        return this != MEASURED;
    }

    /** The partial sends {@code report} claims in all, over the threads that counted them (0 without a report). */
    public static long claimed(SenderReport report) {
        long n = 0;
        if (report != null) {
            for (SenderReport.ThreadCounts t : report.threads()) {
                if (SenderReport.ThreadCounts.isMeasured(t.partialSends())) {
                    n += t.partialSends();
                }
            }
        }
        return n;
    }

    /**
     * What an outside sender's {@code report} (null: none) says of its partial sends: CLAIMED when any
     * thread counted them, NOT_MEASURED when none could, NOT_REPORTED without a report.
     */
    public static PartialSendSource of(SenderReport report) {
        if (report == null) {
            return NOT_REPORTED;
        }
        for (SenderReport.ThreadCounts t : report.threads()) {
            if (SenderReport.ThreadCounts.isMeasured(t.partialSends())) {
                return CLAIMED;
            }
        }
        return NOT_MEASURED;
    }
}
