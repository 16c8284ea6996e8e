package dev.interleave.verify;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.SenderReport.ThreadCounts;
import dev.interleave.protocol.WireFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.interleave.verify.SpliceSegment.piece;
import static dev.interleave.verify.SpliceSegment.report;
import static dev.interleave.verify.SpliceSegment.self;
import static dev.interleave.verify.Streams.Builder;
import static dev.interleave.verify.Streams.Recorder;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender report in a stream (docs/PROTOCOL.md, "Sender report"): accounted, never a verdict. */
class SenderReportStreamTest {
    private static final int[] CHUNKS = {1, 2, 7, 23, 24, 25, 59, 60, 61, 64, 65, 1000, 1 << 20};

    static SenderReport senderReport(int threads, String description) {
        List<ThreadCounts> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(new ThreadCounts(t + 1, 10L * (t + 1), t % 3, t % 2 == 0 ? ThreadCounts.NOT_MEASURED : 0));
        }
        return new SenderReport(Streams.RUN_ID, counts, description);
    }

    /** The verifier and what it told its sink. */
    record Verified(StreamVerifier verifier, Recorder sink) {
    }

    static Verified verify(byte[] s, int chunk) {
        Recorder r = new Recorder();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), r);
        for (int off = 0; off < s.length; off += chunk) {
            v.feed(s, off, Math.min(chunk, s.length - off));
        }
        v.finish();
        assertThat(v.byteAccount()).isEqualTo(r.bytes);
        assertThat(r.bytes.received()).isEqualTo(s.length);
        assertThat(r.bytes.pending()).isZero();
        assertThat(r.bytes.hello() + r.bytes.wholeFrames() + r.bytes.pieces() + r.bytes.report()
                + r.bytes.unattributable()).isEqualTo(s.length);
        return new Verified(v, r);
    }

    /** Verifies at every chunk size and checks that every chunking tells the same story. */
    static Verified verifyAtEveryChunking(byte[] s) {
        Verified whole = verify(s, Integer.MAX_VALUE);
        for (int chunk : CHUNKS) {
            Verified v = verify(s, chunk);
            assertThat(v.sink().events).as("chunk %d", chunk).isEqualTo(whole.sink().events);
            assertThat(v.verifier().senderReport()).isEqualTo(whole.verifier().senderReport());
        }
        return whole;
    }

    @Test
    void reportAfterTheLastFrameIsReportBytes() {
        SenderReport rep = senderReport(3, "Java, SocketChannel, Linux 6.1");
        byte[] rb = rep.encode();
        byte[] s = new Builder(3).frame(0, 100).frame(1, 7).frame(2, 0).raw(rb).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.verifier().senderReport()).contains(rep);
        assertThat(v.sink().reports).containsExactly(rep);
        assertThat(v.sink().problems).isEmpty();
        assertThat(v.sink().whole).containsExactly(0L, 1L, 2L);
        assertThat(v.sink().bytes).isEqualTo(new ByteAccount(s.length, 32, 124 + 31 + 24, 0, rb.length, 0));
    }

    @Test
    void largestReportIsRecognised() {
        List<ThreadCounts> counts = new ArrayList<>();
        for (int t = 0; t < SenderReport.MAX_THREADS; t++) {
            counts.add(new ThreadCounts(t, t, t, t));
        }
        SenderReport rep = new SenderReport(Streams.RUN_ID, counts, "é".repeat(512));
        byte[] rb = rep.encode();
        assertThat(rb).hasSize(SenderReport.MAX_ENCODED_LENGTH);
        byte[] s = new Builder(1).frame(0, 10).raw(rb).frame(0, 10).bytes();
        for (int chunk : new int[] {1, 4096, 1 << 20}) {
            Verified v = verify(s, chunk);
            assertThat(v.verifier().senderReport()).contains(rep);
            assertThat(v.sink().bytes.report()).isEqualTo(rb.length);
            assertThat(v.sink().whole).containsExactly(0L, 0L);
        }
    }

    @Test
    void reportAfterTornPacketsWhileOneIsStillOpen() {
        // #1 torn by #2 and complete; #3's first piece, then the report, then #3's rest: the report is a
        // stretch of #3's splice, and #3's rest is still attributed.
        SenderReport rep = senderReport(2, "C, send()");
        byte[] rb = rep.encode();
        byte[] s = new Builder(4).part(1, 500, 0, 200).frame(2, 50).part(1, 500, 200, 524)
                .part(3, 300, 0, 100).raw(rb).part(3, 300, 100, 324).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.verifier().senderReport()).contains(rep);
        assertThat(v.sink().problems).isEmpty();
        assertThat(v.sink().torn(3).segments()).containsExactly(self(3, 0, 100), report(rb.length), self(3, 100, 324));
        assertThat(v.sink().torn(3).describe())
                .isEqualTo("bytes 0-99 of #3, then the sender report (" + rb.length + " bytes), then #3 from byte 100");
        assertThat(v.sink().bytes).isEqualTo(new ByteAccount(s.length, 32, 74, 524 + 324, rb.length, 0));
    }

    @Test
    void reportRightAfterAShortPieceKeepsThatPiece() {
        // 5 bytes of #1 after #2, then the report, then #1's rest: a short piece is believed only before
        // a boundary, and a report header is one.
        SenderReport rep = senderReport(1, "");
        byte[] rb = rep.encode();
        byte[] s = new Builder(3).part(1, 400, 0, 300).frame(2, 30).part(1, 400, 300, 305).raw(rb)
                .part(1, 400, 305, 424).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.sink().bytes.unattributable()).isZero();
        assertThat(v.sink().torn(1).segments()).containsExactly(self(1, 0, 300), SpliceSegment.whole(2),
                self(1, 300, 305), report(rb.length), self(1, 305, 424));
        assertThat(v.verifier().senderReport()).contains(rep);
    }

    @Test
    void reportOfAnotherRunIsUnattributable() {
        // Same low 32 bits as this run (frames would accept them), other high bits: not this run's report.
        SenderReport other = new SenderReport(Streams.RUN_ID ^ (1L << 48), senderReport(2, "x").threads(), "x");
        byte[] rb = other.encode();
        byte[] s = new Builder(1).frame(0, 10).raw(rb).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.verifier().senderReport()).isEmpty();
        assertThat(v.sink().reports).isEmpty();
        assertThat(v.sink().bytes).isEqualTo(new ByteAccount(s.length, 32, 34, 0, 0, rb.length));
        assertThat(v.sink().problems(StreamProblem.Kind.REPORT_REJECTED)).isOne();
        assertThat(v.sink().problems.getFirst().detail()).contains("OTHER_RUN");
    }

    @ParameterizedTest
    @ValueSource(ints = {21, 23, 30, 60, 90, 100})
    void reportWithABadCrcIsUnattributable(int flip) {
        SenderReport rep = senderReport(2, "some sender");
        byte[] rb = rep.encode();
        int at = Math.min(flip, rb.length - 1);
        rb[at] ^= 0x40;
        byte[] s = new Builder(2).frame(0, 10).raw(rb).frame(1, 10).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.verifier().senderReport()).isEmpty();
        assertThat(v.sink().whole).containsExactly(0L, 1L);
        assertThat(v.sink().bytes).isEqualTo(new ByteAccount(s.length, 32, 68, 0, 0, rb.length));
        assertThat(v.sink().problems(StreamProblem.Kind.REPORT_REJECTED)).isOne();
        String detail = v.sink().problems.stream().filter(p -> p.kind() == StreamProblem.Kind.REPORT_REJECTED)
                .findFirst().orElseThrow().detail();
        assertThat(detail).contains(at < 24 ? "BAD_HEADER_CRC" : "BAD_CRC");
    }

    @Test
    void streamEndingInsideAReportLeavesItsBytesUnattributable() {
        byte[] rb = senderReport(4, "cut short").encode();
        for (int cut : new int[] {1, 4, 10, 23, 24, 25, rb.length / 2, rb.length - 1}) {
            byte[] s = new Builder(1).frame(0, 10).raw(java.util.Arrays.copyOf(rb, cut)).bytes();
            Verified v = verifyAtEveryChunking(s);
            assertThat(v.verifier().senderReport()).isEmpty();
            assertThat(v.sink().bytes).as("cut %d", cut).isEqualTo(new ByteAccount(s.length, 32, 34, 0, 0, cut));
            if (cut >= 4) {
                assertThat(v.sink().problems(StreamProblem.Kind.REPORT_REJECTED)).isOne();
                assertThat(v.sink().problems.getFirst().detail()).contains("the stream ended " + cut + " bytes into");
            }
        }
    }

    @Test
    void secondReportIsUnattributableAndTheFirstCounts() {
        SenderReport first = senderReport(2, "first");
        SenderReport second = senderReport(3, "second");
        byte[] a = first.encode();
        byte[] b = second.encode();
        byte[] s = new Builder(1).frame(0, 10).raw(a).raw(b).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.verifier().senderReport()).contains(first);
        assertThat(v.sink().reports).containsExactly(first);
        assertThat(v.sink().bytes).isEqualTo(new ByteAccount(s.length, 32, 34, 0, a.length, b.length));
        assertThat(v.sink().problems).extracting(StreamProblem::kind).containsExactly(StreamProblem.Kind.REPEATED_REPORT);
        assertThat(v.sink().problems.getFirst().streamOffset()).isEqualTo(32 + 34 + a.length);
        assertThat(StreamProblem.Kind.REPEATED_REPORT.ordinal()).isEqualTo(13);
        assertThat(StreamProblem.Kind.REPORT_REJECTED.ordinal()).isEqualTo(12);
    }

    @Test
    void failedReportCandidatesDoNotHideALaterReport() {
        // 320 valid report headers in a row (CRC and run id right), each claiming the largest record, then
        // such a record whose trailing CRC fails: the first candidate fails its CRC, no candidate inside
        // its extent is tried again, and the real report after that extent still counts.
        byte[] good = new SenderReport(Streams.RUN_ID, java.util.Collections.nCopies(SenderReport.MAX_THREADS,
                ThreadCounts.notMeasured()), "z".repeat(1024)).encode();
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1;
        Builder b = new Builder(2).frame(0, 10);
        for (int i = 0; i < 320; i++) {
            b.raw(java.util.Arrays.copyOf(bad, SenderReport.HEADER_BYTES));
        }
        byte[] s = b.raw(bad).raw(good).frame(1, 10).bytes();
        for (int chunk : new int[] {1, 1 << 20}) {
            Verified v = verify(s, chunk);
            assertThat(v.verifier().senderReport()).contains(SenderReport.decode(good, 0, good.length, Streams.RUN_ID));
            assertThat(v.sink().whole).containsExactly(0L, 1L);
            assertThat(v.sink().bytes.report()).isEqualTo(good.length);
            assertThat(v.sink().bytes.unattributable()).isEqualTo(320 * 24 + bad.length);
        }
    }

    @Property(tries = 150)
    void bytesAroundAReportNeverBreakTheIdentity(@ForAll @Size(max = 300) byte[] before,
                                                 @ForAll @Size(max = 300) byte[] after, @ForAll long seed) {
        SenderReport rep = senderReport(1 + (int) Math.floorMod(seed, 5L), "prop");
        byte[] rb = rep.encode();
        byte[] s = new Builder(3).frame(0, 40).raw(before).frame(1, 40).raw(rb).raw(after).frame(2, 3).bytes();
        Random rnd = new Random(seed);
        Recorder r = new Recorder();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), r);
        for (int off = 0; off < s.length; ) {
            int n = Math.min(s.length - off, 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 200));
            v.feed(s, off, n);
            off += n;
        }
        v.finish();
        assertThat(r.bytes.received()).isEqualTo(s.length);
        assertThat(r.bytes.pending()).isZero();
        assertThat(r.events).isEqualTo(verify(s, Integer.MAX_VALUE).sink().events);
        assertThat(v.senderReport()).contains(rep);
        assertThat(r.bytes.report()).isEqualTo(rb.length);
        assertThat(r.whole).contains(1L);
    }

    @Test
    void magicAloneAtTheEndIsSaidToBeCutShort() {
        byte[] s = new Builder(1).frame(0, 0).raw(new byte[] {'I', 'L', 'V', 'R', 0, 1}).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.sink().problems(StreamProblem.Kind.REPORT_REJECTED)).isOne();
        assertThat(v.sink().bytes.unattributable()).isEqualTo(6);
        assertThat(WireFormat.getInt(s, s.length - 6)).isEqualTo(SenderReport.MAGIC);
    }

    @Test
    void reportBetweenPiecesOfTwoTornPacketsNamesItInBoth() {
        SenderReport rep = senderReport(1, "");
        byte[] rb = rep.encode();
        byte[] s = new Builder(3).part(1, 200, 0, 50).part(2, 200, 0, 60).raw(rb).part(1, 200, 50, 224)
                .part(2, 200, 60, 224).bytes();
        Verified v = verifyAtEveryChunking(s);
        assertThat(v.sink().torn(1).segments()).containsExactly(self(1, 0, 50), piece(2, 0, 60), report(rb.length),
                self(1, 50, 224));
        assertThat(v.sink().bytes.report()).isEqualTo(rb.length);
    }
}
