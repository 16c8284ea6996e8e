package dev.interleave.ui;

import dev.interleave.run.LiveRun;
import dev.interleave.ui.grid.PacketGrid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that has just started, and the grid's copies for its packets, both made on the worker: the
 * copies of a large run take long enough to allocate that the FX thread must not wait for them.
 *
 * @param gridCopies null when there was no memory for them (the grid tries again when it takes the run)
 */
record StartedRun(LiveRun run, PacketGrid.Copies gridCopies) {
    private static final Logger LOG = LoggerFactory.getLogger(StartedRun.class);

    /** {@code run} with its grid's copies made now. The worker only (the allocation may be large). */
    static StartedRun of(LiveRun run) {
        return new StartedRun(run, gridCopies(run.packets().size()));
    }

    /**
     * The grid's copies for {@code packets} packets, or null when there is no memory for them (the run
     * goes on, and its report is whole; only the grid may stay empty). The worker only.
     */
    static PacketGrid.Copies gridCopies(long packets) {
        try {
            return PacketGrid.copiesFor(packets);
        } catch (OutOfMemoryError e) {
            LOG.warn("no memory for the grid's copies of {} packets yet", packets);
            return null;
        }
    }
}
