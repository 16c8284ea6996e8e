package dev.interleave.send.nativeio;

import dev.interleave.protocol.WireFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Writes wire-format v1 payload words straight into off-heap memory. Pure; any thread. */
final class FrameFill {
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private FrameFill() {
    }

    /** Writes the {@code len} payload bytes of {@code packetId} into {@code dst} at {@code off}. */
    static void payload(MemorySegment dst, long off, long packetId, int len) {
        long high = (packetId << 32) ^ WireFormat.WORD_SALT;
        int words = len >>> 3;
        long pos = off;
        for (int i = 0; i < words; i++) {
            dst.set(LONG_BE, pos, high ^ i);
            pos += 8;
        }
        for (int j = words << 3; j < len; j++) {
            dst.set(ValueLayout.JAVA_BYTE, pos++, WireFormat.payloadByte(packetId, j));
        }
    }
}
