package dev.interleave.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The splices of the open packets: what came between each open packet's pieces. Every stretch of the
 * stream is written once to a shared log (merged as the splices merge them: adjacent unattributable
 * runs, adjacent pieces of one packet); each open packet reads the log only when it gets a piece of
 * its own or closes, so a stretch costs the same however many packets are open. A packet keeps its
 * first segments and its latest one (past {@link VerifierLimits#maxSegmentsPerPacket()}), and an exact
 * count. Slots follow {@link OpenPackets}' slots. Not thread-safe (the feeding thread).
 */
final class SpliceLog {
    /** Entries kept; every open packet has read all but the last half of them. */
    private static final int RING = 4096;
    private static final SpliceSegment.Kind[] KINDS = SpliceSegment.Kind.values();

    private final int maxSegments;
    // The shared log: entry i (0 <= i < total) lives at i % RING while i >= total - RING.
    private final byte[] kind = new byte[RING];
    private final long[] packet = new long[RING], from = new long[RING], to = new long[RING];
    private long total;
    private long nextCatchUp = RING / 2;

    // Per slot.
    private final List<List<SpliceSegment>> segs = new ArrayList<>();
    private long[] readUpTo = new long[8];  // log entries before this one are in the slot's segments
    private int[] count = new int[8];
    private boolean[] truncated = new boolean[8];
    // The state after the slot's last own piece: what a packet that never continues ends with.
    private int[] countAtSelf = new int[8], sizeAtSelf = new int[8];
    private boolean[] truncatedAtSelf = new boolean[8];
    private SpliceSegment[] lastSelf = new SpliceSegment[8];

    SpliceLog(int maxSegments) {
        this.maxSegments = maxSegments;
    }

    /** A new open packet in slot {@code s}; its first piece is {@code first}, already logged for the others. */
    void open(int s, SpliceSegment first) {
        ensure(s + 1);
        if (s == segs.size()) {
            segs.add(new ArrayList<>());
        } else {
            segs.get(s).clear();
        }
        readUpTo[s] = total;
        count[s] = 0;
        truncated[s] = false;
        own(s, first);
    }

    /** A stretch that belongs to no open packet's own bytes (or to the packet in {@code ownerSlot}, which skips it). */
    void stretch(SpliceSegment seg, int ownerSlot, int openSlots) {
        if (ownerSlot >= 0) {
            catchUp(ownerSlot, total);
        }
        append(seg);
        if (ownerSlot >= 0) {
            readUpTo[ownerSlot] = total;
        }
        if (total >= nextCatchUp) {
            // Entries are about to leave the ring: every packet reads what it has not read yet.
            for (int s = 0; s < openSlots; s++) {
                catchUp(s, total - 1);
            }
            nextCatchUp = total + RING / 2;
        }
    }

    /** A piece of the packet in slot {@code s}: read the log up to now, then add the piece. */
    void own(int s, SpliceSegment self) {
        catchUp(s, total);
        add(s, self);
        readUpTo[s] = total;
        countAtSelf[s] = count[s];
        sizeAtSelf[s] = segs.get(s).size();
        truncatedAtSelf[s] = truncated[s];
        lastSelf[s] = segs.get(s).getLast();
    }

    /** The splice of a packet that completed with its last own piece. */
    TornPacket complete(int s, long id, int thread, int length, boolean whole) {
        return new TornPacket(id, thread, length, whole, segs.get(s), count[s], truncated[s]);
    }

    /** The splice of a packet that never continued: it ends with its last own piece. */
    TornPacket incomplete(int s, long id, int thread, int length) {
        List<SpliceSegment> l = segs.get(s);
        while (l.size() > sizeAtSelf[s]) {
            l.removeLast();
        }
        if (!l.isEmpty()) {
            l.set(l.size() - 1, lastSelf[s]);
        }
        return new TornPacket(id, thread, length, false, l, countAtSelf[s], truncatedAtSelf[s]);
    }

    /** The slot moved from {@code from} to {@code to} (see {@link OpenPackets#remove}). */
    void move(int from, int to) {
        List<SpliceSegment> tmp = segs.get(to);
        segs.set(to, segs.get(from));
        segs.set(from, tmp);
        tmp.clear();
        readUpTo[to] = readUpTo[from];
        count[to] = count[from];
        truncated[to] = truncated[from];
        countAtSelf[to] = countAtSelf[from];
        sizeAtSelf[to] = sizeAtSelf[from];
        truncatedAtSelf[to] = truncatedAtSelf[from];
        lastSelf[to] = lastSelf[from];
        lastSelf[from] = null;
    }

    private void append(SpliceSegment seg) {
        if (total > 0) {
            int i = (int) ((total - 1) % RING);
            SpliceSegment.Kind k = KINDS[kind[i]];
            if (k == SpliceSegment.Kind.UNATTRIBUTABLE && seg.kind() == SpliceSegment.Kind.UNATTRIBUTABLE) {
                to[i] += seg.to();
                return;
            }
            if (k == SpliceSegment.Kind.PIECE && seg.kind() == SpliceSegment.Kind.PIECE
                    && packet[i] == seg.packetId() && to[i] == seg.from()) {
                to[i] = seg.to();
                return;
            }
        }
        int i = (int) (total % RING);
        kind[i] = (byte) seg.kind().ordinal();
        packet[i] = seg.packetId();
        from[i] = seg.from();
        to[i] = seg.to();
        total++;
    }

    /** Moves log entries [readUpTo, upTo) into slot {@code s}'s segments. */
    private void catchUp(int s, long upTo) {
        long start = readUpTo[s];
        if (start >= upTo) {
            return;
        }
        List<SpliceSegment> l = segs.get(s);
        long e = start;
        // Entries never merge with each other here (the log merged them), nor with the slot's own pieces.
        for (; e < upTo && l.size() < maxSegments - 1; e++) {
            l.add(entry(e));
            count[s]++;
        }
        if (e < upTo) {
            // The first segments are kept, then the latest in the last place.
            long rest = upTo - e;
            if (l.size() < maxSegments) {
                l.add(entry(upTo - 1));
                truncated[s] |= rest > 1;
            } else {
                l.set(l.size() - 1, entry(upTo - 1));
                truncated[s] = true;
            }
            count[s] += (int) rest;
        }
        readUpTo[s] = upTo;
    }

    private SpliceSegment entry(long e) {
        int i = (int) (e % RING);
        return new SpliceSegment(KINDS[kind[i]], packet[i], from[i], to[i]);
    }

    /** Adds a segment of the slot's own, merging it with its previous own piece when they touch. */
    private void add(int s, SpliceSegment seg) {
        List<SpliceSegment> l = segs.get(s);
        if (!l.isEmpty() && !truncated[s]) {
            SpliceSegment last = l.getLast();
            if (last.kind() == seg.kind() && last.packetId() == seg.packetId() && last.to() == seg.from()) {
                l.set(l.size() - 1, new SpliceSegment(seg.kind(), seg.packetId(), last.from(), seg.to()));
                return;
            }
        }
        count[s]++;
        if (l.size() < maxSegments) {
            l.add(seg);
        } else {
            // Past the bound the last place holds the latest segment: where the packet resumed says more.
            l.set(l.size() - 1, seg);
            truncated[s] = true;
        }
    }

    private void ensure(int n) {
        if (n > readUpTo.length) {
            int c = Math.max(n, readUpTo.length * 2);
            readUpTo = Arrays.copyOf(readUpTo, c);
            count = Arrays.copyOf(count, c);
            truncated = Arrays.copyOf(truncated, c);
            countAtSelf = Arrays.copyOf(countAtSelf, c);
            sizeAtSelf = Arrays.copyOf(sizeAtSelf, c);
            truncatedAtSelf = Arrays.copyOf(truncatedAtSelf, c);
            lastSelf = Arrays.copyOf(lastSelf, c);
        }
    }
}
