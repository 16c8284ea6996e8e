package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The writer of one thread on a shared channel: its own direct frame, and a way of writing it that
 * the subclass gives. Built on the control thread; then only its sending thread may call it.
 *
 * @param <C> the channel type
 */
abstract class ChannelWriter<C> implements FramedWriter {
    /** Makes the writer of one thread, on the shared channel, with that thread's own frame. */
    interface Factory<C> {
        ChannelWriter<C> create(C channel, FrameBuffer frame);
    }

    final C channel;
    private final FrameBuffer frame;
    private ByteBuffer built;

    ChannelWriter(C channel, FrameBuffer frame) {
        this.channel = channel;
        this.frame = frame;
    }

    @Override
    public final void build(long packetId) {
        built = frame.build(packetId);
    }

    @Override
    public final void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException {
        write(built, packetId, recorder);
    }

    /** Writes all of {@code frame} (positioned at its start) on {@link #channel}, reporting every call. */
    abstract void write(ByteBuffer frame, long packetId, ThreadRecorder recorder) throws IOException;
}
