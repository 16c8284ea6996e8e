package dev.interleave.run;

/**
 * Per-packet state of a run, for the packet grid: bulk copies out of the engine's primitive arrays,
 * so the FX thread reads what it draws without boxing. Any thread; values read while the run goes on
 * are a racy but valid picture (a packet's verdict only moves forward).
 */
public interface PacketView {

    /** Packet ids 0..size()-1 exist in this run. */
    long size();

    /** Copies verdict codes ({@code Verdict.ordinal()}) of ids {@code from..from+len-1} into {@code dst}. */
    void copyVerdicts(long from, byte[] dst, int off, int len);

    /** Copies sending threads of ids {@code from..from+len-1} into {@code dst} (-1 = not sent yet). */
    void copyThreads(long from, short[] dst, int off, int len);

    /** What the lab knows about one packet. */
    PacketDetails details(long packetId);

    /**
     * When the send of {@code packetId} began, microseconds after the start gate (0 if not sent;
     * {@link PacketDetails#UNKNOWN} where this process did not send, as for an outside sender; likewise
     * for the two below).
     */
    default long startMicros(long packetId) {
        return details(packetId).startMicros();
    }

    /** How long the send of {@code packetId} took, in microseconds. */
    default long durationMicros(long packetId) {
        return details(packetId).durationMicros();
    }

    /** Partial sends that {@code packetId} needed. */
    default int partialSends(long packetId) {
        return details(packetId).partialSends();
    }
}
