package dev.interleave.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void helloRoundTripAndLayout() {
        Hello h = new Hello(0x0102030405060708L, 10_000, 20);
        byte[] b = h.encode();
        assertThat(b).hasSize(32);
        assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ILVH");
        assertThat(WireFormat.getLong(b, 8)).isEqualTo(0x0102030405060708L);
        assertThat(WireFormat.getInt(b, 16)).isEqualTo(10_000);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 28);
        assertThat(WireFormat.getInt(b, 28)).isEqualTo((int) crc.getValue());
        assertThat(Hello.check(b, 0)).isEqualTo(Hello.Problem.NONE);
        assertThat(Hello.decode(b, 0)).isEqualTo(h);
        assertThat(h.runIdLow()).isEqualTo(0x05060708);
    }

    @Test
    void helloProblems() {
        byte[] b = new Hello(7, 0xFFFF_FFFFL, 1).encode();
        assertThat(Hello.decode(b, 0).expectedPackets()).isEqualTo(0xFFFF_FFFFL);
        byte[] bad = b.clone();
        bad[29] ^= 1;
        assertThat(Hello.check(bad, 0)).isEqualTo(Hello.Problem.BAD_CRC);
        byte[] noMagic = b.clone();
        noMagic[0] = 0;
        assertThat(Hello.check(noMagic, 0)).isEqualTo(Hello.Problem.BAD_MAGIC);
        assertThatThrownBy(() -> Hello.decode(noMagic, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hello(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerRoundTripAndChecks() {
        byte[] f = new byte[24 + 13];
        assertThat(FrameHeader.encodeFrame(f, 0xFFFF_FFFFL, 65535, 13, 0xCAFEBABE)).isEqualTo(37);
        assertThat(new String(f, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ILVF");
        assertThat(FrameHeader.check(f, 0, 0xCAFEBABE, WireFormat.MAX_PAYLOAD)).isEqualTo(FrameHeader.Problem.NONE);
        assertThat(FrameHeader.decodeUnchecked(f, 0)).isEqualTo(new FrameHeader(0xFFFF_FFFFL, 65535, 13, 0xCAFEBABE));
        assertThat(FrameHeader.check(f, 0, 1, WireFormat.MAX_PAYLOAD)).isEqualTo(FrameHeader.Problem.OTHER_RUN);
        assertThat(FrameHeader.check(f, 0, 0xCAFEBABE, 12)).isEqualTo(FrameHeader.Problem.LENGTH_OVER_LIMIT);
        byte[] bad = f.clone();
        bad[5] ^= 0x10;
        assertThat(FrameHeader.check(bad, 0, 0xCAFEBABE, WireFormat.MAX_PAYLOAD)).isEqualTo(FrameHeader.Problem.BAD_CRC);
        bad[0] = 'X';
        assertThat(FrameHeader.check(bad, 0, 0xCAFEBABE, WireFormat.MAX_PAYLOAD)).isEqualTo(FrameHeader.Problem.BAD_MAGIC);
    }

    @Test
    void payloadWordWorkedExample() {
        // Packet 1, word 2: ((1 << 32) | 2) ^ 0x9E3779B97F4A7C15 = 0x9E3779B87F4A7C17.
        assertThat(WireFormat.payloadWord(1, 2)).isEqualTo(0x9E3779B87F4A7C17L);
        assertThat(WireFormat.payloadByte(1, 16)).isEqualTo((byte) 0x9E);
        assertThat(WireFormat.payloadByte(1, 23)).isEqualTo((byte) 0x17);
        byte[] p = new byte[20];
        WireFormat.fillPayload(p, 0, 1, 0, 20);
        assertThat(WireFormat.getLong(p, 8)).isEqualTo(WireFormat.payloadWord(1, 1));
        // A 4-byte tail is the leading 4 bytes of word 2.
        assertThat(WireFormat.getInt(p, 16)).isEqualTo(0x9E3779B8);
    }

    @Property(tries = 500)
    void wordsNameTheirPacketAndIndex(@ForAll @LongRange(max = 0xFFFF_FFFFL) long p,
                                      @ForAll @LongRange(max = 0xFFFF_FFFFL) long i) {
        long w = WireFormat.payloadWord(p, i);
        assertThat(WireFormat.packetOfWord(w)).isEqualTo(p);
        assertThat(WireFormat.indexOfWord(w)).isEqualTo(i);
    }

    @Property(tries = 500)
    void fillPayloadAtAnyOffsetEqualsPayloadByte(@ForAll @LongRange(max = 0xFFFF_FFFFL) long p,
                                                 @ForAll @IntRange(max = 100_000) int offset,
                                                 @ForAll @IntRange(max = 70) int len,
                                                 @ForAll @IntRange(max = 9) int dstOff) {
        byte[] dst = new byte[dstOff + len + 3];
        WireFormat.fillPayload(dst, dstOff, p, offset, len);
        for (int k = 0; k < len; k++) {
            assertThat(dst[dstOff + k]).isEqualTo(WireFormat.payloadByte(p, offset + k));
        }
        assertThat(dst[dstOff + len]).isZero();
        for (int k = 0; k < dstOff; k++) {
            assertThat(dst[k]).isZero();
        }
    }

    @Property(tries = 200)
    void headerRoundTrips(@ForAll @LongRange(max = 0xFFFF_FFFFL) long id, @ForAll @IntRange(max = 65535) int thread,
                          @ForAll @IntRange(max = WireFormat.MAX_PAYLOAD) int len, @ForAll int run) {
        byte[] h = new byte[24];
        new FrameHeader(id, thread, len, run).encode(h, 0);
        assertThat(FrameHeader.check(h, 0, run, WireFormat.MAX_PAYLOAD)).isEqualTo(FrameHeader.Problem.NONE);
        assertThat(FrameHeader.decodeUnchecked(h, 0)).isEqualTo(new FrameHeader(id, thread, len, run));
        for (int bit = 0; bit < 20 * 8; bit += 7) {
            byte[] bad = h.clone();
            bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
            assertThat(FrameHeader.check(bad, 0, run, WireFormat.MAX_PAYLOAD)).isNotEqualTo(FrameHeader.Problem.NONE);
        }
    }
}
