package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** {@code channel}: one blocking SocketChannel shared by all threads, write(ByteBuffer) until done. */
final class ChannelStrategy implements SendStrategy {
    static final String NAME = "channel";
    /** Each write call is the thread's own; a blocking channel waits for space, so no would-block. */
    static final WriteApi API = new WriteApi("blocking SocketChannel.write loop", true, true, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reason() {
        return "Blocking SocketChannel.write: the channel lets one write at a time in and finishes it, so packets stay intact.";
    }

    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        return ChannelConnection.open(setup, true, BlockingWriter::new, API);
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** One thread's writer. A blocking channel writes all in one call; the loop records what really happens. */
    private static final class BlockingWriter extends ChannelWriter<SocketChannel> {
        BlockingWriter(SocketChannel channel, FrameBuffer frame) {
            super(channel, frame);
        }

        @Override
        void write(ByteBuffer b, long packetId, ThreadRecorder recorder) throws IOException {
            while (b.hasRemaining()) {
                int asked = b.remaining();
                int written = channel.write(b);
                recorder.sendCall(packetId, asked, written);
            }
        }
    }
}
