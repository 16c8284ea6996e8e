package dev.interleave.verify;

/**
 * A finished connection's packets as its verdict board holds them, read in id order: every id that
 * arrived (whole or torn), and every run of missing ids as one range, so that reading it costs what
 * arrived, never what a Hello claimed. Serve's per-connection report reads it.
 */
@FunctionalInterface
public interface PacketListing {

    /** What a listing visits, in id order. */
    interface Visitor {
        /** A packet whose bytes arrived: INTACT, TORN or DUPLICATE, and the thread index its header named. */
        void packet(long packetId, Verdict verdict, int thread);

        /** Ids {@code first..last} (inclusive) are all MISSING. */
        void missing(long first, long last);
    }

    /**
     * Visits the packets, in id order, on the calling thread. Returns false, visiting nothing, when the
     * listing can no longer be read (its board was released: see {@link ConnectionResult#packets()}).
     */
    boolean forEach(Visitor visitor);

    /** A listing with nothing to read. */
    PacketListing NONE = v -> false;
}
