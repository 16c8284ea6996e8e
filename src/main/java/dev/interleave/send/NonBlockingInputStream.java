package dev.interleave.send;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The back channel of a non-blocking SocketChannel as a blocking InputStream. It waits on a Selector
 * of its own, used by the reading thread only, so the send path never touches it. One reading thread;
 * {@link #close()} from any thread.
 *
 * <p>The Selector must not outlive the stream: while a channel is registered with an open Selector,
 * closing the channel does not close its socket (NIO defers that to the deregistration), so a Selector
 * left open leaks an epoll descriptor, an eventfd and the socket itself.
 */
final class NonBlockingInputStream extends BackChannelStream {
    private static final long SELECT_MILLIS = 200;

    private final SocketChannel channel;
    // Written by the reading thread, read by close(): both volatile, so one of the two sees the other.
    private volatile Selector selector;
    private volatile boolean closed;

    NonBlockingInputStream(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    protected int readSome(byte[] b, int off, int len) throws IOException {
        ByteBuffer dst = ByteBuffer.wrap(b, off, len);
        boolean done = true;
        try {
            int n = readOrWait(dst);
            done = n < 0;
            return n;
        } finally {
            // Released once the stream has ended, failed or been closed.
            if (done || closed) {
                closeSelector();
            }
        }
    }

    private int readOrWait(ByteBuffer dst) throws IOException {
        while (true) {
            int n = channel.read(dst); // throws once the channel is closed
            if (n != 0) {
                return n;
            }
            Selector s = selector;
            if (s == null) {
                s = Selector.open();
                selector = s;
                channel.register(s, SelectionKey.OP_READ);
            }
            if (closed) {
                throw new AsynchronousCloseException();
            }
            try {
                // Bounded wait: a close elsewhere is noticed by the next read.
                s.select(SELECT_MILLIS);
                s.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new AsynchronousCloseException(); // close() from another thread
            }
        }
    }

    private void closeSelector() throws IOException {
        Selector s = selector;
        if (s != null) {
            selector = null;
            s.close();
        }
    }

    /** Closes the selector and the channel; a read in progress ends with an IOException. Any thread. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            closeSelector();
        } finally {
            channel.close();
        }
    }
}
