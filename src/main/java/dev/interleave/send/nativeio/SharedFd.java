package dev.interleave.send.nativeio;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket file descriptor shared by many threads, and the off-heap memory of its users.
 *
 * <p>Closing a descriptor while another thread may still pass its number to send() is a real bug:
 * the number can be reused by a file opened meanwhile, and the bytes would go there. So every thread
 * that uses the descriptor does it as a {@link User}: it raises its own volatile flag, then checks
 * {@link #isClosed()}; the closer sets the closed flag, then checks every user's flag. Whoever sees
 * the other side last (the closer, or the last user to leave) closes the descriptor, exactly once.
 * No lock and no shared write on the send path: each user writes only its own flag (design.md,
 * invariant 1).
 */
final class SharedFd {
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final List<User> users = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    SharedFd(int fd) {
        this.fd = fd;
    }

    /** The descriptor number; use it only between {@link User#enter()} and {@link User#exit()}. */
    int fd() {
        return fd;
    }

    /** Memory that lives as long as the descriptor (frame buffers, errno slots). Any thread. */
    Arena arena() {
        return arena;
    }

    /** True once {@link #close()} began. Any thread. */
    boolean isClosed() {
        return closed;
    }

    /** True once the descriptor itself is closed. Any thread. */
    boolean isReleased() {
        return released.get();
    }

    /** A new user slot, for one thread at a time. Any thread. */
    User register() {
        User u = new User();
        users.add(u);
        return u;
    }

    /**
     * Marks the descriptor closed, shuts the socket down both ways (which wakes any thread blocked in
     * send, recv or poll on it), and closes it when no user is inside; otherwise the last user to
     * leave closes it. Waits up to {@code waitMillis} for that. Any thread; idempotent.
     */
    void close(long waitMillis) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        User self = register();
        self.active = true; // keeps the descriptor ours until shutdown() has run
        closed = true;
        try (Arena tmp = Arena.ofConfined()) {
            LibC.shutdown(LibC.newErrnoSlot(tmp), fd, LibC.SHUT_RDWR); // ENOTCONN if the peer went: harmless
        } finally {
            self.leave();
        }
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (!released.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            releaseIfIdle();
        }
    }

    private void releaseIfIdle() {
        if (!closed) {
            return;
        }
        for (User u : users) {
            if (u.active) {
                return;
            }
        }
        if (released.compareAndSet(false, true)) {
            try (Arena tmp = Arena.ofConfined()) {
                LibC.close(LibC.newErrnoSlot(tmp), fd);
            }
            try {
                arena.close();
            } catch (IllegalStateException stillInUse) {
                // Cannot happen while the users keep the protocol; leaving the memory to the GC is safe.
            }
        }
    }

    /** One thread's right to use the descriptor. Only one thread at a time may use a User. */
    final class User {
        private volatile boolean active;

        /** Returns false, and leaves the user outside, when the descriptor is closed. */
        boolean enter() {
            active = true;
            if (closed) {
                exit();
                return false;
            }
            return true;
        }

        void exit() {
            active = false;
            if (closed) {
                releaseIfIdle();
            }
        }

        /** Exits and gives the slot up for good (for one-off users such as control calls). */
        void leave() {
            users.remove(this);
            exit();
        }
    }
}
