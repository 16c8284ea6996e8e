package dev.interleave.sweep;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Sizes;
import java.util.Locale;

/**
 * One point of a sweep: a way of writing (strategy, with or without the application lock), a number
 * of sending threads and a payload size. Every trial of a cell runs the same configuration. Immutable;
 * any thread; equal cells are the same point (usable as a map key).
 *
 * @param strategy    a send strategy's CLI name
 * @param lock        hold one application lock for the whole packet
 * @param threads     sending threads
 * @param payloadSize payload bytes per packet
 */
public record Cell(String strategy, boolean lock, int threads, int payloadSize) {

    /** The way of writing as people read it: "native" or "native+lock". */
    public String strategyLabel() {
        return lock ? strategy + "+lock" : strategy;
    }

    /** "native+lock, 8 threads, 10 KB". */
    public String label() {
        return String.format(Locale.ROOT, "%s, %d thread%s, %s", strategyLabel(), threads, threads == 1 ? "" : "s",
                Sizes.format(payloadSize));
    }

    /** {@code base} (its socket knobs and target) with this cell's strategy, lock, threads and size. */
    public RunConfig config(RunConfig base, long packets) {
        return base.withStrategy(strategy).withLock(lock).withThreads(threads).withPayloadSize(payloadSize)
                .withPackets(packets);
    }
}
