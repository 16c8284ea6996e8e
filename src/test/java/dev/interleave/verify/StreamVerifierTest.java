package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static dev.interleave.verify.SpliceSegment.piece;
import static dev.interleave.verify.SpliceSegment.self;
import static dev.interleave.verify.SpliceSegment.unattributable;
import static dev.interleave.verify.SpliceSegment.whole;
import static dev.interleave.verify.Streams.Builder;
import static dev.interleave.verify.Streams.Recorder;
import static dev.interleave.verify.Streams.verify;
import static org.assertj.core.api.Assertions.assertThat;

class StreamVerifierTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 23, 24, 25, 31, 32, 33, 100, 4096, 1 << 20})
    void intactFramesAtAnyChunking(int chunk) {
        Builder b = new Builder(12);
        for (int id = 0; id < 12; id++) {
            b.frame(id, id); // L = 0..11: empty payload, tails of every length
        }
        b.frame(12, 100_000);
        byte[] s = b.bytes();
        Recorder r = verify(s, chunk);
        assertThat(r.whole).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(r.torn).isEmpty();
        assertThat(r.problems).extracting(StreamProblem::kind).containsExactly(StreamProblem.Kind.UNEXPECTED_ID);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, s.length - 32, 0, 0, 0));
        assertThat(r.events).first().asString().startsWith("hello");
    }

    @Test
    void byteBufferFeedingHeapAndDirect() {
        byte[] s = new Builder(2).frame(0, 1000).frame(1, 9).bytes();
        for (ByteBuffer buf : List.of(ByteBuffer.wrap(s), ByteBuffer.allocateDirect(s.length).put(s).flip())) {
            Recorder r = new Recorder();
            StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), r);
            v.feed(buf);
            v.finish();
            assertThat(buf.hasRemaining()).isFalse();
            assertThat(r.whole).containsExactly(0L, 1L);
            assertThat(r.bytes.wholeFrames()).isEqualTo(s.length - 32);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 64, 1 << 20})
    void tearWithAnotherPacketWholeInBetween(int chunk) {
        int len = 100_000;
        int k = 65_436; // frame offset 65,460 = payload byte 65,436
        byte[] s = new Builder(43).part(17, len, 0, 24 + k).frame(42, len).part(17, len, 24 + k, 24 + len).bytes();
        Recorder r = verify(s, chunk);
        assertThat(r.whole).containsExactly(42L);
        TornPacket t = r.torn(17);
        assertThat(t.complete()).isTrue();
        assertThat(t.thread()).isEqualTo(17 % 7);
        assertThat(t.segments()).containsExactly(self(17, 0, 65_460), whole(42), self(17, 65_460, 100_024));
        assertThat(t.describe()).isEqualTo("bytes 0-65,459 of #17, then #42 whole, then #17 from byte 65,460");
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 100_024, 100_024, 0, 0));
        assertThat(r.problems).isEmpty();
    }

    @Test
    void nestedTearsAreAttributedByteExactly() {
        int lp = 50_000, lq = 30_000;
        // p part, q part, r whole, q rest, garbage, p rest; q is torn inside p's tear.
        byte[] garbage = {1, 2, 3, 4, 5};
        byte[] s = new Builder(10).part(1, lp, 0, 10_000).part(2, lq, 0, 5_000).frame(3, 100)
                .part(2, lq, 5_000, 24 + lq).raw(garbage).part(1, lp, 10_000, 24 + lp).bytes();
        for (int chunk : new int[] {1, 5, 997, s.length}) {
            Recorder r = verify(s, chunk);
            assertThat(r.whole).containsExactly(3L);
            assertThat(r.torn(2).segments()).containsExactly(self(2, 0, 5_000), whole(3), self(2, 5_000, 24 + lq));
            assertThat(r.torn(1).segments()).containsExactly(self(1, 0, 10_000), piece(2, 0, 5_000), whole(3),
                    piece(2, 5_000, 24 + lq), unattributable(5), self(1, 10_000, 24 + lp));
            assertThat(r.torn(1).describe()).isEqualTo("bytes 0-9,999 of #1, then bytes 0-4,999 of #2, then #3 whole, "
                    + "then bytes 5,000-30,023 of #2, then 5 unattributable bytes, then #1 from byte 10,000");
            assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 124, lp + lq + 48, 0, 5));
            assertThat(r.problems).extracting(StreamProblem::kind).containsExactly(StreamProblem.Kind.GARBAGE);
            assertThat(r.problems.getFirst().streamOffset()).isEqualTo(32 + 10_000 + 5_000 + 124 + lq + 24 - 5_000);
        }
    }

    @Test
    void chanceMatchOfAnInterruptingHeaderIsSplitByteExactly() {
        int len = 4000;
        // p's payload byte k equals 'I' and byte k+1 equals 'L': the interrupting header starts "ILVF".
        int k = -1;
        for (int j = 0; j + 1 < len && k < 0; j++) {
            if (WireFormat.payloadByte(5, j) == 'I') {
                k = j;
            }
        }
        assertThat(k).isNotNegative();
        byte[] s = new Builder(9).part(5, len, 0, 24 + k).frame(8, 64).part(5, len, 24 + k, 24 + len).bytes();
        for (int chunk : new int[] {1, 2, 25, s.length}) {
            Recorder r = verify(s, chunk);
            assertThat(r.whole).containsExactly(8L);
            assertThat(r.torn(5).segments()).containsExactly(self(5, 0, 24 + k), whole(8), self(5, 24 + k, 24 + len));
            assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 88, 24 + len, 0, 0));
        }
    }

    @Test
    void bytesThatFitBothTheInterruptedAndTheInterruptingPieceAreNobodys() {
        // p torn at payload offset 200; later q's piece interrupts p at offset k where p's next bytes
        // equal q's first bytes (here 3: both at byte 4 of a word, whose low half 7F 4A 7C is shared by
        // all packets at that word index). Those bytes fit both: neither gets them.
        int lp = 3000, lq = 3000;
        int qAt = 100; // q continues at payload offset qAt
        byte qFirst = WireFormat.payloadByte(7, qAt);
        int k = Streams.payloadOffsetWithByte(6, 500, lp, qFirst);
        byte[] s = new Builder(8).part(6, lp, 0, 24 + 200).part(7, lq, 0, 24 + qAt)
                .part(6, lp, 24 + 200, 24 + k).part(7, lq, 24 + qAt, 24 + lq).part(6, lp, 24 + k, 24 + lp).bytes();
        int both = 0;
        while (WireFormat.payloadByte(6, k + both) == WireFormat.payloadByte(7, qAt + both)) {
            both++;
        }
        assertThat(both).isEqualTo(3);
        for (int chunk : new int[] {1, 3, s.length}) {
            Recorder r = verify(s, chunk);
            assertThat(r.torn(7).segments()).containsExactly(self(7, 0, 24 + qAt), piece(6, 224, 24 + k),
                    unattributable(both), self(7, 24 + qAt + both, 24 + lq));
            assertThat(r.torn(6).segments()).containsExactly(self(6, 0, 224), piece(7, 0, 24 + qAt), self(6, 224, 24 + k),
                    unattributable(both), piece(7, 24 + qAt + both, 24 + lq), self(6, 24 + k, 24 + lp));
            assertThat(r.torn(7).complete()).isFalse(); // its bytes qAt..qAt+2 were not told as its own
            assertThat(r.torn(6).complete()).isTrue();
            assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 0, lp + lq + 48 - both, 0, both));
        }
    }

    @Test
    void duplicatesAreReportedWholeTwice() {
        byte[] s = new Builder(2).frame(0, 50).frame(1, 50).frame(0, 50).bytes();
        VerdictBoard board = new VerdictBoard();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), board);
        v.feed(s, 0, s.length);
        v.finish();
        board.seal(2);
        assertThat(board.verdict(0)).isEqualTo(Verdict.DUPLICATE);
        assertThat(board.verdict(1)).isEqualTo(Verdict.INTACT);
        assertThat(board.snapshotCounts()).isEqualTo(new VerdictCounts(0, 1, 0, 0, 1));
    }

    @Test
    void garbageBetweenFramesIsUnattributableAndResynchronised() {
        byte[] g = "no frame here, just text!".getBytes();
        byte[] s = new Builder(2).frame(0, 33).raw(g).frame(1, 17).raw(new byte[] {0x49, 0x4C, 0x56, 0x46}).bytes();
        Recorder r = verify(s, 5);
        assertThat(r.whole).containsExactly(0L, 1L);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 57 + 41, 0, 0, g.length + 4));
        assertThat(r.problems).extracting(StreamProblem::kind, StreamProblem::streamOffset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(StreamProblem.Kind.GARBAGE, 32L + 57),
                        org.assertj.core.groups.Tuple.tuple(StreamProblem.Kind.GARBAGE, (long) s.length - 4));
    }

    @Test
    void truncationMidHeader() {
        byte[] s = new Builder(2).frame(0, 10).part(1, 10, 0, 13).bytes();
        Recorder r = verify(s, 4);
        assertThat(r.whole).containsExactly(0L);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 34, 0, 0, 13));
        assertThat(r.problems(StreamProblem.Kind.GARBAGE)).isOne();
    }

    @Test
    void truncationMidPayloadIsTornIncomplete() {
        byte[] s = new Builder(2).frame(0, 10).part(1, 1000, 0, 524).bytes();
        Recorder r = verify(s, 100);
        TornPacket t = r.torn(1);
        assertThat(t.complete()).isFalse();
        assertThat(t.segments()).containsExactly(self(1, 0, 524));
        assertThat(t.describe()).endsWith("(incomplete)");
        assertThat(r.problems(StreamProblem.Kind.TRUNCATED)).isOne();
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 34, 524, 0, 0));
    }

    @Test
    void incompleteTornPacketDropsTrailingSegmentsOfOthers() {
        byte[] s = new Builder(3).part(0, 1000, 0, 100).frame(1, 10).frame(2, 10).bytes();
        Recorder r = verify(s, 7);
        assertThat(r.torn(0).segments()).containsExactly(self(0, 0, 100));
        assertThat(r.torn(0).complete()).isFalse();
        assertThat(r.whole).containsExactly(1L, 2L);
    }

    @Test
    void fourGigabyteLengthClaimIsRejectedWithoutAllocating() {
        byte[] claim = Streams.header(3, 0, 0xFFFF_FFFF, (int) Streams.RUN_ID);
        byte[] s = new Builder(2).raw(claim).frame(0, 20).bytes();
        Recorder r = verify(s, 1);
        assertThat(r.problems(StreamProblem.Kind.LENGTH_OVER_LIMIT)).isOne();
        assertThat(r.whole).containsExactly(0L);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 44, 0, 0, 24));
    }

    @Test
    void badCrcIsRejected() {
        byte[] h = Streams.frame(1, 0, 8);
        h[21] ^= 1;
        byte[] s = new Builder(2).raw(h).frame(0, 8).bytes();
        Recorder r = verify(s, 3);
        assertThat(r.problems(StreamProblem.Kind.BAD_HEADER_CRC)).isOne();
        assertThat(r.whole).containsExactly(0L);
        assertThat(r.bytes.unattributable()).isEqualTo(32);
    }

    @Test
    void anotherRunsFrameIsUnattributableAndNamesNoPacket() {
        byte[] other = Streams.frame(1, 0, 300, 0x0BAD_F00D);
        byte[] s = new Builder(3).frame(0, 10).raw(other).frame(2, 10).bytes();
        Recorder r = verify(s, 11);
        assertThat(r.problems(StreamProblem.Kind.OTHER_RUN)).isOne();
        assertThat(r.problems(StreamProblem.Kind.ORPHAN_PIECE)).isZero();
        assertThat(r.torn).isEmpty();
        assertThat(r.whole).containsExactly(0L, 2L);
        assertThat(r.bytes.unattributable()).isEqualTo(324);
    }

    @Test
    void orphanPieceIsNamedByItsPayloadWords() {
        // Packet 1's header is lost (corrupted); its payload words still name it. Without its header
        // its length is not known, so where its frame ends cannot be told: the last word it reached
        // into is not claimed (the bytes after a frame may match its pattern by chance).
        byte[] f = Streams.frame(1, 0, 200);
        f[0] = 'X';
        byte[] s = new Builder(3).frame(0, 10).raw(f).frame(2, 10).bytes();
        Recorder r = verify(s, 1);
        assertThat(r.problems(StreamProblem.Kind.ORPHAN_PIECE)).isOne();
        assertThat(r.torn(1).segments()).containsExactly(self(1, 24, 216));
        assertThat(r.torn(1).thread()).isEqualTo(-1);
        assertThat(r.torn(1).payloadLength()).isEqualTo(-1);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 68, 192, 0, 24 + 8));
    }

    @Test
    void badHelloMakesEverythingUnattributable() {
        byte[] s = new Builder(1).frame(0, 10).bytes();
        s[3] = 0;
        Recorder r = verify(s, 6);
        assertThat(r.hello).isNull();
        assertThat(r.problems(StreamProblem.Kind.BAD_HELLO)).isOne();
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 0, 0, 0, 0, s.length));
    }

    @Test
    void shortHelloAndEmptyStream() {
        Recorder empty = verify(new byte[0], 1);
        assertThat(empty.problems(StreamProblem.Kind.SHORT_HELLO)).isOne();
        byte[] s = java.util.Arrays.copyOf(new Builder(1).bytes(), 20);
        Recorder r = verify(s, 3);
        assertThat(r.problems(StreamProblem.Kind.SHORT_HELLO)).isOne();
        assertThat(r.bytes).isEqualTo(new ByteAccount(20, 0, 0, 0, 0, 20));
    }

    @Test
    void openTableBoundClosesTheOldestAsIncomplete() {
        VerifierLimits small = VerifierLimits.defaults().withMaxOpenPackets(2);
        byte[] s = new Builder(4).part(0, 100, 0, 50).part(1, 100, 0, 50).part(2, 100, 0, 50).frame(3, 10)
                .part(1, 100, 50, 124).part(2, 100, 50, 124).bytes();
        Recorder r = verify(s, 9, small);
        assertThat(r.problems(StreamProblem.Kind.OPEN_TABLE_FULL)).isOne();
        assertThat(r.torn(0).complete()).isFalse();
        assertThat(r.torn(1).complete()).isTrue();
        assertThat(r.torn(2).complete()).isTrue();
        assertThat(r.bytes.pending()).isZero();
        assertThat(r.bytes.received()).isEqualTo(s.length);
    }

    @Test
    void segmentBoundKeepsCountsExact() {
        VerifierLimits lim = VerifierLimits.defaults().withDetails(3, 10, 10);
        Builder b = new Builder(20).part(0, 1000, 0, 100);
        for (int id = 1; id < 10; id++) {
            b.frame(id, 5);
        }
        byte[] s = b.part(0, 1000, 100, 1024).bytes();
        Recorder r = verify(s, 13, lim);
        TornPacket t = r.torn(0);
        assertThat(t.segments()).hasSize(3);
        assertThat(t.segmentCount()).isEqualTo(11);
        assertThat(t.truncated()).isTrue();
        assertThat(t.describe()).contains("11 segments in all");
    }

    /** A stream of every kind of damage in this class and its neighbours, with the Hello's expectedPackets. */
    record Scenario(String name, byte[] stream, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scenario> scenarios() {
        byte[] badCrc = Streams.frame(1, 0, 8);
        badCrc[21] ^= 1;
        byte[] orphan = Streams.frame(1, 0, 200);
        orphan[0] = 'X';
        byte[] badHello = new Builder(1).frame(0, 10).bytes();
        badHello[3] = 0;
        byte[] report = SenderReportStreamTest.senderReport(3, "every scenario").encode();
        return List.of(
                new Scenario("intact frames", new Builder(3).frame(0, 0).frame(1, 7).frame(2, 100_000).bytes(), 3),
                new Scenario("a tear with a whole packet between", new Builder(43).part(17, 100_000, 0, 65_460)
                        .frame(42, 100_000).part(17, 100_000, 65_460, 100_024).bytes(), 43),
                new Scenario("nested tears and garbage", new Builder(4).part(1, 50_000, 0, 10_000).part(2, 30_000, 0, 5_000)
                        .frame(3, 100).part(2, 30_000, 5_000, 30_024).raw(new byte[] {1, 2, 3, 4, 5})
                        .part(1, 50_000, 10_000, 50_024).bytes(), 4),
                new Scenario("garbage between frames", new Builder(2).frame(0, 33).raw("no frame here".getBytes())
                        .frame(1, 17).raw(new byte[] {0x49, 0x4C, 0x56, 0x46}).bytes(), 2),
                new Scenario("truncated in a header", new Builder(2).frame(0, 10).part(1, 10, 0, 13).bytes(), 2),
                new Scenario("truncated in a payload", new Builder(2).frame(0, 10).part(1, 1000, 0, 524).bytes(), 2),
                new Scenario("a 4 GiB length claim", new Builder(2).raw(Streams.header(3, 0, 0xFFFF_FFFF, (int) Streams.RUN_ID))
                        .frame(0, 20).frame(1, 0).bytes(), 2),
                new Scenario("a bad header CRC", new Builder(2).raw(badCrc).frame(0, 8).bytes(), 2),
                new Scenario("another run's frame", new Builder(3).frame(0, 10).raw(Streams.frame(1, 0, 300, 0x0BAD_F00D))
                        .frame(2, 10).bytes(), 3),
                new Scenario("an orphan piece", new Builder(3).frame(0, 10).raw(orphan).frame(2, 10).bytes(), 3),
                new Scenario("a bad Hello", badHello, 1),
                new Scenario("a short Hello", Arrays.copyOf(new Builder(1).bytes(), 20), 1),
                new Scenario("duplicates", new Builder(2).frame(0, 50).frame(1, 50).frame(0, 50).bytes(), 2),
                new Scenario("a split header", new Builder(4).frame(0, 100).part(1, 100, 0, 15).frame(2, 100)
                        .frame(3, 100).part(1, 100, 15, 124).bytes(), 4),
                new Scenario("a short payload piece", new Builder(4).part(1, 3000, 0, 524).frame(2, 100)
                        .part(1, 3000, 524, 531).frame(3, 64).part(1, 3000, 531, 3024).bytes(), 4),
                new Scenario("a packet left open", new Builder(3).part(0, 1000, 0, 100).frame(1, 10).frame(2, 10).bytes(), 3),
                new Scenario("a sender report", new Builder(2).frame(0, 40).part(1, 400, 0, 90).raw(report)
                        .part(1, 400, 90, 424).bytes(), 2),
                new Scenario("garbage only", new Builder(5).raw(new byte[3000]).bytes(), 5));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioAccountsForEveryByteAndGivesEveryPacketOneVerdict(Scenario sc) {
        byte[] s = sc.stream();
        Recorder whole = verify(s, Integer.MAX_VALUE);
        for (int chunk : new int[] {1, 2, 7, 64, 4096}) {
            Recorder r = verify(s, chunk);
            assertThat(r.events).as("chunk %d", chunk).isEqualTo(whole.events);
            assertThat(r.bytes).as("chunk %d", chunk).isEqualTo(whole.bytes);
        }
        ByteAccount b = whole.bytes;
        assertThat(b.received()).isEqualTo(s.length);
        assertThat(b.hello() + b.wholeFrames() + b.pieces() + b.report() + b.unattributable()).isEqualTo(s.length);
        VerdictBoard board = new VerdictBoard();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), board);
        v.feed(s, 0, s.length);
        v.finish();
        board.seal(sc.expected());
        assertThat(board.byteAccount()).isEqualTo(b);
        for (long id = 0; id < sc.expected(); id++) {
            assertThat(board.verdict(id)).as("#%d", id).isNotEqualTo(Verdict.PENDING);
        }
        assertThat(board.snapshotCounts().decided()).isEqualTo(sc.expected());
    }

    @Test
    void chanceMatchOfThePacketsLastByteIsGivenToTheInterruption() {
        // p's last payload byte equals 'I': an interrupting header that starts where that byte
        // should be must not make p look whole.
        int len = 1 + Streams.payloadOffsetWithByte(11, 200, 100_000, (byte) 'I');
        byte[] s = new Builder(13).part(11, len, 0, 24 + len - 1).frame(12, 40).part(11, len, 23 + len, 24 + len).bytes();
        for (int chunk : new int[] {1, 10, s.length}) {
            Recorder r = verify(s, chunk);
            assertThat(r.whole).containsExactly(12L);
            assertThat(r.torn(11).segments()).containsExactly(self(11, 0, 23 + len), whole(12), self(11, 23 + len, 24 + len));
            assertThat(r.torn(11).describe()).endsWith("then #11 from byte " + String.format(java.util.Locale.US, "%,d", 23 + len));
            assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 64, 24 + len, 0, 0));
        }
    }
}
