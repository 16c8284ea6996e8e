package dev.interleave.send.nativeio;

import dev.interleave.protocol.WireFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Writes wire-format v1 payload words straight into off-heap memory. Word i of packet p is
 * {@code ((p << 32) ^ WORD_SALT) ^ i}: its low 32 bits (its last 4 bytes, big-endian) never depend
 * on p, so a buffer that already holds a payload of the same length needs only the first 4 bytes of
 * each word and the tail rewritten ({@link #refresh}). Pure; any thread.
 */
final class FrameFill {
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private FrameFill() {
    }

    /** Writes the {@code len} payload bytes of {@code packetId} into {@code dst} at {@code off}. */
    static void payload(MemorySegment dst, long off, long packetId, int len) {
        long high = (packetId << 32) ^ WireFormat.WORD_SALT;
        long words = len >>> 3;
        for (long i = 0; i < words; i++) {
            dst.set(LONG_BE, off + (i << 3), high ^ i);
        }
        tail(dst, off, packetId, len);
    }

    /**
     * Turns the payload at {@code off}, which must already be the {@code len} bytes of some packet
     * (written by {@link #payload}), into the payload of {@code packetId}: half the stores.
     */
    static void refresh(MemorySegment dst, long off, long packetId, int len) {
        int high = (int) (((packetId << 32) ^ WireFormat.WORD_SALT) >>> 32);
        long words = len >>> 3;
        for (long i = 0; i < words; i++) {
            dst.set(INT_BE, off + (i << 3), high);
        }
        tail(dst, off, packetId, len);
    }

    // The last len % 8 bytes: the first bytes of one more word.
    private static void tail(MemorySegment dst, long off, long packetId, int len) {
        for (int j = len & ~7; j < len; j++) {
            dst.set(ValueLayout.JAVA_BYTE, off + j, WireFormat.payloadByte(packetId, j));
        }
    }
}
