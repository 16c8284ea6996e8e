package dev.interleave.send;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Channels;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One channel shared by all threads: a SocketChannel (blocking or not) or an
 * AsynchronousSocketChannel. The writers come from the strategy, each with its own direct frame.
 */
final class ChannelConnection implements SenderConnection {
    private final NetworkChannel channel;
    private final IntFunction<PacketWriter> writers;
    private final Supplier<InputStream> results;
    /** The one result stream, made on first ask and closed with the connection. */
    private volatile InputStream resultStream;
    private final HalfClose halfClose;
    private final AppliedOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    private interface HalfClose {
        void shutdownOutput() throws IOException;
    }

    private ChannelConnection(NetworkChannel channel, IntFunction<PacketWriter> writers,
                              Supplier<InputStream> results, HalfClose halfClose) throws IOException {
        this.channel = channel;
        this.writers = writers;
        this.results = results;
        this.halfClose = halfClose;
        this.options = Connect.readBack(channel);
    }

    /** A SocketChannel, Hello written in blocking mode, then left {@code blocking} or not. Control thread. */
    static ChannelConnection open(SendSetup setup, boolean blocking, ChannelWriter.Factory<SocketChannel> writers)
            throws IOException {
        SocketChannel ch = Connect.channel(setup);
        try {
            ch.configureBlocking(blocking); // after the Hello, which went out in blocking mode
            // A non-blocking channel cannot back a plain channel stream (IllegalBlockingModeException).
            Supplier<InputStream> results = blocking
                    ? () -> Channels.newInputStream(ch)
                    : () -> new NonBlockingInputStream(ch);
            return new ChannelConnection(ch, writersOf(ch, setup, writers), results, ch::shutdownOutput);
        } catch (IOException | RuntimeException e) {
            Connect.closeQuietly(ch);
            throw e;
        }
    }

    /** An AsynchronousSocketChannel with the Hello written. Control thread. */
    static ChannelConnection openAsync(SendSetup setup, ChannelWriter.Factory<AsynchronousSocketChannel> writers)
            throws IOException {
        AsynchronousSocketChannel ch = Connect.asyncChannel(setup);
        try {
            return new ChannelConnection(ch, writersOf(ch, setup, writers), () -> Channels.newInputStream(ch),
                    ch::shutdownOutput);
        } catch (IOException | RuntimeException e) {
            Connect.closeQuietly(ch);
            throw e;
        }
    }

    private static <C> IntFunction<PacketWriter> writersOf(C ch, SendSetup setup, ChannelWriter.Factory<C> writers) {
        int payload = setup.payloadSize();
        int runIdLow = setup.hello().runIdLow();
        return t -> writers.create(ch, FrameBuffer.direct(t, payload, runIdLow));
    }

    @Override
    public PacketWriter writer(int threadIndex) {
        return writers.apply(threadIndex);
    }

    @Override
    public void finishSending() throws IOException {
        halfClose.shutdownOutput();
    }

    /** The connection's one result stream (the same each time). Control thread. */
    @Override
    public List<InputStream> resultStreams() {
        InputStream in = resultStream;
        if (in == null) {
            in = results.get();
            resultStream = in;
        }
        return List.of(in);
    }

    @Override
    public List<AppliedOptions> appliedOptions() {
        return List.of(options);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Closing signals the threads blocked in write on it; a pending asynchronous write
            // completes with AsynchronousCloseException. The result stream goes too: a non-blocking
            // one holds a Selector, which would keep the socket open after the channel's close.
            Connect.closeQuietly(resultStream);
            Connect.closeQuietly(channel);
        }
    }
}
