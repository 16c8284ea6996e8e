package dev.interleave.telemetry;

/**
 * The counters of one sending thread at one moment. Immutable.
 *
 * @param events        partial-send events kept
 * @param droppedEvents partial-send events not kept because the thread's event log was full
 */
public record ThreadSnapshot(int thread, long packets, long bytes, long sendCalls, long partialSends,
                             long wouldBlocks, long rejectedWrites, long events, long droppedEvents) {
}
