package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct-buffer fill of the channel writers is byte for byte the wire format's frame. */
class DirectFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 100, 10_000, 65_537})
    void matchesEncodeFrame(int payload) {
        DirectFrame frame = new DirectFrame(5, payload, 0xCAFEBABE);
        byte[] expected = new byte[WireFormat.HEADER_SIZE + payload];
        for (long id : new long[] {0, 1, 77, 0xFFFF_FFFFL, 0x8000_0000L}) {
            ByteBuffer b = frame.build(id);
            assertThat(b.position()).isZero();
            assertThat(b.remaining()).isEqualTo(expected.length).isEqualTo(frame.length());
            byte[] actual = new byte[b.remaining()];
            b.get(0, actual);
            FrameHeader.encodeFrame(expected, id, 5, payload, 0xCAFEBABE);
            assertThat(actual).as("packet %d, payload %d", id, payload).isEqualTo(expected);
        }
    }
}
