package dev.interleave.send.nativeio;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Writes a whole buffer with libc send(), calling it again after every partial send, like the
 * article's MustSendBuffer. One instance per thread: it owns that thread's errno and pollfd memory.
 * Only its thread may call it, and only while inside its {@link SharedFd.User}.
 */
final class SendLoop {
    /** How long one poll() waits before looking at the closed flag again. */
    static final int POLL_MILLIS = 100;

    private final SharedFd socket;
    private final boolean nonBlocking;
    private final MemorySegment errno;
    private final MemorySegment pollfd;

    SendLoop(SharedFd socket, boolean nonBlocking) {
        this.socket = socket;
        this.nonBlocking = nonBlocking;
        this.errno = LibC.newErrnoSlot(socket.arena());
        this.pollfd = socket.arena().allocate(LibC.POLLFD_SIZE, 4);
    }

    /**
     * Sends {@code len} bytes of {@code buf}, reporting every call that wrote (or, non-blocking, would
     * have blocked) to {@code recorder} when it is not null.
     */
    void sendAll(MemorySegment buf, long len, long packetId, ThreadRecorder recorder) throws IOException {
        int fd = socket.fd();
        int flags = nonBlocking ? LibC.MSG_NOSIGNAL | LibC.MSG_DONTWAIT : LibC.MSG_NOSIGNAL;
        long off = 0;
        while (off < len) {
            long asked = len - off;
            long n = LibC.send(errno, fd, buf.asSlice(off, asked), asked, flags);
            if (n > 0) {
                if (recorder != null) {
                    recorder.sendCall(packetId, asked, n);
                }
                off += n;
                continue;
            }
            int e = n == 0 ? LibC.EAGAIN : LibC.errno(errno);
            if (e == LibC.EINTR) {
                continue; // wrote nothing; the call is simply made again
            }
            if (socket.isClosed()) {
                throw new ConnectionClosedException("send()");
            }
            if (e == LibC.EAGAIN) {
                if (recorder != null) {
                    recorder.sendCall(packetId, asked, 0);
                }
                awaitWritable(fd);
                continue;
            }
            throw new IOException("send() failed: " + LibC.describe(e));
        }
    }

    /** Waits until the socket has send-buffer space, looking at the closed flag between polls. */
    private void awaitWritable(int fd) throws IOException {
        LibC.pollfd(pollfd, fd, LibC.POLLOUT);
        while (true) {
            if (socket.isClosed()) {
                throw new ConnectionClosedException("send()");
            }
            int rc = LibC.poll(errno, pollfd, 1, POLL_MILLIS);
            if (rc > 0) {
                return; // writable, or an error that the next send() will report
            }
            if (rc < 0) {
                int e = LibC.errno(errno);
                if (e != LibC.EINTR) {
                    throw new IOException("poll() failed: " + LibC.describe(e));
                }
            }
        }
    }
}
