package dev.interleave.send.nativeio;

import dev.interleave.send.BackChannelStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The verifier's back channel: libc recv() on the sending socket. Read it on one thread of your own
 * (reads are serialised on this stream, never on the send path); it may run while other threads send.
 * End of stream when the verifier closes its side, or when the connection is closed (cancel).
 */
final class ResultStream extends BackChannelStream {
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
    protected synchronized int readSome(byte[] b, int off, int len) throws IOException {
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
