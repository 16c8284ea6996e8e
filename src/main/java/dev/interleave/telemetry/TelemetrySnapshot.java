package dev.interleave.telemetry;

import java.util.List;

/**
 * The sender's counters at one moment. Immutable; built by {@link SenderTelemetry#snapshot()}.
 *
 * @param nanos nanoseconds since the start gate opened (0 before it opens)
 */
public record TelemetrySnapshot(long nanos, List<ThreadSnapshot> threads) {

    public TelemetrySnapshot {
        threads = List.copyOf(threads);
    }

    public long packets() {
        return threads.stream().mapToLong(ThreadSnapshot::packets).sum();
    }

    public long bytes() {
        return threads.stream().mapToLong(ThreadSnapshot::bytes).sum();
    }

    public long sendCalls() {
        return threads.stream().mapToLong(ThreadSnapshot::sendCalls).sum();
    }

    public long partialSends() {
        return threads.stream().mapToLong(ThreadSnapshot::partialSends).sum();
    }

    public long wouldBlocks() {
        return threads.stream().mapToLong(ThreadSnapshot::wouldBlocks).sum();
    }

    public long rejectedWrites() {
        return threads.stream().mapToLong(ThreadSnapshot::rejectedWrites).sum();
    }
}
