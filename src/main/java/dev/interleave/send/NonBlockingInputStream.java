package dev.interleave.send;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The back channel of a non-blocking SocketChannel as a blocking InputStream. It waits on a Selector
 * of its own, used by the reading thread only, so the send path never touches it. One reading thread.
 */
final class NonBlockingInputStream extends BackChannelStream {
    private static final long SELECT_MILLIS = 200;

    private final SocketChannel channel;
    private Selector selector;

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
            // The selector is this stream's own: release it (an epoll fd and an eventfd) once the
            // stream has ended or failed, as nobody may close the stream itself.
            if (done && selector != null) {
                selector.close();
                selector = null;
            }
        }
    }

    private int readOrWait(ByteBuffer dst) throws IOException {
        while (true) {
            int n = channel.read(dst); // throws once the channel is closed
            if (n != 0) {
                return n;
            }
            if (selector == null) {
                selector = Selector.open();
                channel.register(selector, SelectionKey.OP_READ);
            }
            // Bounded wait: a close elsewhere is noticed by the next read.
            selector.select(SELECT_MILLIS);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (selector != null) {
                selector.close();
            }
        } finally {
            channel.close();
        }
    }
}
