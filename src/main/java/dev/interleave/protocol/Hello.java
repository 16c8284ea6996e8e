package dev.interleave.protocol;

import static dev.interleave.protocol.WireFormat.INT_BE;
import static dev.interleave.protocol.WireFormat.LONG_BE;
import static dev.interleave.protocol.WireFormat.SHORT_BE;

/**
 * The 32-byte Hello that opens every connection. Immutable; any thread.
 *
 * @param runId           random, non-zero
 * @param expectedPackets packets the sender will send, 0 when not known (unsigned 32-bit)
 * @param threads         sending threads (informational, unsigned 32-bit)
 */
public record Hello(long runId, long expectedPackets, long threads) {

    public Hello {
        if (runId == 0) {
            throw new IllegalArgumentException("runId must be non-zero");
        }
        if (expectedPackets < 0 || expectedPackets > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("expectedPackets out of range: " + expectedPackets);
        }
        if (threads < 0 || threads > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("threads out of range: " + threads);
        }
    }

    /** The low 32 bits of the run id, as every frame header of the run carries them. */
    public int runIdLow() {
        return (int) runId;
    }

    /** The 32 bytes of this Hello. */
    public byte[] encode() {
        byte[] b = new byte[WireFormat.HELLO_SIZE];
        encode(b, 0);
        return b;
    }

    /** Writes the 32 bytes of this Hello at {@code off}. */
    public void encode(byte[] dst, int off) {
        INT_BE.set(dst, off, WireFormat.HELLO_MAGIC);
        SHORT_BE.set(dst, off + 4, (short) WireFormat.VERSION);
        SHORT_BE.set(dst, off + 6, (short) 0);
        LONG_BE.set(dst, off + 8, runId);
        INT_BE.set(dst, off + 16, (int) expectedPackets);
        INT_BE.set(dst, off + 20, (int) threads);
        INT_BE.set(dst, off + 24, 0);
        INT_BE.set(dst, off + 28, WireFormat.crc32c(dst, off, 28));
    }

    /** What is wrong with 32 bytes that should be a Hello. */
    public enum Problem { NONE, BAD_MAGIC, BAD_VERSION, BAD_FLAGS, BAD_RESERVED, BAD_CRC, ZERO_RUN_ID }

    /** Checks 32 bytes at {@code off}; never throws for any content. */
    public static Problem check(byte[] src, int off) {
        if ((int) INT_BE.get(src, off) != WireFormat.HELLO_MAGIC) {
            return Problem.BAD_MAGIC;
        }
        if ((int) INT_BE.get(src, off + 28) != WireFormat.crc32c(src, off, 28)) {
            return Problem.BAD_CRC;
        }
        if (Short.toUnsignedInt((short) SHORT_BE.get(src, off + 4)) != WireFormat.VERSION) {
            return Problem.BAD_VERSION;
        }
        if ((short) SHORT_BE.get(src, off + 6) != 0) {
            return Problem.BAD_FLAGS;
        }
        if ((int) INT_BE.get(src, off + 24) != 0) {
            return Problem.BAD_RESERVED;
        }
        if ((long) LONG_BE.get(src, off + 8) == 0) {
            return Problem.ZERO_RUN_ID;
        }
        return Problem.NONE;
    }

    /** Decodes 32 bytes at {@code off} that {@link #check} accepted. */
    public static Hello decode(byte[] src, int off) {
        Problem p = check(src, off);
        if (p != Problem.NONE) {
            throw new IllegalArgumentException("not a valid Hello: " + p);
        }
        return new Hello((long) LONG_BE.get(src, off + 8),
                Integer.toUnsignedLong((int) INT_BE.get(src, off + 16)),
                Integer.toUnsignedLong((int) INT_BE.get(src, off + 20)));
    }
}
