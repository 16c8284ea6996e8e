package dev.interleave.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Wire format v1 (docs/PROTOCOL.md): the constants and the payload pattern. Pure functions, no I/O;
 * every class may call them from any thread.
 */
public final class WireFormat {
    /** ASCII "ILVH": the Hello. */
    public static final int HELLO_MAGIC = 0x494C5648;
    /** ASCII "ILVF": a frame header. */
    public static final int FRAME_MAGIC = 0x494C5646;
    public static final int VERSION = 1;
    public static final int HELLO_SIZE = 32;
    public static final int HEADER_SIZE = 24;
    /** Largest payload a frame may claim: 64 MiB. */
    public static final int MAX_PAYLOAD = 64 * 1024 * 1024;
    /** XORed into every payload word so that zero ids do not give zero bytes. */
    public static final long WORD_SALT = 0x9E3779B97F4A7C15L;
    /** Largest packet id: ids are unsigned 32-bit. */
    public static final long MAX_PACKET_ID = 0xFFFF_FFFFL;
    /** Largest thread index: an unsigned 16-bit field. */
    public static final int MAX_THREAD_INDEX = 0xFFFF;

    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private WireFormat() {
    }

    /** CRC32C (Castagnoli) of {@code len} bytes at {@code off}, as an unsigned 32-bit value in an int. */
    public static int crc32c(byte[] bytes, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, off, len);
        return (int) crc.getValue();
    }

    /** The 64-bit payload word {@code i} of packet {@code p}: {@code ((p << 32) | i) ^ WORD_SALT}. */
    public static long payloadWord(long packetId, long wordIndex) {
        return ((packetId << 32) | (wordIndex & 0xFFFF_FFFFL)) ^ WORD_SALT;
    }

    /** Payload byte {@code j} of packet {@code p}: byte {@code j mod 8} of word {@code j div 8}, big-endian. */
    public static byte payloadByte(long packetId, long offset) {
        long word = payloadWord(packetId, offset >>> 3);
        return (byte) (word >>> (56 - 8 * (int) (offset & 7)));
    }

    /** Packet id named by a payload word (the inverse of {@link #payloadWord}). */
    public static long packetOfWord(long word) {
        return (word ^ WORD_SALT) >>> 32;
    }

    /** Word index named by a payload word (the inverse of {@link #payloadWord}). */
    public static long indexOfWord(long word) {
        return (word ^ WORD_SALT) & 0xFFFF_FFFFL;
    }

    /** Reads a big-endian long at any offset of {@code bytes}. */
    public static long getLong(byte[] bytes, int off) {
        return (long) LONG_BE.get(bytes, off);
    }

    /** Reads a big-endian int at any offset of {@code bytes}. */
    public static int getInt(byte[] bytes, int off) {
        return (int) INT_BE.get(bytes, off);
    }

    /**
     * Writes {@code len} payload bytes of packet {@code packetId}, starting at payload offset
     * {@code payloadOffset}, into {@code dst} at {@code dstOff}. Whole words go out as one long store,
     * so a sender can rebuild a 64 MiB payload per packet at memory speed.
     */
    public static void fillPayload(byte[] dst, int dstOff, long packetId, long payloadOffset, int len) {
        int pos = dstOff;
        int end = dstOff + len;
        long off = payloadOffset;
        // Leading bytes up to a word boundary.
        while (pos < end && (off & 7) != 0) {
            dst[pos++] = payloadByte(packetId, off++);
        }
        long high = (packetId << 32) ^ WORD_SALT;
        long word = off >>> 3;
        while (end - pos >= 8) {
            LONG_BE.set(dst, pos, high ^ word);
            pos += 8;
            word++;
        }
        off = word << 3;
        while (pos < end) {
            dst[pos++] = payloadByte(packetId, off++);
        }
    }

    /** Length in bytes of the frame that carries a payload of {@code payloadLength} bytes. */
    public static long frameLength(long payloadLength) {
        return HEADER_SIZE + payloadLength;
    }
}
