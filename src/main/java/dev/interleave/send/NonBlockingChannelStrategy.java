package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code channel-nonblocking}: one non-blocking SocketChannel shared by all threads, each thread
 * running its own write loop. A write takes the channel's lock only for one call, so another thread's
 * write can land between two partial writes of a packet: this is the Java strategy that tears.
 */
final class NonBlockingChannelStrategy implements SendStrategy {
    static final String NAME = "channel-nonblocking";
    /** Every write call, short or empty, is the thread's own. */
    static final WriteApi API = new WriteApi("non-blocking SocketChannel.write loop", true, true, true);
    /** Retries with a spin hint before parking, after a write that wrote nothing. */
    static final int SPINS = 8;
    /** Park after the spins: short enough to keep up with loopback, long enough not to burn a core. */
    static final long PARK_NANOS = 30_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reason() {
        return "Non-blocking SocketChannel, a write loop per thread: partial writes let other threads' bytes in, so packets tear.";
    }

    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        return ChannelConnection.open(setup, false, NonBlockingWriter::new, API);
    }

    @Override
    public String toString() {
        return NAME;
    }

    /**
     * One thread's write loop. No Selector: registering and selecting take locks shared by all
     * threads, and a shared lock on the send path would hide the interleaving (design.md, invariant 1).
     */
    private static final class NonBlockingWriter extends ChannelWriter<SocketChannel> {
        NonBlockingWriter(SocketChannel channel, FrameBuffer frame) {
            super(channel, frame);
        }

        @Override
        void write(ByteBuffer b, long packetId, ThreadRecorder recorder) throws IOException {
            int idle = 0;
            while (b.hasRemaining()) {
                int asked = b.remaining();
                int written = channel.write(b); // throws once the channel is closed (cancel)
                recorder.sendCall(packetId, asked, written);
                if (written > 0) {
                    idle = 0;
                } else if (++idle <= SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
        }
    }
}
