package dev.interleave.verify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on something a verifier keeps because a peer sent it (bytes of verdict chunks, splice
 * segments), shared by whoever draws on it. A budget may have a parent: a connection's budget draws on
 * its server's, so that one peer is bounded by the connection's share and all peers together by the
 * server's, whatever they claim (design.md, invariant 3). A child may hold a reserve that it takes
 * without asking its parent, so that peers who exhaust the server's budget cannot starve a small
 * honest run. Thread-safe; any thread (a root is lock-free; a child, used by one connection, locks
 * itself briefly).
 */
public final class Budget {
    /** A budget that never refuses. */
    public static final Budget UNLIMITED = new Budget(null, Long.MAX_VALUE, 0, "unlimited");

    private final Budget parent;
    private final long limit;
    private final long reserved;
    private final String unit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    private Budget(Budget parent, long limit, long reserved, String unit) {
        if (limit < 0 || reserved < 0 || reserved > limit) {
            throw new IllegalArgumentException("a budget needs 0 ≤ reserved ≤ limit: " + reserved + ", " + limit);
        }
        this.parent = parent;
        this.limit = limit;
        this.reserved = reserved;
        this.unit = unit;
    }

    /** A budget of {@code limit} units ("bytes", "segments": named in messages). Any thread. */
    public static Budget of(long limit, String unit) {
        return new Budget(null, limit, 0, unit);
    }

    /** A budget of its own {@code limit} that also draws on this one (a connection's share). Any thread. */
    public Budget child(long childLimit) {
        return child(childLimit, 0);
    }

    /**
     * A budget of its own {@code limit} whose first {@code reserved} units come without asking this one;
     * past them it draws on this one too. The reserve is on top of this budget's limit. Any thread.
     */
    public Budget child(long childLimit, long reserved) {
        return this == UNLIMITED && childLimit == Long.MAX_VALUE ? UNLIMITED
                : new Budget(this, childLimit, reserved, unit);
    }

    /**
     * Takes {@code n} units if this budget and every parent have them, else takes nothing and counts a
     * refusal. Any thread.
     */
    public boolean tryTake(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0: " + n);
        }
        if (this == UNLIMITED || n == 0) {
            return true;
        }
        if (parent != null) {
            return takeFromChild(n);
        }
        long u;
        do {
            u = used.get();
            if (u > limit - n) {
                refused.incrementAndGet();
                return false;
            }
        } while (!used.compareAndSet(u, u + n));
        peak.accumulateAndGet(u + n, Math::max);
        return true;
    }

    private synchronized boolean takeFromChild(long n) {
        long u = used.get();
        long fromParent = overReserve(u + n) - overReserve(u);
        if (u > limit - n || fromParent > 0 && !parent.tryTake(fromParent)) {
            refused.incrementAndGet();
            return false;
        }
        used.set(u + n);
        peak.accumulateAndGet(u + n, Math::max);
        return true;
    }

    private long overReserve(long units) {
        return Math.max(0, units - reserved);
    }

    /** Gives back {@code n} units taken before (here and in every parent). Any thread. */
    public void giveBack(long n) {
        if (this == UNLIMITED || n == 0) {
            return;
        }
        if (parent == null) {
            used.addAndGet(-n);
            return;
        }
        synchronized (this) {
            long u = used.get();
            long back = Math.min(n, u);
            used.set(u - back);
            long toParent = overReserve(u) - overReserve(u - back);
            if (toParent > 0) {
                parent.giveBack(toParent);
            }
        }
    }

    /** Gives back everything taken from this budget (a connection's end). Any thread; idempotent. */
    public void giveBackAll() {
        if (this != UNLIMITED) {
            giveBack(used.get());
        }
    }

    /** Units taken now. Any thread. */
    public long used() {
        return this == UNLIMITED ? 0 : used.get();
    }

    /** The most units ever taken at once. Any thread. */
    public long peak() {
        return this == UNLIMITED ? 0 : peak.get();
    }

    /** The bound. Any thread. */
    public long limit() {
        return limit;
    }

    /** Times a take was refused (here or by a parent). Any thread. */
    public long refusals() {
        return refused.get();
    }

    /** What the units are, e.g. "bytes". Any thread. */
    public String unit() {
        return unit;
    }

    @Override
    public String toString() {
        return this == UNLIMITED ? "unlimited" : used() + " of " + limit + " " + unit;
    }
}
