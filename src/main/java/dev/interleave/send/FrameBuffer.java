package dev.interleave.send;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One sending thread's own frame, kept between packets and refreshed per packet. Payload word i of
 * packet p is {@code ((p << 32) ^ WORD_SALT) ^ i}: its low 32 bits (the last 4 bytes, big-endian)
 * never depend on p, so they are written once, and a packet rewrites only the header, the first 4
 * bytes of every word and the tail. Not thread-safe: owned by one writer.
 */
final class FrameBuffer {
    private final ByteBuffer buffer;
    private final byte[] header = new byte[WireFormat.HEADER_SIZE];
    private final int threadIndex;
    private final int payloadLength;
    private final int runIdLow;

    private FrameBuffer(ByteBuffer buffer, int threadIndex, int payloadLength, int runIdLow) {
        this.buffer = buffer.order(ByteOrder.BIG_ENDIAN);
        this.threadIndex = threadIndex;
        this.payloadLength = payloadLength;
        this.runIdLow = runIdLow;
        fillPayload(0); // every word's low half, once
    }

    /** A frame in a direct buffer: channels write it as is, a heap one would be copied on every write. */
    static FrameBuffer direct(int threadIndex, int payloadLength, int runIdLow) {
        return new FrameBuffer(ByteBuffer.allocateDirect(WireFormat.HEADER_SIZE + payloadLength), threadIndex,
                payloadLength, runIdLow);
    }

    /** A frame in a heap buffer, for OutputStream.write; its {@link #array()} is the frame. */
    static FrameBuffer heap(int threadIndex, int payloadLength, int runIdLow) {
        return new FrameBuffer(ByteBuffer.allocate(WireFormat.HEADER_SIZE + payloadLength), threadIndex,
                payloadLength, runIdLow);
    }

    /** Fills the frame of {@code packetId} and returns the buffer, positioned at 0 with the frame remaining. */
    ByteBuffer build(long packetId) {
        FrameHeader.encode(header, 0, packetId, threadIndex, payloadLength, runIdLow);
        ByteBuffer b = buffer;
        b.clear();
        b.put(0, header);
        int high = (int) (((packetId << 32) ^ WireFormat.WORD_SALT) >>> 32);
        int end = WireFormat.HEADER_SIZE + (payloadLength & ~7);
        for (int pos = WireFormat.HEADER_SIZE; pos < end; pos += 8) {
            b.putInt(pos, high);
        }
        putTail(packetId, end);
        return b;
    }

    private void fillPayload(long packetId) {
        long high = (packetId << 32) ^ WireFormat.WORD_SALT;
        int end = WireFormat.HEADER_SIZE + (payloadLength & ~7);
        int i = 0;
        for (int pos = WireFormat.HEADER_SIZE; pos < end; pos += 8, i++) {
            buffer.putLong(pos, high ^ i);
        }
        putTail(packetId, end);
    }

    // The last payloadLength % 8 bytes: the first bytes of one more word, all written per packet.
    private void putTail(long packetId, int end) {
        long tail = ((packetId << 32) ^ WireFormat.WORD_SALT) ^ (payloadLength >>> 3);
        for (int k = 0; k < (payloadLength & 7); k++) {
            buffer.put(end + k, (byte) (tail >>> (56 - 8 * k)));
        }
    }

    /** The frame's bytes, for a heap frame only (see {@link #heap}). */
    byte[] array() {
        return buffer.array();
    }

    /** Bytes in one frame. */
    int length() {
        return buffer.capacity();
    }
}
