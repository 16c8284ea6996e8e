package dev.interleave.verify;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan through unattributable bytes ({@link GarbageScan}) changes no decision: on streams with
 * garbage between and inside packets, and garbage made of near misses of every sign it looks for,
 * every event, byte account and claim is the same as when the rules run at every byte, at any
 * chunking.
 */
class GarbageScanTest {

    /**
     * What a verifier said: its events, its byte account and every claim, in order; fed whole when
     * {@code chunkSeed} is 0, else in random chunks (1..8 or 1..300 bytes).
     */
    static List<String> told(byte[] s, boolean scan, long chunkSeed, VerifierLimits limits) {
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = new StreamVerifier(limits, r);
        if (!scan) {
            v.decideEveryByte();
        }
        List<String> claims = new ArrayList<>();
        v.watchClaims((at, length, kind, packetId, frameFrom) ->
                claims.add(at + "+" + length + " " + kind + " #" + packetId + "@" + frameFrom));
        Random rnd = new Random(chunkSeed);
        int off = 0;
        while (off < s.length) {
            int n = chunkSeed == 0 ? s.length : Math.min(s.length - off, rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(8) : 1 + rnd.nextInt(300));
            v.feed(s, off, n);
            off += n;
        }
        v.finish();
        List<String> out = new ArrayList<>(r.events);
        out.add("bytes " + r.bytes);
        out.addAll(claims);
        return out;
    }

    static void same(byte[] s, long seed) {
        same(s, seed, VerifierLimits.defaults());
    }

    /** What the verifier says of {@code s} with the scan, fed whole and in two random chunkings, is what it says without. */
    static void same(byte[] s, long seed, VerifierLimits limits) {
        List<String> every = told(s, false, 0, limits);
        for (long chunking : new long[] {0, seed, seed + 1}) {
            List<String> scanned = told(s, true, chunking, limits);
            for (int i = 0; i < Math.min(every.size(), scanned.size()); i++) {
                assertThat(scanned.get(i)).as("seed %d chunking %d, item %d", seed, chunking, i).isEqualTo(every.get(i));
            }
            assertThat(scanned).as("seed %d chunking %d", seed, chunking).hasSameSizeAs(every);
        }
    }

    @Test
    void tornStreamsWithGarbage() {
        for (long seed = 1; seed <= 400; seed++) {
            same(StreamVerifierPropertiesTest.tornStream(1 + (int) (seed % 12), seed, 300, true), seed);
        }
    }

    @Test
    void wovenStreamsWithGarbage() {
        for (long seed = 1; seed <= 60; seed++) {
            WovenStreams.Woven w = WovenStreams.weave(seed, 2 + (int) (seed % 6), 40, seed % 2 == 0 ? 100 : 2000, 0.2);
            same(withGarbage(w.stream(), seed), seed);
        }
    }

    @Test
    void nearMissesOfEverySign() {
        for (long seed = 1; seed <= 300; seed++) {
            same(nearMisses(seed), seed);
        }
    }

    @Test
    void smallPayloadLimit() {
        for (long seed = 1; seed <= 100; seed++) {
            same(nearMisses(seed), seed, VerifierLimits.defaults().withMaxPayload(8 + (int) (seed % 40)));
        }
    }

    /**
     * The longest reach of a rule: after garbage, a short piece of 15 bytes, another of 15, then a
     * continuation whose payload word (the first sign the scan can see) is 34 to 41 bytes on. Wherever
     * a chunk ends around it, the scan leaves enough bytes at the end of what is in hand undecided that
     * the first short piece is still told (with a margin of 30 bytes instead of 56 it was skipped).
     */
    @Test
    void aChainOfShortPiecesAtTheEndOfAChunk() {
        Random rnd = new Random(5);
        byte[] garbage = new byte[200];
        Streams.Builder b = new Streams.Builder(200);
        for (long id = 1; id <= 3; id++) {
            b.part(id, 300, 0, 24 + 17).frame(100 + id, 0); // open, expecting payload byte 17
        }
        rnd.nextBytes(garbage);
        b.raw(garbage);
        int chain = b.size();
        b.part(1, 300, 41, 56).part(2, 300, 41, 56).part(3, 300, 41, 80);
        rnd.nextBytes(garbage);
        b.raw(garbage);
        byte[] s = b.bytes();
        List<String> every = told(s, false, 0, VerifierLimits.defaults());
        assertThat(every).anyMatch(c -> c.equals(chain + "+15 PIECE #1@41"));
        for (int split = chain - 100; split <= chain + 60; split++) {
            assertThat(toldSplitAt(s, split)).as("split at %d", split).isEqualTo(every);
        }
    }

    /** {@link #told} with the scan, fed in two chunks split at {@code split}. */
    private static List<String> toldSplitAt(byte[] s, int split) {
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), r);
        List<String> claims = new ArrayList<>();
        v.watchClaims((at, length, kind, packetId, frameFrom) ->
                claims.add(at + "+" + length + " " + kind + " #" + packetId + "@" + frameFrom));
        v.feed(s, 0, split);
        v.feed(s, split, s.length - split);
        v.finish();
        List<String> out = new ArrayList<>(r.events);
        out.add("bytes " + r.bytes);
        out.addAll(claims);
        return out;
    }

    /** {@code s} with runs of random garbage put in at random places (after the Hello). */
    static byte[] withGarbage(byte[] s, long seed) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(s, 0, WireFormat.HELLO_SIZE);
        int at = WireFormat.HELLO_SIZE;
        while (at < s.length) {
            int n = Math.min(s.length - at, 1 + rnd.nextInt(400));
            out.write(s, at, n);
            at += n;
            if (rnd.nextInt(3) == 0) {
                byte[] g = new byte[1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 300)];
                rnd.nextBytes(g);
                out.writeBytes(g);
            }
        }
        return out.toByteArray();
    }

    /**
     * Packets torn open (whole headers, split headers of every length, pieces near their end), then
     * garbage made of what the scan looks for: payload words of open and other packets at every
     * alignment and index (word 0, the last words of a packet, the largest payload's), their
     * neighbours changed, the magic, the run id, CRC bytes of split headers, frame ends.
     */
    static byte[] nearMisses(long seed) {
        Random rnd = new Random(seed);
        int packets = 64;
        Streams.Builder b = new Streams.Builder(packets);
        List<long[]> open = new ArrayList<>(); // {id, len}
        int id = 0;
        for (; id < 12; id++) {
            int len = pick(rnd, 0, 1, 7, 8, 9, 15, 16, 17, 40, 300);
            int kind = rnd.nextInt(4);
            int cut = switch (kind) {
                case 0 -> 8 + rnd.nextInt(16);                           // a split header
                case 1 -> Math.max(24, 24 + len - 1 - rnd.nextInt(16));  // near its end
                default -> 24 + rnd.nextInt(len + 1);                    // anywhere
            };
            cut = Math.min(cut, 24 + len);
            b.part(id, len, 0, cut);
            if (cut < 24 + len) {
                open.add(new long[] {id, len, cut});
            }
            if (rnd.nextBoolean()) {
                b.part(50 + (id % 10), 0, 0, 24); // an empty frame between: a boundary
            }
        }
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        for (int i = 0; i < 60; i++) {
            long p = rnd.nextInt(3) == 0 || open.isEmpty() ? rnd.nextInt(packets + 4) : open.get(rnd.nextInt(open.size()))[0];
            long index = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(40);
                case 2 -> (WireFormat.MAX_PAYLOAD >>> 3) - rnd.nextInt(4);
                default -> open.isEmpty() ? 1 : (open.get(rnd.nextInt(open.size()))[1] >>> 3) + rnd.nextInt(3) - 1;
            };
            byte[] words = new byte[24];
            for (int k = 0; k < 3; k++) {
                java.nio.ByteBuffer.wrap(words).putLong(8 * k, WireFormat.payloadWord(p, Math.max(0, index - 1 + k)));
            }
            int from = rnd.nextInt(8);
            int to = from + 8 + rnd.nextInt(17 - from);
            if (rnd.nextBoolean()) {
                words[from + rnd.nextInt(to - from)] ^= (byte) (1 + rnd.nextInt(255)); // a near miss
            }
            g.write(words, from, to - from);
            switch (rnd.nextInt(8)) {
                case 0 -> g.writeBytes(new byte[] {'I', 'L', 'V', (byte) (rnd.nextBoolean() ? 'F' : 'X')});
                case 1 -> {
                    byte[] r = java.nio.ByteBuffer.allocate(4).putInt((int) Streams.RUN_ID).array();
                    int from2 = rnd.nextInt(4);
                    g.write(r, from2, 1 + rnd.nextInt(4 - from2));
                }
                case 2 -> {
                    byte[] h = new byte[24];
                    FrameHeader.encode(h, 0, rnd.nextInt(packets), 0, rnd.nextInt(20), (int) Streams.RUN_ID);
                    int from2 = 8 + rnd.nextInt(16);
                    g.write(h, from2, 24 - from2);
                }
                case 3 -> {
                    byte[] r = new byte[1 + rnd.nextInt(30)];
                    rnd.nextBytes(r);
                    g.writeBytes(r);
                }
                case 4 -> {
                    if (!open.isEmpty()) {
                        long[] o = open.get(rnd.nextInt(open.size()));
                        byte[] f = Streams.frame(o[0], (int) (o[0] % 7), (int) o[1]);
                        int from2 = Math.max((int) o[2], f.length - 1 - rnd.nextInt(16));
                        g.write(f, from2, f.length - from2);
                    }
                }
                default -> {
                    byte[] r = new byte[1 + rnd.nextInt(80)];
                    java.util.Arrays.fill(r, (byte) pick(rnd, 0x7F, 0x9E, 0x49, 0x00, 0x37));
                    g.writeBytes(r);
                }
            }
        }
        b.raw(g.toByteArray());
        for (long[] o : open) {
            if (rnd.nextBoolean()) {
                b.part(o[0], (int) o[1], (int) o[2], 24 + (int) o[1]);
                byte[] r = new byte[rnd.nextInt(60)];
                rnd.nextBytes(r);
                b.raw(r);
            }
        }
        return b.bytes();
    }

    private static int pick(Random rnd, int... values) {
        return values[rnd.nextInt(values.length)];
    }
}
