package dev.interleave.send.nativeio;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The verifier's back channel: libc recv() on the sending socket. Read it on one thread of your own
 * (reads are serialised on this stream, never on the send path); it may run while other threads send.
 * End of stream when the verifier closes its side, or when the connection is closed (cancel).
 */
final class ResultStream extends InputStream {
    private static final int CHUNK = 64 * 1024;

    private final SharedFd socket;
    private final SharedFd.User user;
    private final MemorySegment errno;
    private final MemorySegment buffer;
    private volatile boolean ended;

    ResultStream(SharedFd socket) {
        this.socket = socket;
        this.user = socket.register();
        this.errno = LibC.newErrnoSlot(socket.arena());
        this.buffer = socket.arena().allocate(CHUNK);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (ended || !user.enter()) {
            ended = true;
            return -1;
        }
        try {
            while (true) {
                long n = LibC.recv(errno, socket.fd(), buffer, Math.min(len, CHUNK), 0);
                if (n > 0) {
                    MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                    return (int) n;
                }
                if (n == 0 || socket.isClosed()) {
                    ended = true;
                    return -1;
                }
                int e = LibC.errno(errno);
                if (e != LibC.EINTR) {
                    throw new IOException("recv() failed: " + LibC.describe(e));
                }
            }
        } finally {
            user.exit();
        }
    }

    /** Ends this stream; the connection stays open (close the connection to close the socket). */
    @Override
    public void close() {
        ended = true;
    }
}
