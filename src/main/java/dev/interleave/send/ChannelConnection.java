package dev.interleave.send;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/** One SocketChannel shared by all threads (blocking or not); the writers come from the strategy. */
final class ChannelConnection implements SenderConnection {
    private final SocketChannel channel;
    private final IntFunction<PacketWriter> writers;
    private final AppliedOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    ChannelConnection(SocketChannel channel, IntFunction<PacketWriter> writers) throws IOException {
        this.channel = channel;
        this.writers = writers;
        this.options = Connect.readBack(channel);
    }

    @Override
    public PacketWriter writer(int threadIndex) {
        return writers.apply(threadIndex);
    }

    @Override
    public void finishSending() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public List<InputStream> resultStreams() {
        // A non-blocking channel cannot back a plain channel stream (IllegalBlockingModeException).
        return List.of(channel.isBlocking() ? Channels.newInputStream(channel) : new NonBlockingInputStream(channel));
    }

    @Override
    public List<AppliedOptions> appliedOptions() {
        return List.of(options);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Closing an interruptible channel signals the threads blocked in write on it.
            Connect.closeQuietly(channel);
        }
    }
}
