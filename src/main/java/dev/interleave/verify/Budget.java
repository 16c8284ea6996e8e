package dev.interleave.verify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on something a verifier keeps because a peer sent it (bytes of verdict chunks, splice
 * segments), shared by whoever draws on it. A budget may have a parent: a connection's budget draws on
 * its server's, so that one peer is bounded by the connection's share and all peers together by the
 * server's, whatever they claim (design.md, invariant 3). Thread-safe and lock-free; any thread.
 */
public final class Budget {
    /** A budget that never refuses. */
    public static final Budget UNLIMITED = new Budget(null, Long.MAX_VALUE, "unlimited");

    private final Budget parent;
    private final long limit;
    private final String unit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    private Budget(Budget parent, long limit, String unit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a budget's limit must be ≥ 0: " + limit);
        }
        this.parent = parent;
        this.limit = limit;
        this.unit = unit;
    }

    /** A budget of {@code limit} units ("bytes", "segments": named in messages). Any thread. */
    public static Budget of(long limit, String unit) {
        return new Budget(null, limit, unit);
    }

    /** A budget of its own {@code limit} that also draws on this one (a connection's share). Any thread. */
    public Budget child(long childLimit) {
        return this == UNLIMITED && childLimit == Long.MAX_VALUE ? UNLIMITED : new Budget(this, childLimit, unit);
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
        long u;
        do {
            u = used.get();
            if (u > limit - n) {
                refused.incrementAndGet();
                return false;
            }
        } while (!used.compareAndSet(u, u + n));
        peak.accumulateAndGet(u + n, Math::max);
        if (parent != null && !parent.tryTake(n)) {
            used.addAndGet(-n);
            refused.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back {@code n} units taken before (here and in every parent). Any thread. */
    public void giveBack(long n) {
        if (this == UNLIMITED || n == 0) {
            return;
        }
        used.addAndGet(-n);
        if (parent != null) {
            parent.giveBack(n);
        }
    }

    /** Gives back everything taken from this budget (a connection's end). Any thread; idempotent. */
    public void giveBackAll() {
        if (this == UNLIMITED) {
            return;
        }
        long n = used.getAndSet(0);
        if (n > 0 && parent != null) {
            parent.giveBack(n);
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
