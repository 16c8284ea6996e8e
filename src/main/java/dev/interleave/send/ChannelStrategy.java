package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** {@code channel}: one blocking SocketChannel shared by all threads, write(ByteBuffer) until done. */
final class ChannelStrategy implements SendStrategy {
    static final String NAME = "channel";

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
        SocketChannel ch = Connect.channel(setup);
        try {
            int runIdLow = setup.hello().runIdLow();
            return new ChannelConnection(ch,
                    t -> new BlockingWriter(ch, new DirectFrame(t, setup.payloadSize(), runIdLow)));
        } catch (IOException | RuntimeException e) {
            Connect.closeQuietly(ch);
            throw e;
        }
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** One thread's writer. A blocking channel writes all in one call; the loop records what really happens. */
    private static final class BlockingWriter implements FramedWriter {
        private final SocketChannel channel;
        private final DirectFrame frame;
        private ByteBuffer built;

        BlockingWriter(SocketChannel channel, DirectFrame frame) {
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
                int written = channel.write(b);
                recorder.sendCall(packetId, asked, written);
            }
        }
    }
}
