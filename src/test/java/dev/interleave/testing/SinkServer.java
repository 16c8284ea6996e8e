package dev.interleave.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A loopback test server on port 0. In reading mode it reads every byte of each accepted connection
 * into memory until EOF, then closes it (ending the sender's back channel). In silent mode it accepts
 * and reads nothing, so the sender fills its buffers and blocks. Either way it answers nothing: a
 * sender finds no back channel. Its methods are for the test's thread.
 */
public final class SinkServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final boolean reading;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private final List<byte[]> completed = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SinkServer(boolean reading, int receiveBuffer) throws IOException {
        this.reading = reading;
        server = ServerSocketChannel.open();
        if (receiveBuffer > 0) {
            server.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer); // inherited by accepted sockets
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofPlatform().name("sink-accept").daemon(true).start(this::acceptLoop);
    }

    /** A server that reads everything. */
    public static SinkServer reading() throws IOException {
        return new SinkServer(true, 0);
    }

    /** A server that reads nothing, with a tiny receive buffer. */
    public static SinkServer silent(int receiveBuffer) throws IOException {
        return new SinkServer(false, receiveBuffer);
    }

    /** Where it listens (loopback, the port the system chose). */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel ch = server.accept();
                accepted.add(ch);
                if (reading) {
                    Thread.ofPlatform().name("sink-read").daemon(true).start(() -> readAll(ch));
                }
            }
        } catch (IOException closed) {
            // server closed
        }
    }

    private void readAll(SocketChannel ch) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        try (ch) {
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            completed.add(all.toByteArray());
        } catch (IOException e) {
            errors.add(e);
        }
    }

    /** Waits until {@code n} connections have reached EOF and returns their bytes (in completion order). */
    public List<byte[]> awaitStreams(int n, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed.size() < n) {
            if (!errors.isEmpty()) {
                throw new AssertionError("sink read failed", errors.get(0));
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(completed.size() + " of " + n + " streams ended");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return new ArrayList<>(completed);
    }

    /** Connections accepted so far. */
    public List<SocketChannel> accepted() {
        return accepted;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel ch : accepted) {
            ch.close();
        }
    }
}
