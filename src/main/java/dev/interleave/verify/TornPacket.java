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
 * @param complete      all 24 + L bytes arrived (false: "incomplete", the stream never carried the rest)
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
     * Any thread.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        long frameEnd = payloadLength < 0 ? -1 : 24L + payloadLength;
        boolean first = true;
        for (SpliceSegment s : segments) {
            if (!first) {
                sb.append(", then ");
            }
            if (s.kind() == SpliceSegment.Kind.SELF && !first && s.to() == frameEnd) {
                sb.append(String.format(Locale.US, "#%d from byte %,d", s.packetId(), s.from()));
            } else {
                sb.append(s.describe());
            }
            first = false;
        }
        if (segments.isEmpty()) {
            sb.append("#").append(packetId).append(" torn (details not kept)");
        } else if (truncated) {
            sb.append(String.format(Locale.US, ", … (%,d segments in all)", segmentCount));
        }
        if (!complete) {
            sb.append(", then the stream ended or never continued it (incomplete)");
        }
        return sb.toString();
    }
}
