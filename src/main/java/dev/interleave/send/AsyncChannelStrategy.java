package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Channels;
import java.nio.channels.WritePendingException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code async-channel}: one AsynchronousSocketChannel shared by all threads. The channel refuses a
 * second write while one is pending (WritePendingException); the refusal is counted and retried.
 * A write may also complete partially, and then another thread's write may get in before the rest:
 * so packets stay intact only while every write completes whole.
 */
final class AsyncChannelStrategy implements SendStrategy {
    static final String NAME = "async-channel";
    /** Pause before retrying a refused write; every refusal builds an exception, so spinning costs. */
    static final long PARK_NANOS = 50_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reason() {
        return "AsynchronousSocketChannel: one write may be pending at a time; the others are refused (counted) and retried.";
    }

    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        return new Connection(Connect.asyncChannel(setup), setup);
    }

    @Override
    public String toString() {
        return NAME;
    }

    private static final class Connection implements SenderConnection {
        private final AsynchronousSocketChannel channel;
        private final SendSetup setup;
        private final AppliedOptions options;
        private final AtomicBoolean closed = new AtomicBoolean();

        Connection(AsynchronousSocketChannel channel, SendSetup setup) throws IOException {
            this.channel = channel;
            this.setup = setup;
            try {
                this.options = Connect.readBack(channel);
            } catch (IOException | RuntimeException e) {
                Connect.closeQuietly(channel);
                throw e;
            }
        }

        @Override
        public PacketWriter writer(int threadIndex) {
            return new AsyncWriter(channel, new DirectFrame(threadIndex, setup.payloadSize(), setup.hello().runIdLow()));
        }

        @Override
        public void finishSending() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public List<InputStream> resultStreams() {
            return List.of(Channels.newInputStream(channel));
        }

        @Override
        public List<AppliedOptions> appliedOptions() {
            return List.of(options);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                // A pending write then completes with AsynchronousCloseException.
                Connect.closeQuietly(channel);
            }
        }
    }

    private static final class AsyncWriter implements FramedWriter {
        private final AsynchronousSocketChannel channel;
        private final DirectFrame frame;
        private ByteBuffer built;

        AsyncWriter(AsynchronousSocketChannel channel, DirectFrame frame) {
            this.channel = channel;
            this.frame = frame;
        }

        @Override
        public void build(long packetId) {
            built = frame.build(packetId);
        }

        @Override
        public void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException {
            ByteBuffer b = built;
            while (b.hasRemaining()) {
                int asked = b.remaining();
                Future<Integer> pending;
                try {
                    pending = channel.write(b);
                } catch (WritePendingException e) {
                    recorder.rejectedWrite(packetId);
                    LockSupport.parkNanos(PARK_NANOS);
                    continue;
                }
                recorder.sendCall(packetId, asked, await(pending));
            }
        }

        private static int await(Future<Integer> pending) throws IOException {
            try {
                return pending.get();
            } catch (InterruptedException e) {
                // The write goes on in the background; the caller stops (a cancel closes the channel).
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while a write was pending");
            } catch (ExecutionException e) {
                throw Connect.asIOException(e.getCause());
            }
        }
    }
}
