package dev.interleave.send.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * The few libc calls the native strategies make, through the FFM API, with Linux constants (the same
 * on x86_64 and aarch64). Symbols are looked up lazily, the first time {@link #unavailableReason()}
 * is asked, so loading this class on another OS is harmless. Every call that can fail takes a
 * per-thread errno capture segment ({@link #newErrnoSlot}) and returns the raw libc result; callers
 * read errno with {@link #errno}. Any thread.
 */
final class LibC {
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDTIMEO = 21;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11; // == EWOULDBLOCK on Linux
    static final int EPIPE = 32;
    static final int EINPROGRESS = 115;

    /** struct sockaddr_in: family (host order), port and address (network order), 8 bytes of zero. */
    static final int SOCKADDR_IN_SIZE = 16;
    /** struct pollfd: int fd; short events; short revents. */
    static final int POLLFD_SIZE = 8;

    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private LibC() {
    }

    /** Empty when libc can be called here, else why not, in one plain sentence. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(Probe.REASON);
    }

    /** A segment for one thread's captured errno; allocate once per thread and reuse it. */
    static MemorySegment newErrnoSlot(Arena arena) {
        return arena.allocate(Fns.CAPTURE);
    }

    static int errno(MemorySegment slot) {
        return (int) Fns.ERRNO.get(slot, 0L);
    }

    static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) Fns.SOCKET.invokeExact(errno, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) Fns.SETSOCKOPT.invokeExact(errno, fd, level, name, value, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value, MemorySegment len) {
        try {
            return (int) Fns.GETSOCKOPT.invokeExact(errno, fd, level, name, value, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int connect(MemorySegment errno, int fd, MemorySegment addr, int len) {
        try {
            return (int) Fns.CONNECT.invokeExact(errno, fd, addr, len);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long send(MemorySegment errno, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) Fns.SEND.invokeExact(errno, fd, buf, len, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long recv(MemorySegment errno, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) Fns.RECV.invokeExact(errno, fd, buf, len, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int poll(MemorySegment errno, MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) Fns.POLL.invokeExact(errno, fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int shutdown(MemorySegment errno, int fd, int how) {
        try {
            return (int) Fns.SHUTDOWN.invokeExact(errno, fd, how);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int close(MemorySegment errno, int fd) {
        try {
            return (int) Fns.CLOSE.invokeExact(errno, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Fills a struct sockaddr_in for {@code addr:port}. */
    static MemorySegment sockaddrIn(Arena arena, Inet4Address addr, int port) {
        MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
        sa.fill((byte) 0);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        sa.set(SHORT_BE, 2, (short) port);
        MemorySegment.copy(MemorySegment.ofArray(addr.getAddress()), 0, sa, 4, 4);
        return sa;
    }

    /** Fills a struct pollfd asking for {@code events} on {@code fd}. */
    static void pollfd(MemorySegment pfd, int fd, short events) {
        pfd.set(ValueLayout.JAVA_INT, 0, fd);
        pfd.set(ValueLayout.JAVA_SHORT, 4, events);
        pfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
    }

    /** "Connection refused (ECONNREFUSED)": libc's text and the symbolic name of an errno. */
    @SuppressWarnings("restricted") // strerror's result is a C string: reading up to its NUL is sound
    static String describe(int errno) {
        String text = null;
        if (Probe.REASON == null) {
            try {
                MemorySegment s = (MemorySegment) Fns.STRERROR.invokeExact(errno);
                if (!s.equals(MemorySegment.NULL)) {
                    text = s.reinterpret(1024).getString(0);
                }
            } catch (Throwable ignored) {
                // Fall back to the number below.
            }
        }
        String name = errnoName(errno);
        if (text == null || text.isBlank()) {
            text = "error";
        }
        return text + " (" + (name != null ? name : "errno " + errno) + ")";
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 22 -> "EINVAL";
            case 24 -> "EMFILE";
            case 32 -> "EPIPE";
            case 97 -> "EAFNOSUPPORT";
            case 99 -> "EADDRNOTAVAIL";
            case 101 -> "ENETUNREACH";
            case 103 -> "ECONNABORTED";
            case 104 -> "ECONNRESET";
            case 105 -> "ENOBUFS";
            case 107 -> "ENOTCONN";
            case 110 -> "ETIMEDOUT";
            case 111 -> "ECONNREFUSED";
            case 113 -> "EHOSTUNREACH";
            case 115 -> "EINPROGRESS";
            default -> null;
        };
    }

    private static IllegalStateException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("libc call failed unexpectedly", t);
    }

    /** Decides once, without throwing, whether libc is reachable here. */
    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            Module m = LibC.class.getModule();
            String reason = reasonFor(System.getProperty("os.name", "an unknown OS"),
                    System.getProperty("os.version", ""), System.getProperty("os.arch", "unknown"),
                    m.isNativeAccessEnabled(), m.isNamed() ? m.getName() : "ALL-UNNAMED");
            if (reason != null) {
                return reason;
            }
            try {
                Fns.SEND.type(); // binds every symbol now
                return null;
            } catch (Throwable t) {
                Throwable cause = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
                return "could not bind libc through the FFM API: " + cause;
            }
        }
    }

    /**
     * Why libc cannot be called on this platform, before any symbol is looked up; null when it may be.
     * The text follows the strategy name: "native needs ...".
     */
    static String reasonFor(String os, String osVersion, String arch, boolean nativeAccess, String module) {
        String a = arch.toLowerCase(Locale.ROOT);
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            String version = osVersion.isBlank() || os.matches(".*\\d.*") ? "" : " " + osVersion; // "Windows 11" has one
            return "needs Linux libc through the FFM API; this is " + os + version + " (" + a + ")";
        }
        if (!(a.equals("amd64") || a.equals("x86_64") || a.equals("aarch64") || a.equals("arm64"))) {
            return "needs Linux on x86_64 or aarch64, where its socket constants are known; this is Linux on " + a;
        }
        if (!nativeAccess) {
            return "needs native access, which this JVM does not grant; start Java with --enable-native-access="
                    + module;
        }
        return null;
    }

    /** The downcall handles, bound on first use only. */
    private static final class Fns {
        static final MethodHandle SOCKET;
        static final MethodHandle SETSOCKOPT;
        static final MethodHandle GETSOCKOPT;
        static final MethodHandle CONNECT;
        static final MethodHandle SEND;
        static final MethodHandle RECV;
        static final MethodHandle POLL;
        static final MethodHandle SHUTDOWN;
        static final MethodHandle CLOSE;
        static final MethodHandle STRERROR;
        static final StructLayout CAPTURE;
        static final VarHandle ERRNO;

        static {
            CAPTURE = Linker.Option.captureStateLayout();
            ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG; // size_t and ssize_t on LP64
            MemoryLayout p = ValueLayout.ADDRESS;
            SOCKET = bind(linker, libc, "socket", FunctionDescriptor.of(i, i, i, i), errno);
            SETSOCKOPT = bind(linker, libc, "setsockopt", FunctionDescriptor.of(i, i, i, i, p, i), errno);
            GETSOCKOPT = bind(linker, libc, "getsockopt", FunctionDescriptor.of(i, i, i, i, p, p), errno);
            CONNECT = bind(linker, libc, "connect", FunctionDescriptor.of(i, i, p, i), errno);
            SEND = bind(linker, libc, "send", FunctionDescriptor.of(l, i, p, l, i), errno);
            RECV = bind(linker, libc, "recv", FunctionDescriptor.of(l, i, p, l, i), errno);
            POLL = bind(linker, libc, "poll", FunctionDescriptor.of(i, p, l, i), errno);
            SHUTDOWN = bind(linker, libc, "shutdown", FunctionDescriptor.of(i, i, i), errno);
            CLOSE = bind(linker, libc, "close", FunctionDescriptor.of(i, i), errno);
            STRERROR = bind(linker, libc, "strerror", FunctionDescriptor.of(p, i));
        }

        @SuppressWarnings("restricted") // the point of this class; callers pass only memory they own
        private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd,
                                         Linker.Option... options) {
            MemorySegment symbol = lookup.find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
            return linker.downcallHandle(symbol, fd, options);
        }
    }
}
