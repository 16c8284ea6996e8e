package dev.interleave.verify;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The scan through unattributable bytes ({@link GarbageScan}) against the plain path that runs every
 * rule at every byte ({@link StreamVerifier#decideEveryByte}): on every kind of stream the tests
 * generate, the same events (verdicts, splices, problems with their offsets), the same
 * {@link ByteAccount} and the same claim for every byte, whole or in random chunks. The streams: the
 * properties' torn plans with short garbage and with long runs of it, woven streams with garbage, near
 * misses of every sign the scan looks for, and arbitrary bytes drawn mostly from those signs' bytes.
 */
class GarbageScanPropertiesTest {

    @Property(tries = 300)
    void tornPlansWithGarbage(@ForAll @IntRange(max = 12) int packets, @ForAll long seed, @ForAll long chunkSeed,
                              @ForAll boolean longGarbage) {
        byte[] s = StreamVerifierPropertiesTest.tornPlan(packets, seed, 300, true).stream();
        GarbageScanTest.same(longGarbage ? GarbageScanTest.withGarbage(s, seed) : s, chunkSeed);
    }

    @Property(tries = 100)
    void wovenStreamsWithGarbage(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int threads,
                                 @ForAll boolean smallPackets, @ForAll long chunkSeed) {
        WovenStreams.Woven w = WovenStreams.weave(seed, threads, 30, smallPackets ? 100 : 2000, 0.2);
        GarbageScanTest.same(GarbageScanTest.withGarbage(w.stream(), seed), chunkSeed);
    }

    @Property(tries = 200)
    void nearMissesOfEverySign(@ForAll long seed, @ForAll long chunkSeed, @ForAll @IntRange(min = 0, max = 64) int maxPayload) {
        // maxPayload 0 stands for the default limit; else a small one, so that named pieces end short.
        VerifierLimits limits = maxPayload == 0 ? VerifierLimits.defaults() : VerifierLimits.defaults().withMaxPayload(maxPayload);
        GarbageScanTest.same(GarbageScanTest.nearMisses(seed), chunkSeed, limits);
    }

    @Property(tries = 300)
    void arbitraryBytes(@ForAll("signBytes") byte[] junk, @ForAll boolean withHello, @ForAll long chunkSeed) {
        byte[] s = withHello ? new Streams.Builder(64).raw(junk).bytes() : junk;
        GarbageScanTest.same(s, chunkSeed);
    }

    /**
     * Up to 3,000 bytes: random ones, and the bytes the scan looks for (the magic's, 0x7F, the run id's,
     * payload words' leading bytes), and pieces of frames and payload words of packets 0..63.
     */
    @Provide
    Arbitrary<byte[]> signBytes() {
        byte[] runId = ByteBuffer.allocate(8).putLong(Streams.RUN_ID).array();
        Arbitrary<byte[]> one = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.bytes()),
                Tuple.of(3, Arbitraries.of((byte) 'I', (byte) 'L', (byte) 'V', (byte) 'F', (byte) 'R',
                        (byte) 0x7F, (byte) 0x4A, (byte) 0x7C, (byte) 0x9E, (byte) 0x37, (byte) 0,
                        runId[4], runId[5], runId[6], runId[7]))).map(b -> new byte[] {b});
        Arbitrary<byte[]> words = Arbitraries.integers().between(0, 63).flatMap(p ->
                Arbitraries.integers().between(0, 40).flatMap(i ->
                        Arbitraries.integers().between(1, 24).map(n -> {
                            byte[] w = new byte[24];
                            ByteBuffer b = ByteBuffer.wrap(w);
                            for (int k = 0; k < 3; k++) {
                                b.putLong(WireFormat.payloadWord(p, i + k));
                            }
                            return Arrays.copyOfRange(w, 24 - n, 24);
                        })));
        Arbitrary<byte[]> frames = Arbitraries.integers().between(0, 63).flatMap(p ->
                Arbitraries.integers().between(0, 40).flatMap(len ->
                        Arbitraries.integers().between(0, 24 + 40).flatMap(from ->
                                Arbitraries.integers().between(1, 64).map(n -> {
                                    byte[] f = new byte[24 + len];
                                    FrameHeader.encodeFrame(f, p, p % 4, len, (int) Streams.RUN_ID);
                                    int a = Math.min(from, f.length);
                                    return Arrays.copyOfRange(f, a, Math.min(f.length, a + n));
                                }))));
        return Arbitraries.frequencyOf(
                        Tuple.of(8, one),
                        Tuple.of(1, words),
                        Tuple.of(1, frames))
                .list().ofMaxSize(600)
                .map(parts -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    parts.forEach(out::writeBytes);
                    return out.toByteArray();
                });
    }
}
