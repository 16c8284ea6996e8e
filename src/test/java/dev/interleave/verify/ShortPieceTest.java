package dev.interleave.verify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.interleave.verify.SpliceSegment.piece;
import static dev.interleave.verify.SpliceSegment.self;
import static dev.interleave.verify.SpliceSegment.unattributable;
import static dev.interleave.verify.SpliceSegment.whole;
import static dev.interleave.verify.Streams.Builder;
import static dev.interleave.verify.Streams.Recorder;
import static dev.interleave.verify.Streams.verify;
import static org.assertj.core.api.Assertions.assertThat;

/** Pieces shorter than 16 bytes: inside payloads and inside headers (docs/PROTOCOL.md, "Short pieces"). */
class ShortPieceTest {
    private static final int[] CHUNKS = {1, 3, 24, 63, 64, 65, 1 << 20};

    private static void assertExact(Recorder r, byte[] s) {
        assertThat(r.bytes.received()).isEqualTo(s.length);
        assertThat(r.bytes.pending()).isZero();
        assertThat(r.bytes.unattributable()).isZero();
        assertThat(r.problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void shortPayloadPieceBetweenWholeFrames(int k) {
        int lp = 3000;
        int at = 500 + 37 * k; // any alignment
        byte[] s = new Builder(4).part(1, lp, 0, 24 + at).frame(2, 100).part(1, lp, 24 + at, 24 + at + k)
                .frame(3, 64).part(1, lp, 24 + at + k, 24 + lp).bytes();
        for (int chunk : CHUNKS) {
            Recorder r = verify(s, chunk);
            assertExact(r, s);
            assertThat(r.whole).containsExactly(2L, 3L);
            assertThat(r.torn(1).segments()).containsExactly(self(1, 0, 24 + at), whole(2),
                    self(1, 24 + at, 24 + at + k), whole(3), self(1, 24 + at + k, 24 + lp));
            assertThat(r.bytes.pieces()).isEqualTo(24 + lp);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8, 13, 15})
    void shortPayloadPieceFollowedByAnotherOpenPacketsContinuation(int k) {
        // p and q both torn; then k bytes of p, then q's rest, then p's rest.
        int lp = 2000, lq = 1500;
        byte[] s = new Builder(3).part(1, lp, 0, 300).part(2, lq, 0, 200).part(1, lp, 300, 300 + k)
                .part(2, lq, 200, 24 + lq).part(1, lp, 300 + k, 24 + lp).bytes();
        for (int chunk : CHUNKS) {
            Recorder r = verify(s, chunk);
            assertExact(r, s);
            assertThat(r.torn(1).segments()).containsExactly(self(1, 0, 300), piece(2, 0, 200),
                    self(1, 300, 300 + k), piece(2, 200, 24 + lq), self(1, 300 + k, 24 + lp));
            assertThat(r.torn(2).segments()).containsExactly(self(2, 0, 200), piece(1, 300, 300 + k),
                    self(2, 200, 24 + lq));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 11, 15, 16, 17, 20, 21, 22, 23})
    void splitHeaderWithWholeFramesInBetween(int h) {
        // As the kernel does it at 100-byte packets: a header torn after h bytes.
        byte[] s = new Builder(4).frame(0, 100).part(1, 100, 0, h).frame(2, 100).frame(3, 100)
                .part(1, 100, h, 124).bytes();
        for (int chunk : CHUNKS) {
            Recorder r = verify(s, chunk);
            assertExact(r, s);
            assertThat(r.whole).containsExactly(0L, 2L, 3L);
            TornPacket t = r.torn(1);
            assertThat(t.complete()).isTrue();
            assertThat(t.thread()).isEqualTo(1);
            assertThat(t.payloadLength()).isEqualTo(100);
            assertThat(t.segments()).containsExactly(self(1, 0, h), whole(2), whole(3), self(1, h, 124));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 64, 65, 1 << 20})
    void splitHeaderWhosePrefixIsFollowedByAnotherHeadersFirstBytes(int chunk) {
        // Issue 10: #7's first 8 header bytes, then another header's first two bytes "IL" (that packet
        // never continues), then other packets, then #7's remaining 16 header bytes and its 100,000-byte
        // payload in three pieces. Taking "IL" for #7's thread (bytes 0-9 of #7) was a guess; its
        // header then never joined, and the rest of its bytes were lost (~100 KB unattributable).
        int len = 100_000;
        byte[] s = new Builder(12).part(7, len, 0, 8).part(9, 50, 0, 2).frame(1, 60).frame(2, 70)
                .part(7, len, 8, 24 + 30_000).frame(3, 80).part(7, len, 24 + 30_000, 24 + 65_000).frame(4, 90)
                .part(7, len, 24 + 65_000, 24 + len).bytes();
        Recorder r = verify(s, chunk);
        assertThat(r.bytes.received()).isEqualTo(s.length);
        assertThat(r.bytes.pending()).isZero();
        assertThat(r.whole).containsExactly(1L, 2L, 3L, 4L);
        TornPacket t = r.torn(7);
        // No claim goes past #7's own first 8 bytes into the "IL".
        assertThat(t.segments()).noneMatch(g -> g.kind() == SpliceSegment.Kind.SELF && g.from() < 8 && g.to() > 8);
        // Its payload is told by its words: at most its header's bytes and the last word of each piece
        // (its length is not known without its header) are left.
        long selfBytes = t.segments().stream().filter(g -> g.kind() == SpliceSegment.Kind.SELF)
                .mapToLong(SpliceSegment::length).sum();
        assertThat(selfBytes).isGreaterThanOrEqualTo(len - 3 * 8);
        assertThat(r.bytes.unattributable()).isLessThanOrEqualTo(24 + 2 + 3 * 8);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 12, 15, 19, 22})
    void splitHeaderFollowedByAContinuationAndTwoSplitHeadersInARow(int h) {
        // p torn in its payload; q's header torn after h bytes; p's rest; r's header torn too; q's rest; r's rest.
        int lp = 1000;
        int g = 31 - h; // another cut for r
        byte[] s = new Builder(3).part(0, lp, 0, 517).part(1, 100, 0, h).part(0, lp, 517, 24 + lp)
                .part(2, 0, 0, g).part(1, 100, h, 124).part(2, 0, g, 24).bytes();
        for (int chunk : CHUNKS) {
            Recorder r = verify(s, chunk);
            assertExact(r, s);
            // A header prefix is proven when the rest of its header joins: splices told before then
            // (#0's, #1's) show it as unattributable bytes; those told after, as the packet's.
            assertThat(r.torn(0).segments()).containsExactly(self(0, 0, 517), unattributable(h), self(0, 517, 24 + lp));
            assertThat(r.torn(1).segments()).containsExactly(self(1, 0, h), piece(0, 517, 24 + lp), unattributable(g),
                    self(1, h, 124));
            assertThat(r.torn(2).segments()).containsExactly(self(2, 0, g), piece(1, h, 124), self(2, g, 24));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void shortPieceWhoseFirstBytesChanceMatchTheInterruptedPiece(int seed) {
        // The bytes after p's first piece are, by chance, what p expects next (payload words of nearby
        // ids share bytes); then a short piece of q, then a header. q's short piece fits p's pattern
        // as far as it goes: it cannot be told from p, so it is nobody's, and everything else is exact.
        int lp = 4000, lq = 4000;
        int qAt = 64 + seed;
        byte qFirst = dev.interleave.protocol.WireFormat.payloadByte(2, qAt);
        int at = Streams.payloadOffsetWithByte(1, 300 + 50 * seed, lp, qFirst);
        int k = 3 + seed;
        byte[] s = new Builder(4).part(2, lq, 0, 24 + qAt).part(1, lp, 0, 24 + at).part(2, lq, 24 + qAt, 24 + qAt + k)
                .frame(3, 10).part(1, lp, 24 + at, 24 + lp).part(2, lq, 24 + qAt + k, 24 + lq).bytes();
        for (int chunk : CHUNKS) {
            Recorder r = verify(s, chunk);
            assertThat(r.bytes.received()).isEqualTo(s.length);
            assertThat(r.bytes.pending()).isZero();
            assertThat(r.whole).containsExactly(3L);
            assertThat(r.bytes.unattributable()).as("unattributable").isLessThanOrEqualTo(k);
            // p's pieces end and resume within q's short piece, whose bytes p's pattern also has.
            SpliceSegment first = r.torn(1).segments().getFirst();
            SpliceSegment last = r.torn(1).segments().getLast();
            assertThat(first.from()).isZero();
            assertThat(first.to()).isBetween(24L + at, 24L + at + k);
            assertThat(last.from()).isBetween(first.to(), 24L + at + k);
            assertThat(last.to()).isEqualTo(24 + lp);
        }
    }
}
