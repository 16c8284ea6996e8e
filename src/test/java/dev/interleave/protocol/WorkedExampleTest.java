package dev.interleave.protocol;

import dev.interleave.verify.ByteAccount;
import dev.interleave.verify.StreamVerifier;
import dev.interleave.verify.Verdict;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerifierLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of docs/PROTOCOL.md §4 as literal bytes, so that the encoders and the parser are
 * checked against the spec rather than against each other. The CRC32C values were computed once with
 * a bitwise CRC32C written in Python (reflected polynomial 0x82F63B78), not with this code.
 */
class WorkedExampleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long RUN_ID = 0x1122_3344_0000_002AL;

    private static final byte[] HELLO = HEX.parseHex(
            "494C5648" + "0001" + "0000" + "112233440000002A" + "00000002" + "00000003" + "00000000" + "04E2A215");
    private static final byte[] HEADER = HEX.parseHex(
            "494C5646" + "00000001" + "0003" + "0000" + "00000014" + "0000002A" + "FF967AA5");
    private static final byte[] PAYLOAD = HEX.parseHex(
            "9E3779B87F4A7C15" + "9E3779B87F4A7C14" + "9E3779B8");

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void crc32cIsTheCastagnoliCrc() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(WireFormat.crc32c(check, 0, 9)).isEqualTo(0xE3069283);
        assertThat(WireFormat.crc32c(HELLO, 0, 28)).isEqualTo(0x04E2A215);
        assertThat(WireFormat.crc32c(HEADER, 0, 20)).isEqualTo(0xFF967AA5);
    }

    @Test
    void helloEncodesAndDecodesTheSpecsBytes() {
        Hello hello = new Hello(RUN_ID, 2, 3);
        assertThat(HEX.formatHex(hello.encode())).isEqualTo(HEX.formatHex(HELLO));
        assertThat(Hello.check(HELLO, 0)).isEqualTo(Hello.Problem.NONE);
        assertThat(Hello.decode(HELLO, 0)).isEqualTo(hello);
        assertThat(hello.runIdLow()).isEqualTo(0x2A);
    }

    @Test
    void headerEncodesAndDecodesTheSpecsBytes() {
        byte[] h = new byte[24];
        new FrameHeader(1, 3, 20, 0x2A).encode(h, 0);
        assertThat(HEX.formatHex(h)).isEqualTo(HEX.formatHex(HEADER));
        byte[] h2 = new byte[24 + 5];
        FrameHeader.encode(h2, 5, 1, 3, 20, 0x2A);
        assertThat(HEX.formatHex(h2, 5, 29)).isEqualTo(HEX.formatHex(HEADER));
        assertThat(FrameHeader.check(HEADER, 0, 0x2A, WireFormat.MAX_PAYLOAD)).isEqualTo(FrameHeader.Problem.NONE);
        assertThat(FrameHeader.decodeUnchecked(HEADER, 0)).isEqualTo(new FrameHeader(1, 3, 20, 0x2A));
    }

    @Test
    void payloadWordsAreTheSpecsBytes() {
        assertThat(WireFormat.payloadWord(1, 0)).isEqualTo(0x9E3779B87F4A7C15L);
        assertThat(WireFormat.payloadWord(1, 1)).isEqualTo(0x9E3779B87F4A7C14L);
        assertThat(WireFormat.payloadWord(1, 2)).isEqualTo(0x9E3779B87F4A7C17L);
        byte[] p = new byte[20];
        WireFormat.fillPayload(p, 0, 1, 0, 20);
        assertThat(HEX.formatHex(p)).isEqualTo(HEX.formatHex(PAYLOAD));
        for (int j = 0; j < 20; j++) {
            assertThat(WireFormat.payloadByte(1, j)).as("payload byte %d", j).isEqualTo(PAYLOAD[j]);
        }
        // The pattern from any offset, e.g. a piece that starts at payload byte 5.
        byte[] q = new byte[15];
        WireFormat.fillPayload(q, 0, 1, 5, 15);
        assertThat(HEX.formatHex(q)).isEqualTo(HEX.formatHex(PAYLOAD, 5, 20));
        assertThat(WireFormat.packetOfWord(0x9E3779B87F4A7C14L)).isEqualTo(1);
        assertThat(WireFormat.indexOfWord(0x9E3779B87F4A7C14L)).isEqualTo(1);
    }

    @Test
    void frameEncodesTheSpecsBytes() {
        byte[] f = new byte[44];
        assertThat(FrameHeader.encodeFrame(f, 1, 3, 20, 0x2A)).isEqualTo(44);
        assertThat(HEX.formatHex(f)).isEqualTo(HEX.formatHex(concat(HEADER, PAYLOAD)));
    }

    @Test
    void theVerifierReadsTheSpecsStreamAsOneIntactPacket() {
        byte[] stream = concat(HELLO, HEADER, PAYLOAD);
        assertThat(stream).hasSize(76);
        VerdictBoard board = new VerdictBoard();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), board);
        v.feed(stream, 0, stream.length);
        v.finish();
        board.seal(2);
        assertThat(v.hello()).isEqualTo(new Hello(RUN_ID, 2, 3));
        assertThat(v.byteAccount()).isEqualTo(new ByteAccount(76, 32, 44, 0, 0, 0));
        assertThat(board.verdict(1)).isEqualTo(Verdict.INTACT);
        assertThat(board.verdict(0)).isEqualTo(Verdict.MISSING);
        // One wrong payload byte (the tail's last) and the packet is no longer whole.
        byte[] bad = stream.clone();
        bad[75] ^= 1;
        VerdictBoard other = new VerdictBoard();
        StreamVerifier w = new StreamVerifier(VerifierLimits.defaults(), other);
        w.feed(bad, 0, bad.length);
        w.finish();
        assertThat(other.verdict(1)).isEqualTo(Verdict.TORN);
    }
}
