package dev.interleave.send.nativeio;

import dev.interleave.protocol.SenderReport;
import dev.interleave.send.AppliedOptions;
import dev.interleave.send.FramedWriter;
import dev.interleave.send.PacketWriter;
import dev.interleave.send.SendSetup;
import dev.interleave.send.SenderConnection;
import dev.interleave.send.WriteApi;
import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One TCP connection made with libc socket() and connect(), shared by every sending thread. Threads
 * are noted per method, as {@link SenderConnection} says.
 */
final class NativeConnection implements SenderConnection {
    /** How long connect() may take before open() gives up. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long close() waits for the threads inside a call to come out before it returns. */
    static final long CLOSE_WAIT_MILLIS = 1_000;
    /** Every send() that returns is the thread's own call; a blocking one waits for space instead of EAGAIN. */
    static final WriteApi BLOCKING = new WriteApi("native send() loop via FFM", true, true, false);
    /** Every send(), short or refused with EAGAIN, is the thread's own call. */
    static final WriteApi NON_BLOCKING = new WriteApi("non-blocking native send() (MSG_DONTWAIT) and poll() via FFM",
            true, true, true);

    private final SharedFd socket;
    private final SendSetup setup;
    private final boolean nonBlocking;
    private final ResultStream results;
    private volatile List<AppliedOptions> applied = List.of();

    private NativeConnection(SharedFd socket, SendSetup setup, boolean nonBlocking) {
        this.socket = socket;
        this.setup = setup;
        this.nonBlocking = nonBlocking;
        this.results = new ResultStream(socket);
    }

    /** Connects, applies the socket options, writes the Hello. Control thread. */
    static NativeConnection open(SendSetup setup, boolean nonBlocking) throws IOException {
        Inet4Address address = ipv4(setup.target());
        int port = setup.target().getPort();
        int fd;
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoSlot(tmp);
            fd = LibC.socket(errno, LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket() failed: " + LibC.describe(LibC.errno(errno)));
            }
            try {
                if (setup.sendBuffer() > 0) {
                    setInt(tmp, errno, fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, setup.sendBuffer(), "SO_SNDBUF");
                }
                setInt(tmp, errno, fd, LibC.IPPROTO_TCP, LibC.TCP_NODELAY, setup.tcpNoDelay() ? 1 : 0, "TCP_NODELAY");
                connect(tmp, errno, fd, address, port);
            } catch (IOException | RuntimeException | Error e) {
                LibC.close(errno, fd);
                throw e;
            }
        }
        NativeConnection c = new NativeConnection(new SharedFd(fd), setup, nonBlocking);
        try {
            c.applied = List.of(new AppliedOptions(c.intOption(LibC.SOL_SOCKET, LibC.SO_SNDBUF),
                    c.intOption(LibC.IPPROTO_TCP, LibC.TCP_NODELAY) != 0));
            c.writeHello();
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void writeHello() throws IOException {
        writeOnControlThread(setup.hello().encode(), "Hello");
    }

    // The Hello before the sending threads start, the report after they ended: one writer at a time.
    private void writeOnControlThread(byte[] bytes, String what) throws IOException {
        SharedFd.User control = socket.register();
        if (!control.enter()) {
            control.leave();
            throw new ConnectionClosedException(what);
        }
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment buf = tmp.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            new SendLoop(socket, nonBlocking).sendAll(buf, bytes.length, -1, null);
        } finally {
            control.leave();
        }
    }

    /** A new writer with its own frame buffer for sending thread {@code threadIndex}. Control thread. */
    @Override
    public PacketWriter writer(int threadIndex) {
        if (threadIndex < 0 || threadIndex >= Math.max(1, setup.threads())) {
            throw new IllegalArgumentException("threadIndex " + threadIndex + " outside 0.." + (setup.threads() - 1));
        }
        if (!socket.isClosed()) {
            try {
                return new NativeWriter(socket, nonBlocking, threadIndex, setup.payloadSize(), setup.hello().runIdLow());
            } catch (IllegalStateException arenaClosed) {
                // close() won the race; fall through to a writer that says so.
            }
        }
        return new FramedWriter() {
            @Override
            public void build(long packetId) throws IOException {
                throw new ConnectionClosedException("send()");
            }

            @Override
            public void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException {
                throw new ConnectionClosedException("send()");
            }
        };
    }

    /** SO_SNDBUF (Linux reports twice what was asked) and TCP_NODELAY as read back after connect. Any thread. */
    @Override
    public List<AppliedOptions> appliedOptions() {
        return applied;
    }

    /** The sender report with send(), then shutdown(SHUT_WR): the verifier sees the end of the stream. Control thread. */
    @Override
    public long finishSending(SenderReport report) throws IOException {
        byte[] b = report == null ? new byte[0] : report.encode();
        if (b.length > 0) {
            writeOnControlThread(b, "the sender report");
        }
        shutdownOutput();
        return b.length;
    }

    @Override
    public long runId() {
        return setup.hello().runId();
    }

    @Override
    public WriteApi writeApi() {
        return nonBlocking ? NON_BLOCKING : BLOCKING;
    }

    private void shutdownOutput() throws IOException {
        SharedFd.User control = socket.register();
        if (!control.enter()) {
            control.leave();
            throw new ConnectionClosedException("shutdown()");
        }
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoSlot(tmp);
            if (LibC.shutdown(errno, socket.fd(), LibC.SHUT_WR) < 0) {
                throw new IOException("shutdown(SHUT_WR) failed: " + LibC.describe(LibC.errno(errno)));
            }
        } finally {
            control.leave();
        }
    }

    /** The one result stream of this connection (recv() on the same socket). Any thread. */
    @Override
    public List<InputStream> resultStreams() {
        return List.of(results);
    }

    /**
     * Shuts the socket down both ways, which makes every blocked send(), recv() and poll() return
     * at once, then closes the descriptor when the last thread is out of libc. Returns within about
     * a second. Any thread; idempotent.
     */
    @Override
    public void close() {
        results.close();
        socket.close(CLOSE_WAIT_MILLIS);
    }

    /** True once the descriptor itself has been closed. Any thread. */
    boolean isReleased() {
        return socket.isReleased();
    }

    /** Reads an int socket option (e.g. SO_SNDBUF, which Linux reports doubled). Any thread. */
    int intOption(int level, int name) throws IOException {
        SharedFd.User control = socket.register();
        if (!control.enter()) {
            control.leave();
            throw new ConnectionClosedException("getsockopt()");
        }
        try (Arena tmp = Arena.ofConfined()) {
            return intOption(tmp, LibC.newErrnoSlot(tmp), socket.fd(), level, name);
        } finally {
            control.leave();
        }
    }

    private static void setInt(Arena arena, MemorySegment errno, int fd, int level, int name, int value, String what)
            throws IOException {
        MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
        v.set(ValueLayout.JAVA_INT, 0, value);
        if (LibC.setsockopt(errno, fd, level, name, v, 4) < 0) {
            throw new IOException("setsockopt(" + what + ", " + value + ") failed: " + LibC.describe(LibC.errno(errno)));
        }
    }

    /**
     * A blocking connect() bounded by SO_SNDTIMEO (Linux applies it to connect), then the timeout is
     * cleared again so that send() blocks for as long as it must. A signal (a profiler's, a debugger's)
     * can interrupt connect() with EINTR while the kernel goes on connecting: then poll() waits for the
     * outcome and SO_ERROR tells it, as connect(2) prescribes (calling connect() again is not portable:
     * POSIX answers EALREADY).
     */
    private static void connect(Arena arena, MemorySegment errno, int fd, Inet4Address address, int port)
            throws IOException {
        String where = address.getHostAddress() + ":" + port;
        long deadline = System.nanoTime() + CONNECT_TIMEOUT_MILLIS * 1_000_000L;
        setTimeout(arena, errno, fd, CONNECT_TIMEOUT_MILLIS);
        MemorySegment sa = LibC.sockaddrIn(arena, address, port);
        if (LibC.connect(errno, fd, sa, LibC.SOCKADDR_IN_SIZE) < 0) {
            int e = LibC.errno(errno);
            if (e == LibC.EINTR) {
                e = awaitConnect(arena, errno, fd, deadline);
            }
            if (e == LibC.EINPROGRESS) {
                throw new IOException("connect to " + where + " timed out after "
                        + CONNECT_TIMEOUT_MILLIS / 1000 + " s");
            }
            if (e != 0) {
                throw new IOException("connect to " + where + " failed: " + LibC.describe(e));
            }
        }
        setTimeout(arena, errno, fd, 0);
    }

    private static int intOption(Arena arena, MemorySegment errno, int fd, int level, int name) throws IOException {
        MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
        len.set(ValueLayout.JAVA_INT, 0, 4);
        if (LibC.getsockopt(errno, fd, level, name, value, len) < 0) {
            throw new IOException("getsockopt() failed: " + LibC.describe(LibC.errno(errno)));
        }
        return value.get(ValueLayout.JAVA_INT, 0);
    }

    /** After an interrupted connect(): 0 once connected, EINPROGRESS at the deadline, else its errno. */
    private static int awaitConnect(Arena arena, MemorySegment errno, int fd, long deadline) throws IOException {
        MemorySegment pollfd = arena.allocate(LibC.POLLFD_SIZE, 4);
        LibC.pollfd(pollfd, fd, LibC.POLLOUT);
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return LibC.EINPROGRESS;
            }
            int rc = LibC.poll(errno, pollfd, 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (rc > 0) {
                return intOption(arena, errno, fd, LibC.SOL_SOCKET, LibC.SO_ERROR);
            }
            if (rc < 0 && LibC.errno(errno) != LibC.EINTR) {
                return LibC.errno(errno);
            }
        }
    }

    private static void setTimeout(Arena arena, MemorySegment errno, int fd, int millis) throws IOException {
        MemorySegment tv = arena.allocate(16, 8); // struct timeval { long tv_sec; long tv_usec; } on LP64
        tv.set(ValueLayout.JAVA_LONG, 0, millis / 1000);
        tv.set(ValueLayout.JAVA_LONG, 8, (millis % 1000) * 1000L);
        if (LibC.setsockopt(errno, fd, LibC.SOL_SOCKET, LibC.SO_SNDTIMEO, tv, 16) < 0) {
            throw new IOException("setsockopt(SO_SNDTIMEO) failed: " + LibC.describe(LibC.errno(errno)));
        }
    }

    private static Inet4Address ipv4(InetSocketAddress target) throws IOException {
        if (target == null) {
            throw new IOException("no target address");
        }
        InetAddress a = target.getAddress();
        if (a instanceof Inet4Address v4) {
            return v4;
        }
        String host = target.getHostString();
        try {
            for (InetAddress candidate : InetAddress.getAllByName(host)) {
                if (candidate instanceof Inet4Address v4) {
                    return v4;
                }
            }
        } catch (UnknownHostException e) {
            throw new IOException("unknown host: " + host, e);
        }
        throw new IOException("the native strategies speak IPv4 only, and " + host + " has no IPv4 address");
    }
}
