package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.WritePendingException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code async-channel}: one AsynchronousSocketChannel shared by all threads. The channel refuses a
 * second write while one is pending (WritePendingException); the refusal is counted and retried.
 * A write may also complete partially, and then another thread's write may get in before the rest:
 * so packets stay intact only while every write completes whole.
 */
final class AsyncChannelStrategy implements SendStrategy {
    static final String NAME = "async-channel";
    /**
     * A write's completion says what it wrote; the channel waits for buffer space inside, so a
     * would-block is out of sight. Refused writes (WritePendingException) are no send calls.
     */
    static final WriteApi API = new WriteApi("AsynchronousSocketChannel.write loop, retried on WritePendingException",
            true, true, false);
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
        return ChannelConnection.openAsync(setup, AsyncWriter::new, API);
    }

    @Override
    public String toString() {
        return NAME;
    }

    private static final class AsyncWriter extends ChannelWriter<AsynchronousSocketChannel> {
        AsyncWriter(AsynchronousSocketChannel channel, FrameBuffer frame) {
            super(channel, frame);
        }

        @Override
        void write(ByteBuffer b, long packetId, ThreadRecorder recorder) throws IOException {
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
