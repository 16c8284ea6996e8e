package dev.interleave.run;

import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.verify.Verdict;
import java.util.List;

/**
 * Everything the lab knows about one packet, for the grid's details. Immutable.
 *
 * @param thread         sending thread, or -1 if not (yet) sent
 * @param startMicros    when its send began, microseconds after the start gate ({@link #UNKNOWN}: an
 *                       outside sender, whose send calls this process did not see)
 * @param durationMicros how long its send took ({@link #UNKNOWN} likewise)
 * @param partialSends   partial sends it needed ({@link #UNKNOWN} likewise)
 * @param splice         for a torn packet, its splice segments in plain words
 *                       ("bytes 0-65,459 of #17, then #42 whole, then #17 from byte 65,460"); else empty
 * @param events         its partial-send events
 */
public record PacketDetails(long packetId, int thread, Verdict verdict, long startMicros, long durationMicros,
                            int partialSends, String splice, List<PartialSendEvent> events) {
    /** A send fact this process does not know: the packet came from an outside sender. */
    public static final int UNKNOWN = -1;

    /** Whether this process saw the packet's send (timing, partial sends): false for an outside sender's. */
    public boolean sendKnown() {
        return startMicros != UNKNOWN;
    }
}
