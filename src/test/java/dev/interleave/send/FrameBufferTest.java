package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The refreshed frame of the Java writers is byte for byte the wire format's frame, packet after packet. */
class FrameBufferTest {
    private static final long[] IDS = {0, 1, 77, 0xFFFF_FFFFL, 0x8000_0000L, 77, 0};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 100, 10_000, 65_537})
    void matchesEncodeFrame(int payload) {
        byte[] expected = new byte[WireFormat.HEADER_SIZE + payload];
        FrameBuffer direct = FrameBuffer.direct(5, payload, 0xCAFEBABE);
        FrameBuffer heap = FrameBuffer.heap(5, payload, 0xCAFEBABE);
        for (long id : IDS) {
            FrameHeader.encodeFrame(expected, id, 5, payload, 0xCAFEBABE);
            ByteBuffer b = direct.build(id);
            assertThat(b.position()).isZero();
            assertThat(b.remaining()).isEqualTo(expected.length).isEqualTo(direct.length());
            byte[] actual = new byte[b.remaining()];
            b.get(0, actual);
            assertThat(actual).as("direct, packet %d, payload %d", id, payload).isEqualTo(expected);
            heap.build(id);
            assertThat(heap.array()).as("heap, packet %d, payload %d", id, payload).isEqualTo(expected);
        }
    }
}
