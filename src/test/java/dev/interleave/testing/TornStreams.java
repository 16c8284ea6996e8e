package dev.interleave.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.TornPacket;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the verifier may leave unexplained in a real stream where packets tore, and nothing more.
 * Where a piece's first bytes happen to equal what the packet it interrupted expected next (payload
 * words of nearby ids share their first bytes: every id below 65,536 starts 9E 37), the verifier gives
 * those bytes to the interrupted packet, as the bytes allow, and as many of the piece's own are then
 * nobody's (docs/PROTOCOL.md §5); the packet that lost them may end short of its length. A test of a
 * real run cannot know whether that happened in it, so it asserts the bound: nothing unattributable
 * and no problem when no packet tore; otherwise fewer than 8 bytes per splice segment, and no problem
 * but the unattributable bytes (GARBAGE) and a torn packet ended short (TRUNCATED).
 */
public final class TornStreams {
    /** Bytes two payload words of different packets can share before they differ. */
    private static final long SHARED_BYTES = 7;

    private TornStreams() {
    }

    /**
     * The bound for a verifier's byte account: {@code torn} is how many packets tore, {@code details}
     * the torn packets whose details were kept, {@code problemKinds} the kinds of problem reported.
     */
    private static void assertBound(long unattributable, long torn, List<TornPacket> details,
                                    Collection<StreamProblem.Kind> problemKinds) {
        if (torn == 0) {
            assertThat(unattributable).as("unattributable bytes with nothing torn").isZero();
            assertThat(problemKinds).as("problems with nothing torn").isEmpty();
            return;
        }
        long segments = details.stream().mapToLong(TornPacket::segmentCount).sum();
        assertThat(unattributable).as("unattributable bytes: at most %d per splice segment (%,d segments)",
                SHARED_BYTES, segments).isLessThanOrEqualTo(SHARED_BYTES * segments);
        if (unattributable == 0) {
            assertThat(problemKinds).as("problems with every byte accounted").isEmpty();
        } else {
            assertThat(problemKinds).as("problems").isSubsetOf(StreamProblem.Kind.GARBAGE, StreamProblem.Kind.TRUNCATED);
        }
    }

    /** Asserts the bound, given a verifier's problem counts by kind. */
    public static void assertOnlyCoincidencesUnattributed(long unattributable, long torn, List<TornPacket> details,
                                                         Map<StreamProblem.Kind, Long> problemCounts) {
        assertBound(unattributable, torn, details,
                problemCounts.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
    }

    /** Asserts the bound, given a run's problems in words ({@code StreamProblem.inWords}: "GARBAGE at byte 667: …"). */
    public static void assertOnlyCoincidencesUnattributed(long unattributable, long torn, List<TornPacket> details,
                                                         List<String> problems) {
        List<StreamProblem.Kind> kinds = problems.stream()
                .map(p -> StreamProblem.Kind.valueOf(p.substring(0, Math.max(0, p.indexOf(' ')))))
                .toList();
        assertBound(unattributable, torn, details, kinds);
    }
}
