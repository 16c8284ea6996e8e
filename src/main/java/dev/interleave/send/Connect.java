package dev.interleave.send;

import dev.interleave.protocol.Hello;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opening connections the same way for every Java strategy: options before connect, then the Hello. */
final class Connect {
    /** How long a connect may take before the run gives up. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private Connect() {
    }

    /** A connected java.net.Socket with the setup's options and {@code hello} written. */
    static Socket socket(SendSetup setup, Hello hello) throws IOException {
        Socket s = new Socket();
        try {
            if (setup.sendBuffer() > 0) {
                s.setSendBufferSize(setup.sendBuffer());
            }
            s.setTcpNoDelay(setup.tcpNoDelay());
            s.connect(setup.target(), CONNECT_TIMEOUT_MILLIS);
            s.getOutputStream().write(hello.encode());
            return s;
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
    }

    /** A connected SocketChannel in blocking mode, with the setup's options and the Hello written. */
    static SocketChannel channel(SendSetup setup) throws IOException {
        SocketChannel ch = SocketChannel.open();
        return connected(ch, setup, () -> ch.socket().connect(setup.target(), CONNECT_TIMEOUT_MILLIS), ch::write);
    }

    /** A connected AsynchronousSocketChannel with the setup's options and the Hello written. */
    static AsynchronousSocketChannel asyncChannel(SendSetup setup) throws IOException {
        AsynchronousSocketChannel ch = AsynchronousSocketChannel.open();
        return connected(ch, setup, () -> await(ch.connect(setup.target())), b -> await(ch.write(b)));
    }

    private interface Step {
        void run() throws IOException;
    }

    private interface Write {
        void write(ByteBuffer b) throws IOException;
    }

    // Options, connect, then the Hello written whole; the channel is closed if any of it fails.
    private static <C extends NetworkChannel> C connected(C ch, SendSetup setup, Step connect, Write write)
            throws IOException {
        try {
            applyOptions(ch, setup);
            connect.run();
            ByteBuffer hello = ByteBuffer.wrap(setup.hello().encode());
            while (hello.hasRemaining()) {
                write.write(hello);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    static AppliedOptions readBack(Socket s) throws IOException {
        return new AppliedOptions(s.getSendBufferSize(), s.getTcpNoDelay());
    }

    static AppliedOptions readBack(NetworkChannel ch) throws IOException {
        return new AppliedOptions(ch.getOption(StandardSocketOptions.SO_SNDBUF),
                ch.getOption(StandardSocketOptions.TCP_NODELAY));
    }

    private static void applyOptions(NetworkChannel ch, SendSetup setup) throws IOException {
        if (setup.sendBuffer() > 0) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, setup.sendBuffer());
        }
        ch.setOption(StandardSocketOptions.TCP_NODELAY, setup.tcpNoDelay());
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SocketTimeoutException("no connection within " + CONNECT_TIMEOUT_MILLIS + " ms");
        } catch (ExecutionException e) {
            throw asIOException(e.getCause());
        }
    }

    /** The cause of a failed asynchronous operation as an IOException (wrapping anything else). */
    static IOException asIOException(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException(cause);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing to unblock or clean up: nothing useful to do with a failure here.
        }
    }
}
