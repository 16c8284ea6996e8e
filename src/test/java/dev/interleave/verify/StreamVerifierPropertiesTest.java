package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamVerifierPropertiesTest {

    /**
     * A stream of packets 0..n-1 where some packets are torn by others, as the kernel does it.
     * {@code torn} are the packets written in pieces with something between; {@code lengths} and
     * {@code headers} give each packet's payload length and the stream offset of its header (always
     * written whole, in its first piece).
     */
    record Plan(byte[] stream, int packets, long seed, Set<Long> torn, List<Integer> lengths, List<Integer> headers) {

        /**
         * Whether packet {@code id}'s 24 + L bytes stand in a row from its header, exactly as sent:
         * what docs/PROTOCOL.md §5 calls INTACT. A packet written in pieces can still stand in a row
         * when what came between its pieces equals its own next bytes (payload words of ids below
         * 65,536 all start {@code 9E 37}; random garbage may equal a byte or two); the stream then
         * holds its frame whole and no reader of the bytes can tell it was torn.
         */
        boolean standsInARow(long id) {
            byte[] frame = Streams.frame(id, (int) (id % 7), lengths.get((int) id));
            int at = headers.get((int) id);
            return at + frame.length <= stream.length
                    && java.util.Arrays.equals(stream, at, at + frame.length, frame, 0, frame.length);
        }
    }

    static byte[] tornStream(int packets, long seed, int maxLen, boolean garbage) {
        return tornPlan(packets, seed, maxLen, garbage).stream();
    }

    /** Such a stream, and which packets in it are torn (written in pieces with something between). */
    static Plan tornPlan(int packets, long seed, int maxLen, boolean garbage) {
        Set<Long> torn = new HashSet<>();
        Integer[] lengths = new Integer[packets];
        Integer[] headers = new Integer[packets];
        long lastWriter = -2; // the packet that wrote last; -1 for garbage
        Random rnd = new Random(seed);
        Streams.Builder b = new Streams.Builder(packets);
        // Up to three packets "in flight": each writes its frame in 1-3 pieces interleaved with others.
        List<int[]> inFlight = new ArrayList<>(); // {id, len, written}
        int next = 0;
        while (next < packets || !inFlight.isEmpty()) {
            if (next < packets && (inFlight.isEmpty() || (inFlight.size() < 3 && rnd.nextBoolean()))) {
                inFlight.add(new int[] {next++, rnd.nextInt(maxLen + 1), 0});
                continue;
            }
            int[] p = inFlight.get(rnd.nextInt(inFlight.size()));
            int total = 24 + p[1];
            // Tears fall after the header, and a piece inside a payload carries at least 16 bytes: a
            // shorter one cannot be told from chance (docs/PROTOCOL.md); the last piece may be shorter.
            int to = rnd.nextInt(3) == 0 ? total : Math.min(total, p[2] + 16 + rnd.nextInt(total));
            if (p[2] == 0) {
                to = Math.max(to, Math.min(total, 24 + rnd.nextInt(Math.max(1, p[1]))));
                lengths[p[0]] = p[1];
                headers[p[0]] = b.size();
            }
            if (p[2] > 0 && lastWriter != p[0]) {
                torn.add((long) p[0]);
            }
            lastWriter = p[0];
            b.part(p[0], p[1], p[2], to);
            p[2] = to;
            if (to == total) {
                inFlight.remove(p);
            }
            if (garbage && rnd.nextInt(5) == 0) {
                byte[] g = new byte[1 + rnd.nextInt(40)];
                rnd.nextBytes(g);
                b.raw(g);
                lastWriter = -1;
            }
        }
        return new Plan(b.bytes(), packets, seed, torn, List.of(lengths), List.of(headers));
    }

    @Provide
    Arbitrary<Plan> plans() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.longs())
                .as((n, seed) -> tornPlan(n, seed, 300, false));
    }

    @Provide
    Arbitrary<Plan> plansWithGarbage() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.longs())
                .as((n, seed) -> tornPlan(n, seed, 300, true));
    }

    private static Streams.Recorder feedRandomly(byte[] s, long seed) {
        Random rnd = new Random(seed);
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), r);
        int off = 0;
        while (off < s.length) {
            int n = Math.min(s.length - off, rnd.nextInt(4) == 0 ? 1 : 1 + rnd.nextInt(80));
            v.feed(s, off, n);
            off += n;
            assertThat(v.openPackets()).isLessThanOrEqualTo(VerifierLimits.defaults().maxOpenPackets());
        }
        v.finish();
        return r;
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrowAndAreAllAccounted(@ForAll @Size(max = 600) byte[] junk, @ForAll boolean withHello,
                                                     @ForAll long chunkSeed) {
        byte[] s = junk;
        if (withHello) {
            s = new Streams.Builder(5).raw(junk).bytes();
        }
        Streams.Recorder r = feedRandomly(s, chunkSeed);
        assertThat(r.bytes.received()).isEqualTo(s.length);
        assertThat(r.bytes.pending()).isZero();
    }

    @Property(tries = 300)
    void chunkingNeverChangesTheResult(@ForAll("plansWithGarbage") Plan plan, @ForAll long chunkSeed) {
        Streams.Recorder whole = Streams.verify(plan.stream(), Integer.MAX_VALUE);
        Streams.Recorder chunked = feedRandomly(plan.stream(), chunkSeed);
        assertThat(chunked.events).isEqualTo(whole.events);
        assertThat(chunked.bytes).isEqualTo(whole.bytes);
    }

    @Property(tries = 300)
    void validTornStreamsGetExactlyTheRightVerdicts(@ForAll("plans") Plan plan, @ForAll long chunkSeed) {
        Streams.Recorder r = feedRandomly(plan.stream(), chunkSeed);
        // No garbage: every byte is Hello, a whole frame or a piece; every packet exactly once. Only
        // where a piece's first bytes are also what the interrupted piece expected next (payload
        // words of nearby ids share up to a few bytes) are those few bytes nobody's; and a torn
        // packet that so lost bytes to another ends short of its length (TRUNCATED: seed 1071, #2's
        // last 3 bytes equal #3's bytes 84..86, so #2 stands whole and #3's next 8 are nobody's).
        long segments = r.torn.stream().mapToLong(TornPacket::segmentCount).sum();
        assertThat(r.bytes.unattributable()).isLessThanOrEqualTo(8 * segments);
        assertThat(r.problems).allSatisfy(p -> assertThat(p.kind() == StreamProblem.Kind.GARBAGE
                || p.kind() == StreamProblem.Kind.TRUNCATED && r.bytes.unattributable() > 0
                        && plan.torn().contains(p.packetId())).as("%s", p).isTrue());
        VerdictBoard board = new VerdictBoard();
        byte[] s = plan.stream();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), board);
        v.feed(s, 0, s.length);
        v.finish();
        board.seal(plan.packets());
        VerdictCounts c = board.snapshotCounts();
        assertThat(c.intact() + c.torn()).isEqualTo(plan.packets());
        assertThat(c.missing() + c.duplicate() + c.pending()).isZero();
        for (long id = 0; id < plan.packets(); id++) {
            boolean inARow = plan.standsInARow(id);
            if (!plan.torn().contains(id)) {
                assertThat(inARow).as("#%d written in one go stands in a row", id).isTrue();
            }
            assertThat(board.verdict(id)).as("#%d", id).isEqualTo(inARow ? Verdict.INTACT : Verdict.TORN);
        }
        for (TornPacket t : r.torn) {
            long self = t.segments().stream().filter(g -> g.kind() == SpliceSegment.Kind.SELF)
                    .mapToLong(SpliceSegment::length).sum();
            assertThat(self).isLessThanOrEqualTo(24L + t.payloadLength());
            assertThat(t.complete()).isEqualTo(self == 24L + t.payloadLength());
            assertThat(t.segments().getFirst().from()).isZero();
        }
    }

    @Property(tries = 200)
    void garbageNeverHidesAVerdict(@ForAll("plansWithGarbage") Plan plan, @ForAll long chunkSeed) {
        Streams.Recorder r = feedRandomly(plan.stream(), chunkSeed);
        assertThat(r.bytes.received()).isEqualTo(plan.stream().length);
        assertThat(r.bytes.pending()).isZero();
        VerdictBoard board = new VerdictBoard();
        r.whole.forEach(id -> board.packetWhole(id, 0, 0));
        r.torn.forEach(board::packetTorn);
        board.seal(plan.packets());
        // Every packet was sent (its header whole, its pieces 16 bytes or more): garbage between them
        // hides none, so none is missing and each has the verdict the stream's bytes give it: intact
        // when its frame stands in a row from its header (always so when it was written in one go),
        // torn otherwise.
        assertThat(board.snapshotCounts().missing()).isZero();
        for (long id = 0; id < plan.packets(); id++) {
            boolean inARow = plan.standsInARow(id);
            if (!plan.torn().contains(id)) {
                assertThat(inARow).as("#%d written in one go stands in a row", id).isTrue();
            }
            assertThat(board.verdict(id)).as("#%d", id).isEqualTo(inARow ? Verdict.INTACT : Verdict.TORN);
        }
    }

    @Example
    void aPieceThatEndsAnotherPacketLeavesItsOwnerShort() {
        // Found by validTornStreamsGetExactlyTheRightVerdicts (seed 1071): #2's last 3 frame bytes
        // (196..198) equal #3's bytes 84..86, which came next; so #2 stands whole, #3's next 8 bytes
        // are nobody's, and #3 ends torn and short of its length.
        Plan plan = tornPlan(4, 1071, 300, false);
        assertThat(plan.torn()).containsExactlyInAnyOrder(2L, 3L);
        assertThat(plan.standsInARow(2)).isTrue();
        validTornStreamsGetExactlyTheRightVerdicts(plan, 0);
    }

    @Example
    void aPacketTornByItsOwnNextByteIsIntact() {
        // Found by garbageNeverHidesAVerdict (seed 425906005884766763). #5 (L = 2) is written as its
        // header and payload byte 0 (9E), then 106 bytes of #6 from its frame byte 81, then 5 garbage
        // bytes, then #5's payload byte 1 (37). #6's frame byte 81 is payload byte 57, byte 1 of its
        // word 7: 37 too. So #5's 26 bytes stand in a row from its header: INTACT, whole at its header,
        // and #6 is torn (its byte 81 went to #5) and resumes at its byte 82.
        Plan plan = tornPlan(8, 3164440532575746058L, 300, true);
        assertThat(plan.torn()).containsExactlyInAnyOrder(0L, 2L, 3L, 5L, 6L, 7L);
        assertThat(plan.lengths().get(5)).isEqualTo(2);
        int at = plan.headers().get(5);
        assertThat(plan.stream()[at + 25]).isEqualTo(WireFormat.payloadByte(6, 57)).isEqualTo(WireFormat.payloadByte(5, 1));
        assertThat(plan.standsInARow(5)).isTrue();

        List<long[]> wholeClaims = new ArrayList<>();
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), r);
        v.watchClaims((from, len, kind, id, frameFrom) -> {
            if (kind == SpliceSegment.Kind.WHOLE) {
                wholeClaims.add(new long[] {id, from, len});
            }
        });
        v.feed(plan.stream(), 0, plan.stream().length);
        v.finish();
        assertThat(wholeClaims).anySatisfy(c -> assertThat(c).containsExactly(5, at, 26));
        assertThat(r.whole).contains(5L);
        assertThat(r.torn).extracting(TornPacket::packetId).doesNotContain(5L);
        TornPacket six = r.torn(6);
        assertThat(six.complete()).isFalse();
        assertThat(six.segments()).filteredOn(g -> g.kind() == SpliceSegment.Kind.SELF)
                .extracting(SpliceSegment::from).contains(82L);
        for (long id = 0; id < plan.packets(); id++) {
            assertThat(r.whole.contains(id)).as("#%d", id).isEqualTo(plan.standsInARow(id));
        }
    }

    @Property(tries = 100)
    void openPacketsStayBounded(@ForAll @IntRange(min = 1, max = 4) int maxOpen, @ForAll @IntRange(min = 5, max = 40) int packets,
                                @ForAll long seed) {
        // More packets torn open at once than the table holds: each gets its header and a piece, then
        // all get their rest, so the oldest ones are closed as incomplete while the stream goes on.
        Random rnd = new Random(seed);
        Streams.Builder b = new Streams.Builder(packets);
        int[] cut = new int[packets];
        for (int id = 0; id < packets; id++) {
            cut[id] = 24 + 16 + rnd.nextInt(200);
            b.part(id, 300, 0, cut[id]);
        }
        for (int id = 0; id < packets; id++) {
            b.part(id, 300, cut[id], 324);
        }
        byte[] s = b.bytes();
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults().withMaxOpenPackets(maxOpen), r);
        int most = 0;
        for (int off = 0; off < s.length; ) {
            int n = Math.min(s.length - off, 1 + rnd.nextInt(64));
            v.feed(s, off, n);
            off += n;
            assertThat(v.openPackets()).isLessThanOrEqualTo(maxOpen);
            most = Math.max(most, v.openPackets());
        }
        v.finish();
        assertThat(most).isEqualTo(maxOpen);
        assertThat(v.openPackets()).isZero();
        assertThat(r.bytes.received()).isEqualTo(s.length);
        assertThat(r.bytes.pending()).isZero();
        // Every packet is reported torn (a packet closed early is reported again when its rest, named by
        // its payload words, comes and closes); the table was full at least once per packet past it.
        assertThat(r.torn).extracting(TornPacket::packetId).containsOnly(
                java.util.stream.LongStream.range(0, packets).boxed().toArray(Long[]::new));
        assertThat(r.problems(StreamProblem.Kind.OPEN_TABLE_FULL)).isGreaterThanOrEqualTo(packets - maxOpen);
    }
}
