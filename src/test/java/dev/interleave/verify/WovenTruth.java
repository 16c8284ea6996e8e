package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a woven stream really is, byte by byte, from the generator's own record of its cuts; and a
 * verifier's account of it, checked against that truth.
 */
final class WovenTruth {
    final WovenStreams.Woven woven;
    /** Per stream byte: its packet (-1 for the Hello) and frame offset. */
    final long[] packet;
    final int[] frameOffset;
    /** Per packet: its payload length, and whether its bytes were contiguous (intact). */
    final Map<Long, Integer> length = new HashMap<>();
    final Map<Long, Integer> threadOf = new HashMap<>();
    final Set<Long> intact = new HashSet<>();
    final Set<Long> torn = new HashSet<>();

    WovenTruth(WovenStreams.Woven w) {
        woven = w;
        int n = w.stream().length;
        packet = new long[n];
        frameOffset = new int[n];
        java.util.Arrays.fill(packet, 0, WireFormat.HELLO_SIZE, -1);
        Map<Long, Long> lastEnd = new HashMap<>();
        for (WovenStreams.Chunk c : w.chunks()) {
            for (int i = 0; i < c.size(); i++) {
                packet[(int) c.at() + i] = c.id();
                frameOffset[(int) c.at() + i] = c.from() + i;
            }
            length.put(c.id(), c.length());
            threadOf.put(c.id(), c.thread());
            Long end = lastEnd.get(c.id());
            if (end != null && end != c.at()) {
                torn.add(c.id());
            }
            lastEnd.put(c.id(), c.at() + c.size());
        }
        for (long id : length.keySet()) {
            if (!torn.contains(id)) {
                intact.add(id);
            }
        }
    }

    /** One claim of the verifier, with its stream offset. */
    record Claim(long at, long length, SpliceSegment.Kind kind, long packetId, long frameFrom) {
    }

    /** A verifier's account of the stream: its sink events and every claim. */
    static final class Account {
        final Streams.Recorder sink = new Streams.Recorder();
        final List<Claim> claims = new ArrayList<>();
    }

    static Account verify(byte[] s, int chunk) {
        Account acc = new Account();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), acc.sink);
        v.watchClaims((at, len, kind, id, from) -> acc.claims.add(new Claim(at, len, kind, id, from)));
        for (int off = 0; off < s.length; off += chunk) {
            v.feed(s, off, Math.min(chunk, s.length - off));
        }
        v.finish();
        return acc;
    }

    /** The first byte of a claim that is false, or -1 when every byte holds. */
    long falseByte(Claim c) {
        for (long i = 0; i < c.length(); i++) {
            int at = (int) (c.at() + i);
            boolean holds = switch (c.kind()) {
                case PIECE, SELF -> packet[at] == c.packetId() && frameOffset[at] == c.frameFrom() + i;
                case WHOLE -> packet[at] == c.packetId() && frameOffset[at] == i;
                default -> true;
            };
            if (!holds) {
                return at;
            }
        }
        return -1;
    }

    /** Frame byte {@code off} of packet {@code id} as it was sent, or -1 when there is no such byte. */
    int sentByte(long id, long off) {
        Integer len = length.get(id);
        if (len == null || off < 0 || off >= 24L + len) {
            return -1;
        }
        if (off >= 24) {
            return WireFormat.payloadByte(id, off - 24) & 0xFF;
        }
        byte[] h = new byte[24];
        dev.interleave.protocol.FrameHeader.encode(h, 0, id, threadOf.get(id), len, (int) Streams.RUN_ID);
        return h[(int) off] & 0xFF;
    }

    /** The first byte of a claim whose content differs from what the claimed packet sent there, or -1. */
    long wrongContentByte(Claim c) {
        if (c.kind() != SpliceSegment.Kind.PIECE && c.kind() != SpliceSegment.Kind.WHOLE) {
            return -1;
        }
        for (long i = 0; i < c.length(); i++) {
            int at = (int) (c.at() + i);
            if (sentByte(c.packetId(), c.frameFrom() + i) != (woven.stream()[at] & 0xFF)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * Per stream byte: true when no verifier can tell whose it is. Payload bytes of a chunk that
     * carries fewer than 16 of them (too few to be named by payload words); header bytes of a packet whose header came in
     * more than one chunk; the bytes of the last payload word a chunk of such a packet reaches into
     * (its length may never be known, so its frame's end cannot be told); and at each place where one
     * chunk follows another, the bytes that fit both packets (the next chunk's first bytes that go on
     * with the previous chunk's packet, the previous chunk's last bytes that the next chunk's packet
     * would have had just before).
     */
    boolean[] weakBytes() {
        boolean[] weak = new boolean[packet.length];
        java.util.Arrays.fill(weak, 0, WireFormat.HELLO_SIZE, false);
        Set<Long> splitHeader = new HashSet<>();
        for (WovenStreams.Chunk c : woven.chunks()) {
            if (c.from() == 0 && c.to() < WireFormat.HEADER_SIZE) {
                splitHeader.add(c.id());
            }
        }
        List<WovenStreams.Chunk> cs = woven.chunks();
        for (int k = 0; k < cs.size(); k++) {
            WovenStreams.Chunk c = cs.get(k);
            for (int i = 0; i < c.size(); i++) {
                int at = (int) c.at() + i;
                int off = c.from() + i;
                boolean split = splitHeader.contains(c.id());
                int payloadBytes = c.to() - Math.max(c.from(), WireFormat.HEADER_SIZE);
                if ((off >= WireFormat.HEADER_SIZE && payloadBytes < 16) || (split && off < WireFormat.HEADER_SIZE)
                        || (split && off >= WireFormat.HEADER_SIZE && off >= alignedEnd(c))) {
                    weak[at] = true;
                }
            }
            // Bytes around the chunk's start that its packet would have sent just before, and after
            // its end that its packet would have sent next: they fit two packets (the verifier looks
            // back up to 32 bytes).
            for (int i = 1; i <= 32 && c.at() - i >= WireFormat.HELLO_SIZE
                    && sentByte(c.id(), c.from() - i) == (woven.stream()[(int) c.at() - i] & 0xFF); i++) {
                weak[(int) c.at() - i] = true;
            }
            long end = c.at() + c.size();
            for (int i = 0; i < 32 && end + i < packet.length
                    && sentByte(c.id(), c.to() + i) == (woven.stream()[(int) (end + i)] & 0xFF); i++) {
                weak[(int) (end + i)] = true;
            }
        }
        return weak;
    }

    /** Frame offset where the last payload word that chunk {@code c} reaches into begins. */
    private static int alignedEnd(WovenStreams.Chunk c) {
        int payloadEnd = c.to() - WireFormat.HEADER_SIZE;
        return WireFormat.HEADER_SIZE + ((payloadEnd - 1) & ~7);
    }

    /** True when some chunk of packet {@code id} carries 16 payload bytes or a whole header. */
    boolean hasStrongChunk(long id) {
        for (WovenStreams.Chunk c : woven.chunks()) {
            if (c.id() == id && (c.to() - Math.max(c.from(), WireFormat.HEADER_SIZE) >= 16
                    || (c.from() == 0 && c.to() >= WireFormat.HEADER_SIZE))) {
                return true;
            }
        }
        return false;
    }

    /** The chunk that holds stream byte {@code at}. */
    WovenStreams.Chunk chunkAt(long at) {
        List<WovenStreams.Chunk> cs = woven.chunks();
        int lo = 0, hi = cs.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cs.get(mid).at() <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return cs.get(lo);
    }
}
