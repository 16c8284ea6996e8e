package dev.interleave.send;

import dev.interleave.protocol.SenderReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Channels;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
    private final WriteAll writeAll;
    private final AppliedOptions options;
    private final SendSetup setup;
    private final WriteApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private interface HalfClose {
        void shutdownOutput() throws IOException;
    }

    /** Writes all of a buffer on the channel, on the control thread, whatever the channel's mode. */
    private interface WriteAll {
        void write(ByteBuffer b) throws IOException;
    }

    private ChannelConnection(NetworkChannel channel, IntFunction<PacketWriter> writers, Supplier<InputStream> results,
                              HalfClose halfClose, WriteAll writeAll, SendSetup setup, WriteApi api) throws IOException {
        this.channel = channel;
        this.writers = writers;
        this.results = results;
        this.halfClose = halfClose;
        this.writeAll = writeAll;
        this.setup = setup;
        this.api = api;
        this.options = Connect.readBack(channel);
    }

    /** A SocketChannel, Hello written in blocking mode, then left {@code blocking} or not. Control thread. */
    static ChannelConnection open(SendSetup setup, boolean blocking, ChannelWriter.Factory<SocketChannel> writers,
                                  WriteApi api) throws IOException {
        SocketChannel ch = Connect.channel(setup);
        try {
            ch.configureBlocking(blocking); // after the Hello, which went out in blocking mode
            // A non-blocking channel cannot back a plain channel stream (IllegalBlockingModeException).
            Supplier<InputStream> results = blocking
                    ? () -> Channels.newInputStream(ch)
                    : () -> new NonBlockingInputStream(ch);
            return new ChannelConnection(ch, writersOf(ch, setup, writers), results, ch::shutdownOutput,
                    b -> writeAll(ch, b), setup, api);
        } catch (IOException | RuntimeException e) {
            Connect.closeQuietly(ch);
            throw e;
        }
    }

    /** An AsynchronousSocketChannel with the Hello written. Control thread. */
    static ChannelConnection openAsync(SendSetup setup, ChannelWriter.Factory<AsynchronousSocketChannel> writers,
                                       WriteApi api) throws IOException {
        AsynchronousSocketChannel ch = Connect.asyncChannel(setup);
        try {
            return new ChannelConnection(ch, writersOf(ch, setup, writers), () -> Channels.newInputStream(ch),
                    ch::shutdownOutput, b -> writeAll(ch, b), setup, api);
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
    public long finishSending(SenderReport report) throws IOException {
        long written = 0;
        if (report != null) {
            ByteBuffer b = ByteBuffer.wrap(report.encode());
            writeAll.write(b);
            written = b.capacity();
        }
        halfClose.shutdownOutput();
        return written;
    }

    @Override
    public long runId() {
        return setup.hello().runId();
    }

    @Override
    public WriteApi writeApi() {
        return api;
    }

    // A non-blocking channel writes 0 when its buffer is full: pause and write again (closing it ends this).
    private static void writeAll(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.write(b) == 0) {
                LockSupport.parkNanos(NonBlockingChannelStrategy.PARK_NANOS);
            }
        }
    }

    private static void writeAll(AsynchronousSocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            try {
                ch.write(b).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing the sender report");
            } catch (ExecutionException e) {
                throw Connect.asIOException(e.getCause());
            }
        }
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
