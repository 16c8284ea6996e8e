package dev.interleave.verify;

import java.util.List;
import java.util.Locale;

/**
 * A torn packet and, when details were kept, its splice: the stream-order segments from its first
 * byte to its last. Immutable; any thread.
 *
 * @param packetId      the packet
 * @param thread        its sending thread, -1 when unknown (an orphan piece without header)
 * @param payloadLength L from its header, -1 when unknown
 * @param complete      all 24 + L bytes were told as its own (false: "incomplete": the stream never
 *                      carried the rest, or some of its bytes could not be told from another's)
 * @param segments      the first segments kept (may be empty when details were dropped)
 * @param segmentCount  how many segments the splice really had (exact even past the bound)
 * @param truncated     segments were left out (bound reached or details dropped)
 */
public record TornPacket(long packetId, int thread, int payloadLength, boolean complete,
                         List<SpliceSegment> segments, int segmentCount, boolean truncated) {

    public TornPacket {
        segments = List.copyOf(segments);
    }

    /** The same packet without its segments (details dropped past a bound). */
    public TornPacket withoutDetails() {
        return new TornPacket(packetId, thread, payloadLength, complete, List.of(), segmentCount, true);
    }

    /**
     * The splice in words, e.g. "bytes 0-65,459 of #17, then #42 whole, then #17 from byte 65,460".
     * Past the segment bound the verifier keeps the first segments and the last one, so a long splice
     * reads "…, … (202 segments in all), then #17 from byte 89,928". Any thread.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (segments.isEmpty()) {
            sb.append("#").append(packetId).append(" torn (details not kept)");
        } else {
            // When truncated, the kept list is the first segments plus the real last one.
            int head = truncated && segments.size() > 1 ? segments.size() - 1 : segments.size();
            appendSegments(sb, 0, head);
            if (truncated) {
                sb.append(String.format(Locale.US, ", … (%,d segments in all)", segmentCount));
                if (head < segments.size()) {
                    sb.append(", then ");
                    appendSegments(sb, head, segments.size());
                }
            }
        }
        if (!complete) {
            SpliceSegment last = segments.isEmpty() ? null : segments.getLast();
            boolean reachedEnd = last != null && last.kind() == SpliceSegment.Kind.SELF && payloadLength >= 0
                    && last.to() == 24L + payloadLength;
            sb.append(reachedEnd ? " (incomplete: some of its bytes could not be told apart from another packet's)"
                    : ", then the stream ended or never continued it (incomplete)");
        }
        return sb.toString();
    }

    private void appendSegments(StringBuilder sb, int from, int to) {
        long frameEnd = payloadLength < 0 ? -1 : 24L + payloadLength;
        for (int k = from; k < to; k++) {
            SpliceSegment s = segments.get(k);
            if (k > from) {
                sb.append(", then ");
            }
            int run = 0;
            while (k + run < to && segments.get(k + run).kind() == SpliceSegment.Kind.WHOLE) {
                run++;
            }
            if (run >= 3) {
                // A long wait in send() lets many whole packets in: name the first and the last.
                sb.append(String.format(Locale.US, "%d packets whole (#%d … #%d)", run, s.packetId(),
                        segments.get(k + run - 1).packetId()));
                k += run - 1;
            } else if (s.kind() == SpliceSegment.Kind.SELF && k > 0 && s.to() == frameEnd) {
                sb.append(String.format(Locale.US, "#%d from byte %,d", s.packetId(), s.from()));
            } else {
                sb.append(s.describe());
            }
        }
    }
}
