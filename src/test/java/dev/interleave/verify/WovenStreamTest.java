package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The verifier's word, byte for byte, on streams woven as the kernel tears them (issue 10): many
 * threads' packets written in chunks of random size, some a few bytes long so that headers split
 * anywhere, checked against the generator's own record of every cut.
 *
 * <p>What "true" means here: every claimed byte is what the claimed packet sent at that frame offset,
 * and no byte a packet sent is claimed twice. Which of two packets sent a byte both would have sent
 * there (payload words of nearby ids share bytes) cannot be told from the bytes; such bytes are
 * either left unattributable or claimed for one of them, never for a packet that did not send them.
 */
class WovenStreamTest {

    /** Seeds of streams with many tiny chunks (up to 40% of chunks 1..4 bytes). */
    static LongStream heavilyCut() {
        return LongStream.range(0, 60);
    }

    /** Seeds of streams cut as the kernel mostly does: few tiny chunks, larger packets. */
    static LongStream mostlyWhole() {
        return LongStream.range(1000, 1008);
    }

    @ParameterizedTest
    @MethodSource("heavilyCut")
    void everyClaimHoldsOnHeavilyCutStreams(long seed) {
        Random r = new Random(seed);
        check(WovenStreams.weave(seed, 2 + r.nextInt(20), 20 + r.nextInt(100),
                r.nextInt(3) == 0 ? 100 : r.nextInt(3000), r.nextDouble() * 0.4), seed % 4 == 0);
    }

    @ParameterizedTest
    @MethodSource("mostlyWhole")
    void everyClaimHoldsOnStreamsCutAsTheKernelCutsThem(long seed) {
        Random r = new Random(seed);
        check(WovenStreams.weave(seed, 20, 40, 5_000 + r.nextInt(30_000), 0.02), seed % 8 == 0);
    }

    private static void check(WovenStreams.Woven w, boolean alsoChunked) {
        WovenTruth t = new WovenTruth(w);
        byte[] s = w.stream();
        WovenTruth.Account acc = WovenTruth.verify(s, Integer.MAX_VALUE);
        Streams.Recorder sink = acc.sink;

        // Every byte accounted for; chunking changes nothing.
        assertThat(sink.bytes.received()).isEqualTo(s.length);
        assertThat(sink.bytes.pending()).isZero();
        if (alsoChunked) {
            assertThat(WovenTruth.verify(s, 3 + (int) (w.seed() % 97)).sink.events).isEqualTo(sink.events);
        }

        // Every claim is what the claimed packet sent there, and no sent byte is claimed twice.
        long[] claimedPacket = new long[s.length];
        long[] claimedOffset = new long[s.length];
        Arrays.fill(claimedPacket, -1);
        Map<Long, Long> claimedAt = new HashMap<>(); // packet << 32 | frame offset -> stream byte
        long unattributable = 0;
        for (WovenTruth.Claim c : acc.claims) {
            if (t.wrongContentByte(c) >= 0) {
                fail("claim " + c + " is wrong from stream byte " + t.wrongContentByte(c));
            }
            if (c.kind() == SpliceSegment.Kind.UNATTRIBUTABLE) {
                unattributable += c.length();
                continue;
            }
            for (long i = 0; i < c.length(); i++) {
                long offset = c.frameFrom() + i;
                if (claimedAt.put(c.packetId() << 32 | offset, c.at() + i) != null) {
                    fail("frame byte " + offset + " of #" + c.packetId() + " claimed again by " + c);
                }
                claimedPacket[(int) (c.at() + i)] = c.packetId();
                claimedOffset[(int) (c.at() + i)] = offset;
            }
        }
        assertThat(unattributable).isEqualTo(sink.bytes.unattributable());

        // Verdicts: every intact packet whole and not torn; every torn packet with a piece that can be
        // named (16 payload bytes, or its whole header) reported, as torn or, when its bytes happen
        // to stand contiguous after all, whole (the whole claim was checked byte for byte above).
        Set<Long> whole = new HashSet<>(sink.whole);
        Set<Long> torn = new HashSet<>();
        sink.torn.forEach(p -> torn.add(p.packetId()));
        for (long id : t.intact) {
            assertThat(whole).as("intact #%d", id).contains(id);
            assertThat(torn).as("intact #%d", id).doesNotContain(id);
        }
        for (long id : t.torn) {
            if (t.hasStrongChunk(id)) {
                assertThat(torn.contains(id) || whole.contains(id)).as("torn #%d reported", id).isTrue();
            }
        }
        assertThat(torn).allMatch(t.length::containsKey);

        // Splices: each, from its first own byte on, is the stream in order, as claimed.
        for (TornPacket p : sink.torn) {
            if (p.truncated() || p.segments().isEmpty()) {
                continue;
            }
            SpliceSegment first = p.segments().getFirst();
            Long start = claimedAt.get(p.packetId() << 32 | first.from());
            assertThat(start).as("first byte of %s", p).isNotNull();
            int x = (int) (long) start;
            for (SpliceSegment g : p.segments()) {
                switch (g.kind()) {
                    case SELF, PIECE -> {
                        long id = g.kind() == SpliceSegment.Kind.SELF ? p.packetId() : g.packetId();
                        for (long off = g.from(); off < g.to(); off++, x++) {
                            if (claimedPacket[x] != id || claimedOffset[x] != off) {
                                fail(g + " of " + p.describe() + " at stream byte " + x);
                            }
                        }
                    }
                    case WHOLE -> {
                        long len = WireFormat.frameLength(t.length.get(g.packetId()));
                        for (long off = 0; off < len; off++, x++) {
                            if (claimedPacket[x] != g.packetId() || claimedOffset[x] != off) {
                                fail(g + " of " + p.describe() + " at stream byte " + x);
                            }
                        }
                    }
                    default -> x += (int) g.length();
                }
            }
        }

        // What is left unattributable is no more than what cannot be told.
        boolean[] weak = t.weakBytes();
        long cannotBeTold = 0;
        for (boolean b : weak) {
            cannotBeTold += b ? 1 : 0;
        }
        assertThat(unattributable).as("unattributable bytes of %,d", s.length).isLessThanOrEqualTo(cannotBeTold);
    }
}
