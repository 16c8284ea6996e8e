package dev.interleave.verify;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages waiting for one connection's back-channel writer, bounded in bytes: a sender that does
 * not read (the protocol allows it) holds at most {@code capacity} bytes of the server's memory, however
 * many messages that is. A message larger than the whole capacity still goes in when the queue is empty,
 * so no message is too large to send. The verifier's side: one connection thread offers, one writer
 * thread takes; not on any send path.
 */
final class BackChannelQueue {
    /** Taken by the writer: everything before it was written, now half-close. */
    static final byte[] END = new byte[0];

    private final long capacity;
    private final ArrayDeque<byte[]> messages = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long bytes;
    private long peakBytes;
    private boolean closed;

    BackChannelQueue(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds {@code m} if it fits now; false when full or closed. Connection thread. */
    boolean offer(byte[] m) {
        lock.lock();
        try {
            return addIfRoom(m);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a message of {@code size} bytes would be taken now. Only the offering thread adds, so a
     * yes stays true until it offers; the caller skips encoding a message that would be dropped.
     * Connection thread.
     */
    boolean fits(int size) {
        lock.lock();
        try {
            return !closed && (messages.isEmpty() || bytes + size <= capacity);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code m}, waiting until it fits or {@code deadlineNanos} (System.nanoTime) passes. Connection thread. */
    boolean offer(byte[] m, long deadlineNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!addIfRoom(m)) {
                long left = deadlineNanos - System.nanoTime();
                if (closed || left <= 0) {
                    return false;
                }
                notFull.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean addIfRoom(byte[] m) {
        if (closed || !messages.isEmpty() && bytes + m.length > capacity) {
            return false;
        }
        messages.addLast(m);
        bytes += m.length;
        peakBytes = Math.max(peakBytes, bytes);
        notEmpty.signal();
        return true;
    }

    /** The next message, or null when none is waiting. Writer thread. */
    byte[] poll() {
        lock.lock();
        try {
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** The next message, waiting for one; null once closed. Writer thread. */
    byte[] take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty() && !closed) {
                notEmpty.await();
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    private byte[] removeFirst() {
        byte[] m = closed ? null : messages.pollFirst();
        if (m != null) {
            bytes -= m.length;
            notFull.signalAll();
        }
        return m;
    }

    /** Drops every message and refuses new ones; wakes both sides. Any thread; idempotent. */
    void close() {
        lock.lock();
        try {
            closed = true;
            messages.clear();
            bytes = 0;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes ever queued at once. Any thread. */
    long peakBytes() {
        lock.lock();
        try {
            return peakBytes;
        } finally {
            lock.unlock();
        }
    }
}
