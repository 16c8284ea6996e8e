package dev.interleave.telemetry;

/**
 * One send call that wrote fewer bytes than it was asked to. Immutable.
 *
 * @param nanos nanoseconds since the start gate opened
 */
public record PartialSendEvent(int thread, long packetId, long asked, long written, long nanos) {
}
