package dev.interleave.send;

import dev.interleave.protocol.SenderReport;
import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fix: any strategy with one application lock per connection, held by a thread for all the
 * writes of its packet, so one packet is on the wire at a time and nothing tears. The frame is built
 * before taking the lock, as an application would fill its buffer first: every writer of the
 * strategies here, Java and native, is a {@link FramedWriter}. A writer that is not (from another
 * strategy) sends under the lock, build included. Immutable; any thread.
 */
public final class LockedStrategy implements SendStrategy {
    /** Appended to the inner strategy's name. */
    public static final String SUFFIX = "+lock";

    private final SendStrategy inner;

    /** Wraps {@code inner}. Any thread. */
    public LockedStrategy(SendStrategy inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The strategy under the lock. Any thread. */
    public SendStrategy inner() {
        return inner;
    }

    /** The inner name with {@code +lock}, e.g. {@code native+lock}. Any thread. */
    @Override
    public String name() {
        return inner.name() + SUFFIX;
    }

    /** One line for the window. Any thread. */
    @Override
    public String reason() {
        return inner.name() + " under one application lock held for the whole packet: one packet at a time, nothing tears.";
    }

    /** The inner strategy's reason, if it cannot run. Any thread. */
    @Override
    public Optional<String> unavailableReason() {
        return inner.unavailableReason();
    }

    /** Opens the inner connection and puts one lock in front of its writers. Run's control thread. */
    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        return new Connection(inner.open(setup));
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Connection implements SenderConnection {
        private final SenderConnection inner;
        // Non-fair: fairness would add a hand-off per packet and measures nothing more.
        private final ReentrantLock lock = new ReentrantLock();

        Connection(SenderConnection inner) {
            this.inner = inner;
        }

        @Override
        public PacketWriter writer(int threadIndex) {
            PacketWriter w = inner.writer(threadIndex);
            if (w instanceof FramedWriter framed) {
                return (id, recorder) -> {
                    framed.build(id);
                    lock.lock();
                    try {
                        framed.writeBuilt(id, recorder);
                    } finally {
                        lock.unlock();
                    }
                };
            }
            return (id, recorder) -> sendLocked(w, id, recorder);
        }

        private void sendLocked(PacketWriter w, long id, ThreadRecorder recorder) throws IOException {
            lock.lock();
            try {
                w.send(id, recorder);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long finishSending(SenderReport report) throws IOException {
            return inner.finishSending(report);
        }

        @Override
        public long runId() {
            return inner.runId();
        }

        /** The inner connection's calls, with ", locked". Any thread. */
        @Override
        public WriteApi writeApi() {
            return inner.writeApi().locked();
        }

        @Override
        public List<InputStream> resultStreams() {
            return inner.resultStreams();
        }

        @Override
        public List<AppliedOptions> appliedOptions() {
            return inner.appliedOptions();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
