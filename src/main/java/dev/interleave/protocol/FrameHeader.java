package dev.interleave.protocol;

import static dev.interleave.protocol.WireFormat.INT_BE;
import static dev.interleave.protocol.WireFormat.SHORT_BE;

/**
 * The 24-byte header of one frame. Immutable; any thread.
 *
 * @param packetId      unsigned 32-bit, unique within the run
 * @param threadIndex   unsigned 16-bit, the sending thread
 * @param payloadLength 0..{@link WireFormat#MAX_PAYLOAD}
 * @param runIdLow      low 32 bits of the run id
 */
public record FrameHeader(long packetId, int threadIndex, int payloadLength, int runIdLow) {

    public FrameHeader {
        if (packetId < 0 || packetId > WireFormat.MAX_PACKET_ID) {
            throw new IllegalArgumentException("packetId out of range: " + packetId);
        }
        if (threadIndex < 0 || threadIndex > WireFormat.MAX_THREAD_INDEX) {
            throw new IllegalArgumentException("threadIndex out of range: " + threadIndex);
        }
        if (payloadLength < 0 || payloadLength > WireFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payloadLength out of range: " + payloadLength);
        }
    }

    /** Writes the 24 header bytes at {@code off}. */
    public void encode(byte[] dst, int off) {
        encode(dst, off, packetId, threadIndex, payloadLength, runIdLow);
    }

    /** Writes a header without allocating a record: the send path calls this once per packet. */
    public static void encode(byte[] dst, int off, long packetId, int threadIndex, int payloadLength, int runIdLow) {
        INT_BE.set(dst, off, WireFormat.FRAME_MAGIC);
        INT_BE.set(dst, off + 4, (int) packetId);
        SHORT_BE.set(dst, off + 8, (short) threadIndex);
        SHORT_BE.set(dst, off + 10, (short) 0);
        INT_BE.set(dst, off + 12, payloadLength);
        INT_BE.set(dst, off + 16, runIdLow);
        INT_BE.set(dst, off + 20, WireFormat.crc32c(dst, off, 20));
    }

    /**
     * Builds a whole frame (header and payload) into {@code dst} at offset 0; {@code dst} must hold
     * {@code 24 + payloadLength} bytes. Returns the frame length.
     */
    public static int encodeFrame(byte[] dst, long packetId, int threadIndex, int payloadLength, int runIdLow) {
        encode(dst, 0, packetId, threadIndex, payloadLength, runIdLow);
        WireFormat.fillPayload(dst, WireFormat.HEADER_SIZE, packetId, 0, payloadLength);
        return WireFormat.HEADER_SIZE + payloadLength;
    }

    /** What is wrong with 24 bytes that should be a header of this run. */
    public enum Problem { NONE, BAD_MAGIC, BAD_CRC, BAD_FLAGS, LENGTH_OVER_LIMIT, OTHER_RUN }

    /**
     * Checks 24 bytes at {@code off} against the run and a payload limit; never throws for any
     * content and never trusts the length it reads.
     */
    public static Problem check(byte[] src, int off, int runIdLow, long maxPayload) {
        if ((int) INT_BE.get(src, off) != WireFormat.FRAME_MAGIC) {
            return Problem.BAD_MAGIC;
        }
        if ((int) INT_BE.get(src, off + 20) != WireFormat.crc32c(src, off, 20)) {
            return Problem.BAD_CRC;
        }
        if ((short) SHORT_BE.get(src, off + 10) != 0) {
            return Problem.BAD_FLAGS;
        }
        long length = Integer.toUnsignedLong((int) INT_BE.get(src, off + 12));
        if (length > Math.min(maxPayload, WireFormat.MAX_PAYLOAD)) {
            return Problem.LENGTH_OVER_LIMIT;
        }
        if ((int) INT_BE.get(src, off + 16) != runIdLow) {
            return Problem.OTHER_RUN;
        }
        return Problem.NONE;
    }

    /** Decodes 24 bytes without checking them (use {@link #check} first). */
    public static FrameHeader decodeUnchecked(byte[] src, int off) {
        return new FrameHeader(Integer.toUnsignedLong((int) INT_BE.get(src, off + 4)),
                Short.toUnsignedInt((short) SHORT_BE.get(src, off + 8)),
                (int) Math.min(Integer.toUnsignedLong((int) INT_BE.get(src, off + 12)), WireFormat.MAX_PAYLOAD),
                (int) INT_BE.get(src, off + 16));
    }
}
