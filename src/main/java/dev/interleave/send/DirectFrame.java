package dev.interleave.send;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One sending thread's own frame in a direct buffer, rebuilt per packet. Channels write a direct
 * buffer as is; a heap buffer would be copied into a temporary direct one on every write call.
 * Not thread-safe: owned by one writer.
 */
final class DirectFrame {
    private final ByteBuffer buffer;
    private final byte[] header = new byte[WireFormat.HEADER_SIZE];
    private final int threadIndex;
    private final int payloadLength;
    private final int runIdLow;

    DirectFrame(int threadIndex, int payloadLength, int runIdLow) {
        this.threadIndex = threadIndex;
        this.payloadLength = payloadLength;
        this.runIdLow = runIdLow;
        this.buffer = ByteBuffer.allocateDirect(WireFormat.HEADER_SIZE + payloadLength).order(ByteOrder.BIG_ENDIAN);
    }

    /** Fills the frame of {@code packetId} and returns the buffer, positioned at 0 with the frame remaining. */
    ByteBuffer build(long packetId) {
        FrameHeader.encode(header, 0, packetId, threadIndex, payloadLength, runIdLow);
        ByteBuffer b = buffer;
        b.clear();
        b.put(0, header);
        // Word i of the payload is ((p << 32) | i) ^ salt; i < 2^32 so the OR is an XOR.
        long high = (packetId << 32) ^ WireFormat.WORD_SALT;
        int words = payloadLength >>> 3;
        int pos = WireFormat.HEADER_SIZE;
        for (int i = 0; i < words; i++, pos += 8) {
            b.putLong(pos, high ^ i);
        }
        long tail = high ^ words;
        for (int k = 0; k < (payloadLength & 7); k++) {
            b.put(pos + k, (byte) (tail >>> (56 - 8 * k)));
        }
        return b;
    }

    /** Bytes in one frame. */
    int length() {
        return buffer.capacity();
    }
}
