package dev.interleave.send;

import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.telemetry.ThreadSnapshot;

/**
 * What a strategy's threads call to write, as its sender report says it (docs/REPORT.md, "What the
 * project's own senders report"): the call in words, and which of the report's counts that call lets
 * the sender see. A count is measured when each call it counts is one the sending thread makes and
 * sees return; what happens beneath it (java.net.Socket's OutputStream.write loops over write(2)
 * calls and polls the thread never sees) is not measured, and the report says so with all ones.
 * Immutable; any thread.
 *
 * @param words           the call, e.g. "native send() loop via FFM"
 * @param callsSeen       every send/write call is one the thread makes (sendCalls is measured)
 * @param partialsSeen    a call can return having written less than asked, and the thread sees it
 * @param wouldBlocksSeen a call can return having written nothing because the socket is full
 *                        (non-blocking calls only: a blocking one waits instead)
 */
public record WriteApi(String words, boolean callsSeen, boolean partialsSeen, boolean wouldBlocksSeen) {

    /** Words appended under the application lock. */
    public static final String LOCKED = ", locked";

    public WriteApi {
        if (words == null || words.isBlank()) {
            throw new IllegalArgumentException("words must say what writes");
        }
    }

    /** The same calls under one application lock held for the whole packet. Any thread. */
    public WriteApi locked() {
        return new WriteApi(words + LOCKED, callsSeen, partialsSeen, wouldBlocksSeen);
    }

    /** One thread's counts as the report carries them: packets always, the rest when seen. Any thread. */
    public ThreadCounts counts(ThreadSnapshot t) {
        return new ThreadCounts(t.packets(), callsSeen ? t.sendCalls() : ThreadCounts.NOT_MEASURED,
                partialsSeen ? t.partialSends() : ThreadCounts.NOT_MEASURED,
                wouldBlocksSeen ? t.wouldBlocks() : ThreadCounts.NOT_MEASURED);
    }
}
