package dev.interleave.protocol;

import dev.interleave.protocol.SenderReport.ThreadCounts;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.interleave.protocol.SenderReport.ThreadCounts.NOT_MEASURED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderReportTest {
    private static final long RUN = 0x1234_5678_9ABC_DEF1L;

    /**
     * Written by hand from the table in docs/PROTOCOL.md ("Sender report"); the two CRC32C values were
     * computed once with a bitwise CRC32C written in Python (reflected polynomial 0x82F63B78, checked
     * against the standard check value CRC32C("123456789") = E3069283).
     */
    private static final byte[] GOLDEN = HexFormat.of().parseHex(""
            + "494C5652" + "0001" + "0002" + "123456789ABCDEF1" + "0009" + "0000" + "96890F73"
            // thread 0: packets 3, sendCalls 5, partialSends 1, wouldBlocks not measured
            + "0000000000000003" + "0000000000000005" + "0000000000000001" + "FFFFFFFFFFFFFFFF"
            // thread 1: packets 2, sendCalls 2, partialSends 0, wouldBlocks 0
            + "0000000000000002" + "0000000000000002" + "0000000000000000" + "0000000000000000"
            + "432C2073656E642829" // "C, send()"
            + "0582FC87");

    private static final SenderReport EXAMPLE = new SenderReport(RUN,
            List.of(new ThreadCounts(3, 5, 1, NOT_MEASURED), new ThreadCounts(2, 2, 0, 0)), "C, send()");

    @Test
    void encodesTheSpecsBytes() {
        assertThat(GOLDEN).hasSize(SenderReport.encodedLength(2, 9)).hasSize(24 + 64 + 9 + 4);
        assertThat(HexFormat.of().formatHex(EXAMPLE.encode())).isEqualTo(HexFormat.of().formatHex(GOLDEN));
    }

    @Test
    void decodesTheSpecsBytes() {
        assertThat(SenderReport.check(GOLDEN, 0, GOLDEN.length, RUN)).isEqualTo(SenderReport.Problem.NONE);
        SenderReport r = SenderReport.decode(GOLDEN, 0, GOLDEN.length, RUN);
        assertThat(r).isEqualTo(EXAMPLE);
        assertThat(ThreadCounts.isMeasured(r.threads().get(0).wouldBlocks())).isFalse();
        assertThat(ThreadCounts.isMeasured(r.threads().get(0).partialSends())).isTrue();
        assertThat(ThreadCounts.text(r.threads().get(0).wouldBlocks())).isEqualTo("not measured");
        assertThat(ThreadCounts.text(-2L)).isEqualTo("18446744073709551614");
        // Trailing bytes after the record are not the record's business.
        byte[] more = java.util.Arrays.copyOf(GOLDEN, GOLDEN.length + 7);
        assertThat(SenderReport.decode(more, 0, more.length, RUN)).isEqualTo(EXAMPLE);
    }

    @Test
    void sizesAndLimits() {
        assertThat(SenderReport.encodedLength(1, 0)).isEqualTo(60);
        assertThat(SenderReport.encodedLength(4096, 1024)).isEqualTo(SenderReport.MAX_ENCODED_LENGTH).isEqualTo(132_124);
        assertThatThrownBy(() -> SenderReport.encodedLength(0, 0)).hasMessageContaining("1..4096: 0");
        assertThatThrownBy(() -> SenderReport.encodedLength(4097, 0)).hasMessageContaining("4097");
        assertThatThrownBy(() -> SenderReport.encodedLength(1, 1025)).hasMessageContaining("0..1024: 1025");
        assertThatThrownBy(() -> new SenderReport(RUN, List.of(), "")).hasMessageContaining("1..4096: 0");
        assertThatThrownBy(() -> new SenderReport(0, List.of(ThreadCounts.notMeasured()), ""))
                .hasMessageContaining("non-zero");
        List<ThreadCounts> many = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            many.add(new ThreadCounts(i, i, 0, NOT_MEASURED));
        }
        SenderReport big = new SenderReport(RUN, many, "x".repeat(1024));
        byte[] b = big.encode();
        assertThat(b).hasSize(SenderReport.MAX_ENCODED_LENGTH);
        assertThat(SenderReport.decode(b, 0, b.length, RUN)).isEqualTo(big);
        many.add(ThreadCounts.notMeasured());
        assertThatThrownBy(() -> new SenderReport(RUN, many, "")).hasMessageContaining("4097");
    }

    @Test
    void descriptionIsCutOnACodePointBoundary() {
        // 1,023 ASCII bytes and a 3-byte euro sign: the sign does not fit and goes whole.
        String d = "a".repeat(1023) + "\u20AC" + "tail";
        SenderReport r = new SenderReport(RUN, List.of(ThreadCounts.notMeasured()), d);
        byte[] b = r.encode();
        assertThat(b).hasSize(SenderReport.encodedLength(1, 1023));
        assertThat(SenderReport.decode(b, 0, b.length, RUN).description()).isEqualTo("a".repeat(1023));
        // A 4-byte code point that ends exactly at byte 1,024 stays.
        String e = "b".repeat(1020) + "\uD83D\uDE00" + "c";
        byte[] eb = new SenderReport(RUN, List.of(ThreadCounts.notMeasured()), e).encode();
        assertThat(SenderReport.decode(eb, 0, eb.length, RUN).description()).isEqualTo("b".repeat(1020) + "\uD83D\uDE00");
    }

    @Test
    void sanitizedDescriptionReplacesControlCharacters() {
        SenderReport r = new SenderReport(RUN, List.of(ThreadCounts.notMeasured()),
                "ok\u001B[31m\r\nline\u202Eevil\u0000\u0085 \u00E9\u2028");
        assertThat(r.sanitizedDescription()).isEqualTo("ok\uFFFD[31m\uFFFD\uFFFDline\uFFFDevil\uFFFD\uFFFD \u00E9\uFFFD");
        // Malformed UTF-8 on the wire decodes to U+FFFD, never to something else.
        byte[] b = new SenderReport(RUN, List.of(ThreadCounts.notMeasured()), "abc").encode();
        b[24 + 32 + 1] = (byte) 0xC0;
        fixTrailer(b);
        assertThat(SenderReport.decode(b, 0, b.length, RUN).sanitizedDescription()).isEqualTo("a\uFFFDc");
    }

    @Test
    void everyBadFieldIsRejected() {
        assertThat(problemAfter(b -> b[0] = 'X', false)).isEqualTo(SenderReport.Problem.BAD_MAGIC);
        assertThat(problemAfter(b -> b[21] ^= 1, false)).isEqualTo(SenderReport.Problem.BAD_HEADER_CRC);
        assertThat(problemAfter(b -> b[5] = 2, true)).isEqualTo(SenderReport.Problem.BAD_VERSION);
        assertThat(problemAfter(b -> b[7] = 0, true)).isEqualTo(SenderReport.Problem.BAD_THREADS);
        assertThat(problemAfter(b -> { b[6] = 0x10; b[7] = 1; }, true)).isEqualTo(SenderReport.Problem.BAD_THREADS);
        assertThat(problemAfter(b -> { b[16] = 0x04; b[17] = 1; }, true))
                .isEqualTo(SenderReport.Problem.BAD_DESCRIPTION_LENGTH);
        assertThat(problemAfter(b -> b[19] = 1, true)).isEqualTo(SenderReport.Problem.BAD_RESERVED);
        assertThat(problemAfter(b -> b[15] ^= 1, true)).isEqualTo(SenderReport.Problem.OTHER_RUN);
        assertThat(problemAfter(b -> b[30] ^= 1, false)).isEqualTo(SenderReport.Problem.BAD_CRC);
        assertThat(problemAfter(b -> b[b.length - 1] ^= 1, false)).isEqualTo(SenderReport.Problem.BAD_CRC);
        // Only the low 32 bits of the run id agreeing is another run.
        assertThat(SenderReport.check(GOLDEN, 0, GOLDEN.length, RUN ^ (1L << 40))).isEqualTo(SenderReport.Problem.OTHER_RUN);
        for (int len = 0; len < GOLDEN.length; len++) {
            assertThat(SenderReport.check(GOLDEN, 0, len, RUN)).as("%d bytes", len).isEqualTo(SenderReport.Problem.TRUNCATED);
        }
        assertThatThrownBy(() -> SenderReport.decode(GOLDEN, 0, GOLDEN.length - 1, RUN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRUNCATED");
    }

    @Test
    void largeClaimsAreRejectedBeforeAnyAllocation() {
        // T = 65,535 and D = 65,535 in a header whose CRC holds: rejected on the fields, whatever follows.
        byte[] b = GOLDEN.clone();
        b[6] = (byte) 0xFF;
        b[7] = (byte) 0xFF;
        fixHeaderCrc(b);
        assertThat(SenderReport.checkHeader(b, 0, RUN)).isEqualTo(SenderReport.Problem.BAD_THREADS);
        b = GOLDEN.clone();
        b[16] = (byte) 0xFF;
        b[17] = (byte) 0xFF;
        fixHeaderCrc(b);
        assertThat(SenderReport.checkHeader(b, 0, RUN)).isEqualTo(SenderReport.Problem.BAD_DESCRIPTION_LENGTH);
    }

    @Property(tries = 300)
    void roundTrips(@ForAll @IntRange(min = 1, max = 40) int threads, @ForAll long seed,
                    @ForAll @IntRange(max = 1100) int descriptionLength) {
        java.util.Random rnd = new java.util.Random(seed);
        List<ThreadCounts> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(new ThreadCounts(rnd.nextLong(), rnd.nextBoolean() ? NOT_MEASURED : rnd.nextLong(),
                    rnd.nextInt(1000), rnd.nextBoolean() ? NOT_MEASURED : 0));
        }
        StringBuilder d = new StringBuilder();
        while (d.length() < descriptionLength) {
            d.appendCodePoint(switch (rnd.nextInt(4)) {
                case 0 -> 'a' + rnd.nextInt(26);
                case 1 -> 0xE9;
                case 2 -> 0x20AC;
                default -> 0x1F600;
            });
        }
        SenderReport r = new SenderReport(seed == 0 ? 1 : seed, counts, d.toString());
        byte[] b = r.encode();
        assertThat(b.length).isLessThanOrEqualTo(SenderReport.encodedLength(threads, SenderReport.MAX_DESCRIPTION_BYTES));
        SenderReport back = SenderReport.decode(b, 0, b.length, r.runId());
        assertThat(back.threads()).isEqualTo(counts);
        assertThat(r.description()).startsWith(back.description());
        assertThat(back.descriptionBytes()).isEqualTo(r.descriptionBytes());
        if (r.description().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1024) {
            assertThat(back).isEqualTo(r);
        }
    }

    private interface Edit {
        void apply(byte[] b);
    }

    /** Edits a copy of the golden record, optionally fixing its header CRC so the edit itself is judged. */
    private static SenderReport.Problem problemAfter(Edit edit, boolean fixCrc) {
        byte[] b = GOLDEN.clone();
        edit.apply(b);
        if (fixCrc) {
            fixHeaderCrc(b);
        }
        SenderReport.Problem whole = SenderReport.check(b, 0, b.length, RUN);
        if (fixCrc || whole != SenderReport.Problem.BAD_CRC) {
            assertThat(SenderReport.checkHeader(b, 0, RUN)).isEqualTo(whole);
        }
        assertThatThrownBy(() -> SenderReport.decode(b, 0, b.length, RUN)).hasMessageContaining(whole.name());
        return whole;
    }

    private static void fixHeaderCrc(byte[] b) {
        WireFormat.INT_BE.set(b, 20, WireFormat.crc32c(b, 0, 20));
    }

    private static void fixTrailer(byte[] b) {
        WireFormat.INT_BE.set(b, b.length - 4, WireFormat.crc32c(b, 24, b.length - 28));
    }
}
