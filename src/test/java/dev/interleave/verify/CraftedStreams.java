package dev.interleave.verify;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Streams a hostile sender can write to make the verifier work hard per byte (issue 10, "CPU
 * amplification"), and ordinary streams of the same size to compare with. Used by the abuse bench
 * and by the tests that bound the verifier's work. Any thread.
 */
public final class CraftedStreams {
    public static final long RUN_ID = 0x0BAD_5EED_0000_0001L;
    /** The byte every open packet below expects next in {@link #openThenGarbage}: payload words start 9E 37. */
    public static final byte COLLIDING = (byte) 0x9E;

    private CraftedStreams() {
    }

    /**
     * {@code open} packets (ids 0..open-1, all below 65,536 so their payload words share the leading
     * bytes 9E 37) each torn after its header and 16 payload bytes by the next one's header, so all
     * stay open expecting payload byte 16 (9E ...); an empty frame (#65535) so that no piece runs on
     * into what follows; then {@code garbage} bytes of 0x9E, which every open packet's next byte
     * matches and none continues: the look-ahead rules run at every byte; the last two garbage bytes
     * are 0 (so that no 0x9E is a short piece before what follows), then an empty frame (#65534), so
     * the stream does not end inside the garbage.
     */
    public static byte[] openThenGarbage(int open, int garbage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(RUN_ID, 1 << 16, 64).encode());
        byte[] f = new byte[24 + 4096];
        for (int id = 0; id < open; id++) {
            FrameHeader.encodeFrame(f, id, id % 64, 4096, (int) RUN_ID);
            out.write(f, 0, 24 + 16);
        }
        FrameHeader.encode(f, 0, 65535, 0, 0, (int) RUN_ID);
        out.write(f, 0, 24);
        byte[] g = new byte[garbage];
        Arrays.fill(g, 0, Math.max(0, garbage - 2), COLLIDING);
        out.writeBytes(g);
        FrameHeader.encode(f, 0, 65534, 0, 0, (int) RUN_ID);
        out.write(f, 0, 24);
        return out.toByteArray();
    }

    /**
     * {@code open} packets whose headers arrive split: an 8..23-byte prefix, each followed by an empty
     * frame (a boundary, so the prefix is believed; a prefix is cut where the frame's first bytes do not
     * by chance complete it); then {@code garbage} bytes with no run id in them: every open prefix whose
     * missing bytes are only CRC bytes is a candidate for a join at every byte; then an empty frame
     * (#131071).
     */
    public static byte[] prefixesThenGarbage(int open, int garbage, long seed) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(RUN_ID, 1 << 17, 64).encode());
        byte[] h = new byte[24];
        byte[] empty = new byte[24];
        for (int id = 0; id < open; id++) {
            FrameHeader.encode(h, 0, id, 0, 4096, (int) RUN_ID);
            FrameHeader.encode(empty, 0, (1 << 16) + id, 0, 0, (int) RUN_ID);
            int cut;
            do {
                cut = 8 + rnd.nextInt(16);
            } while (h[cut] == empty[0]);
            out.write(h, 0, cut);
            out.writeBytes(empty);
        }
        byte[] g = new byte[garbage];
        for (int i = 0; i < g.length; i++) {
            g[i] = (byte) (i % 3 == 0 ? 0 : 0x2A ^ rnd.nextInt(2));
        }
        out.writeBytes(g);
        FrameHeader.encode(empty, 0, (1 << 17) - 1, 0, 0, (int) RUN_ID);
        out.writeBytes(empty);
        return out.toByteArray();
    }

    /** {@code open} packets left open as in {@link #openThenGarbage}, then {@code frames} empty frames whole. */
    public static byte[] openThenWholeFrames(int open, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(RUN_ID, 0, 64).encode());
        byte[] f = new byte[24 + 4096];
        for (int id = 0; id < open; id++) {
            FrameHeader.encodeFrame(f, id, id % 64, 4096, (int) RUN_ID);
            out.write(f, 0, 24 + 16);
        }
        byte[] e = new byte[24];
        for (int i = 0; i < frames; i++) {
            FrameHeader.encode(e, 0, (1L << 20) + i, 0, 0, (int) RUN_ID);
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    /** The Hello, then {@code garbage} random bytes: what resynchronisation costs with nothing open. */
    public static byte[] plainGarbage(int garbage, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(RUN_ID, 1 << 16, 64).encode());
        byte[] g = new byte[garbage];
        new Random(seed).nextBytes(g);
        out.writeBytes(g);
        return out.toByteArray();
    }

    /** Intact frames of {@code payload} bytes, about {@code bytes} in all: the normal case. */
    public static byte[] intact(int payload, long bytes) {
        int n = (int) Math.max(1, bytes / (24 + payload));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(RUN_ID, n, 20).encode());
        byte[] f = new byte[24 + payload];
        for (int id = 0; id < n; id++) {
            FrameHeader.encodeFrame(f, id, id % 20, payload, (int) RUN_ID);
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    /** Verifies {@code s} in chunks of {@code chunk} bytes; returns the verifier (finished). */
    public static StreamVerifier verify(byte[] s, int chunk, VerdictSink sink) {
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), sink);
        for (int off = 0; off < s.length; off += chunk) {
            v.feed(s, off, Math.min(chunk, s.length - off));
        }
        v.finish();
        return v;
    }
}
