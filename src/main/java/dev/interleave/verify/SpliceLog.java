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
    /** Entries below this one were read (or skipped as its own) by some packet: nothing merges into them. */
    private long sealed;

    // Per slot.
    private final List<List<SpliceSegment>> segs = new ArrayList<>();
    private long[] readUpTo = new long[8];  // log entries before this one are in the slot's segments
    private int[] count = new int[8];
    private boolean[] truncated = new boolean[8];
    // The state after the slot's last own piece: what a packet that never continues ends with.
    private int[] countAtSelf = new int[8], sizeAtSelf = new int[8];
    private boolean[] truncatedAtSelf = new boolean[8];
    private SpliceSegment[] lastSelf = new SpliceSegment[8];
    private int[] ownPieces = new int[8];
    private long[] heldOf = new long[8];

    // Header prefixes held until their header's CRC32C proves them (records by number, the last ones
    // kept): a splice shows one as that packet's bytes once proven, else as unattributable bytes.
    private static final int MAX_HELD = 1 << 16;
    private long[] heldSerial = new long[64];
    private int[] heldProven = new int[64];
    private long heldCount;

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
        ownPieces[s] = 0;
        heldOf[s] = -1;
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
            sealed = total;
        }
        if (total >= nextCatchUp) {
            // Entries are about to leave the ring: every packet reads what it has not read yet.
            for (int s = 0; s < openSlots; s++) {
                catchUp(s, total - 1);
            }
            nextCatchUp = total + RING / 2;
        }
    }

    /**
     * A header prefix of {@code length} bytes of packet {@code id}, held until its header is proven:
     * logged for the open packets as a stretch told later. Returns its record (-1 when nobody reads it).
     */
    long held(long id, int length, int openSlots) {
        if (openSlots == 0) {
            return -1;
        }
        long r = heldCount++;
        if (heldCount > heldSerial.length && heldSerial.length < MAX_HELD) {
            growHeld();
        }
        int i = (int) (r & (heldSerial.length - 1));
        heldSerial[i] = r;
        heldProven[i] = -1;
        stretch(new SpliceSegment(SpliceSegment.Kind.UNATTRIBUTABLE, -2 - r, id, length), -1, openSlots);
        return r;
    }

    /** The prefix held in slot {@code s} came from record {@code r} (see {@link #held}). */
    void setHeld(int s, long r) {
        heldOf[s] = r;
    }

    /** Slot {@code s}'s held prefix is proven for its first {@code h} bytes (0: none of them). */
    void resolveHeld(int s, int h) {
        long r = heldOf[s];
        if (r >= 0) {
            int i = (int) (r & (heldSerial.length - 1));
            if (heldSerial[i] == r) {
                heldProven[i] = h;
            }
        }
    }

    private void growHeld() {
        int n = heldSerial.length * 2;
        long[] serial = new long[n];
        int[] proven = new int[n];
        for (int i = 0; i < heldSerial.length; i++) {
            int j = (int) (heldSerial[i] & (n - 1));
            serial[j] = heldSerial[i];
            proven[j] = heldProven[i];
        }
        heldSerial = serial;
        heldProven = proven;
    }

    /** Bytes of record {@code r} proven to be its packet's, or 0 (not yet, never, or forgotten). */
    private int proven(long r) {
        int i = (int) (r & (heldSerial.length - 1));
        return heldSerial[i] == r ? Math.max(0, heldProven[i]) : 0;
    }

    /**
     * Segments as they are told: each held prefix as its packet's bytes (as far as proven) and
     * unattributable bytes, adjacent unattributable stretches merged. Sets {@link #toldDelta} to how
     * many segments that adds.
     */
    private List<SpliceSegment> told(List<SpliceSegment> l) {
        toldDelta = 0;
        boolean any = false;
        for (SpliceSegment g : l) {
            any |= g.packetId() <= -2;
        }
        if (!any) {
            return l;
        }
        List<SpliceSegment> out = new ArrayList<>(l.size() + 2);
        for (SpliceSegment g : l) {
            if (g.kind() == SpliceSegment.Kind.UNATTRIBUTABLE && g.packetId() <= -2) {
                int h = proven(-2 - g.packetId());
                if (h > 0) {
                    out.add(SpliceSegment.piece(g.from(), 0, h));
                }
                if (g.to() > h) {
                    addMerging(out, SpliceSegment.unattributable(g.to() - h));
                }
            } else if (g.kind() == SpliceSegment.Kind.UNATTRIBUTABLE) {
                addMerging(out, g);
            } else {
                out.add(g);
            }
        }
        toldDelta = out.size() - l.size();
        return out;
    }

    private int toldDelta;

    private static void addMerging(List<SpliceSegment> out, SpliceSegment u) {
        if (!out.isEmpty() && out.getLast().kind() == SpliceSegment.Kind.UNATTRIBUTABLE) {
            out.set(out.size() - 1, SpliceSegment.unattributable(out.getLast().to() + u.to()));
        } else {
            out.add(u);
        }
    }

    /** A piece of the packet in slot {@code s}: read the log up to now, then add the piece. */
    void own(int s, SpliceSegment self) {
        ownPieces[s]++;
        catchUp(s, total);
        add(s, self);
        readUpTo[s] = total;
        countAtSelf[s] = count[s];
        sizeAtSelf[s] = segs.get(s).size();
        truncatedAtSelf[s] = truncated[s];
        lastSelf[s] = segs.get(s).getLast();
    }

    /**
     * The slot's first segment (its header prefix) is {@code first}, followed by {@code unattributed}
     * bytes that were not its own; told when the rest of its header joined.
     */
    void reviseFirst(int s, SpliceSegment first, long unattributed) {
        catchUp(s, total);
        List<SpliceSegment> l = segs.get(s);
        boolean wasLastSelf = sizeAtSelf[s] == 1;
        l.set(0, first);
        if (unattributed > 0) {
            if (l.size() > 1 && l.get(1).kind() == SpliceSegment.Kind.UNATTRIBUTABLE) {
                l.set(1, SpliceSegment.unattributable(unattributed + l.get(1).to()));
            } else {
                l.add(1, SpliceSegment.unattributable(unattributed));
                count[s]++;
                if (!wasLastSelf) {
                    // Between the prefix and a later own piece: part of what an incomplete packet keeps.
                    countAtSelf[s]++;
                    sizeAtSelf[s]++;
                }
                if (l.size() > maxSegments) {
                    l.remove(maxSegments - 2);
                    truncated[s] = true;
                }
            }
        }
        if (wasLastSelf) {
            lastSelf[s] = first;
        }
    }

    /** Own pieces the slot had so far (the first one included). */
    int ownPieces(int s) {
        return ownPieces[s];
    }

    /**
     * The splice of a packet that never continued and whose first piece (a header prefix never proven)
     * is not told: it starts at its second own piece.
     */
    TornPacket incompleteWithoutFirst(int s, long id) {
        TornPacket t = incomplete(s, id, -1, -1);
        List<SpliceSegment> l = new ArrayList<>(t.segments());
        int dropped = 0;
        while (!l.isEmpty() && !(dropped > 0 && l.getFirst().kind() == SpliceSegment.Kind.SELF)) {
            l.removeFirst();
            dropped++;
        }
        return new TornPacket(id, -1, -1, false, l, t.segmentCount() - dropped, t.truncated());
    }

    /** The splice of a packet that completed with its last own piece. */
    TornPacket complete(int s, long id, int thread, int length, boolean whole) {
        List<SpliceSegment> l = told(segs.get(s));
        return new TornPacket(id, thread, length, whole, l, count[s] + toldDelta, truncated[s]);
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
        List<SpliceSegment> t = told(l);
        return new TornPacket(id, thread, length, false, t, countAtSelf[s] + toldDelta, truncatedAtSelf[s]);
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
        ownPieces[to] = ownPieces[from];
        heldOf[to] = heldOf[from];
    }

    private void append(SpliceSegment seg) {
        if (total > sealed) {
            int i = (int) ((total - 1) % RING);
            SpliceSegment.Kind k = KINDS[kind[i]];
            if (k == SpliceSegment.Kind.UNATTRIBUTABLE && seg.kind() == SpliceSegment.Kind.UNATTRIBUTABLE
                    && packet[i] == -1 && seg.packetId() == -1) {
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
        if (upTo == total) {
            sealed = total;
        }
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
            ownPieces = Arrays.copyOf(ownPieces, c);
            heldOf = Arrays.copyOf(heldOf, c);
        }
    }
}
