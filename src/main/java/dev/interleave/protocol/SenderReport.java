package dev.interleave.protocol;

import static dev.interleave.protocol.WireFormat.INT_BE;
import static dev.interleave.protocol.WireFormat.LONG_BE;
import static dev.interleave.protocol.WireFormat.SHORT_BE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender report (docs/PROTOCOL.md, "Sender report"): what a sender counted of its own send calls,
 * written once after the last frame. Its numbers are the sender's claims, shown as such and never
 * used to decide a verdict. Immutable; any thread. Pure: no I/O.
 *
 * <pre>
 * 0  magic "ILVR" u32 | 4 version = 1 u16 | 6 threads T u16 (1..4096) | 8 runId u64
 * 16 description length D u16 (0..1024) | 18 reserved = 0 u16 | 20 CRC32C of bytes 0..19
 * 24 T x (packets, sendCalls, partialSends, wouldBlocks: 4 x u64) | D bytes UTF-8 | CRC32C of bytes 24..end-4
 * </pre>
 *
 * @param runId       the Hello's run id (all 64 bits), non-zero
 * @param threads     one entry per sending thread, 1..{@link #MAX_THREADS}
 * @param description what sent, e.g. "C, Win32 send() loop, Windows 10.0.19045"; any text, encoded as
 *                    UTF-8 and cut to {@link #MAX_DESCRIPTION_BYTES} on a code-point boundary
 */
public record SenderReport(long runId, List<ThreadCounts> threads, String description) {
    /** ASCII "ILVR". */
    public static final int MAGIC = 0x494C5652;
    public static final int VERSION = 1;
    public static final int MAX_THREADS = 4096;
    public static final int MAX_DESCRIPTION_BYTES = 1024;
    /** The fixed part before the per-thread counts, its CRC32C included. */
    public static final int HEADER_BYTES = 24;
    /** Bytes per thread: four u64 counts. */
    public static final int THREAD_BYTES = 32;
    /** The trailing CRC32C. */
    public static final int TRAILER_BYTES = 4;
    /** The longest record: 4,096 threads and a 1,024-byte description (132,124 bytes). */
    public static final int MAX_ENCODED_LENGTH = HEADER_BYTES + THREAD_BYTES * MAX_THREADS + MAX_DESCRIPTION_BYTES
            + TRAILER_BYTES;

    /**
     * One thread's counts. Each is an unsigned 64-bit count, or {@link #NOT_MEASURED} (all ones) when
     * the sender could not count it (e.g. sendCalls behind a library's sendall). Immutable; any thread.
     *
     * @param packets      frames the thread finished writing
     * @param sendCalls    send/write calls it made
     * @param partialSends calls that wrote fewer bytes than asked, but some
     * @param wouldBlocks  non-blocking calls that wrote nothing
     */
    public record ThreadCounts(long packets, long sendCalls, long partialSends, long wouldBlocks) {
        /** All ones on the wire (-1 as a Java long): the sender did not measure this count. */
        public static final long NOT_MEASURED = -1L;

        /** A thread that measured nothing. */
        public static ThreadCounts notMeasured() {
            return new ThreadCounts(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED);
        }

        /** True unless {@code count} is {@link #NOT_MEASURED}. Any thread. */
        public static boolean isMeasured(long count) {
            return count != NOT_MEASURED;
        }

        /** A count as text: its unsigned decimal value, or "not measured". Any thread. */
        public static String text(long count) {
            return isMeasured(count) ? Long.toUnsignedString(count) : "not measured";
        }
    }

    public SenderReport {
        if (runId == 0) {
            throw new IllegalArgumentException("runId must be non-zero");
        }
        if (threads == null || threads.isEmpty() || threads.size() > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ": "
                    + (threads == null ? "null" : threads.size()));
        }
        threads = List.copyOf(threads);
        if (description == null) {
            throw new IllegalArgumentException("description must not be null (use \"\")");
        }
    }

    /** Bytes of a record with {@code threads} threads and a description of {@code descriptionBytes} bytes. */
    public static int encodedLength(int threads, int descriptionBytes) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ": " + threads);
        }
        if (descriptionBytes < 0 || descriptionBytes > MAX_DESCRIPTION_BYTES) {
            throw new IllegalArgumentException("description bytes must be 0.." + MAX_DESCRIPTION_BYTES + ": "
                    + descriptionBytes);
        }
        return HEADER_BYTES + THREAD_BYTES * threads + descriptionBytes + TRAILER_BYTES;
    }

    /** The description as UTF-8, cut to at most 1,024 bytes before a code point that would not fit. */
    public byte[] descriptionBytes() {
        byte[] utf8 = description.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_DESCRIPTION_BYTES) {
            return utf8;
        }
        int cut = MAX_DESCRIPTION_BYTES;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) {
            cut--; // a continuation byte: the code point started before the cut
        }
        return java.util.Arrays.copyOf(utf8, cut);
    }

    /** The exact bytes of this record. Any thread. */
    public byte[] encode() {
        byte[] d = descriptionBytes();
        int t = threads.size();
        byte[] b = new byte[encodedLength(t, d.length)];
        INT_BE.set(b, 0, MAGIC);
        SHORT_BE.set(b, 4, (short) VERSION);
        SHORT_BE.set(b, 6, (short) t);
        LONG_BE.set(b, 8, runId);
        SHORT_BE.set(b, 16, (short) d.length);
        SHORT_BE.set(b, 18, (short) 0);
        INT_BE.set(b, 20, WireFormat.crc32c(b, 0, 20));
        int p = HEADER_BYTES;
        for (ThreadCounts c : threads) {
            LONG_BE.set(b, p, c.packets());
            LONG_BE.set(b, p + 8, c.sendCalls());
            LONG_BE.set(b, p + 16, c.partialSends());
            LONG_BE.set(b, p + 24, c.wouldBlocks());
            p += THREAD_BYTES;
        }
        System.arraycopy(d, 0, b, p, d.length);
        p += d.length;
        INT_BE.set(b, p, WireFormat.crc32c(b, HEADER_BYTES, p - HEADER_BYTES));
        return b;
    }

    /**
     * The description for display: control and format characters (line breaks, escapes, bidi
     * overrides), and malformed text, replaced by U+FFFD. Text only: never interpret it. Any thread.
     */
    public String sanitizedDescription() {
        StringBuilder sb = new StringBuilder(description.length());
        description.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean bad = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            sb.appendCodePoint(bad ? 0xFFFD : cp);
        });
        return sb.toString();
    }

    /** What is wrong with bytes that should be a sender report of a run. */
    public enum Problem {
        NONE, BAD_MAGIC, BAD_HEADER_CRC, BAD_VERSION, BAD_THREADS, BAD_DESCRIPTION_LENGTH, BAD_RESERVED,
        OTHER_RUN,
        /** Fewer bytes than the header's T and D call for. */
        TRUNCATED,
        /** The trailing CRC32C of the counts and description does not hold. */
        BAD_CRC
    }

    /**
     * Checks the 24-byte fixed part at {@code off} (the caller supplies 24 bytes) against the run:
     * magic, header CRC32C, version, 1 ≤ T ≤ 4,096, D ≤ 1,024, reserved 0, and all 64 bits of
     * {@code runId}. Never throws for any content. Any thread.
     */
    public static Problem checkHeader(byte[] src, int off, long runId) {
        if ((int) INT_BE.get(src, off) != MAGIC) {
            return Problem.BAD_MAGIC;
        }
        if ((int) INT_BE.get(src, off + 20) != WireFormat.crc32c(src, off, 20)) {
            return Problem.BAD_HEADER_CRC;
        }
        if (Short.toUnsignedInt((short) SHORT_BE.get(src, off + 4)) != VERSION) {
            return Problem.BAD_VERSION;
        }
        int t = Short.toUnsignedInt((short) SHORT_BE.get(src, off + 6));
        if (t < 1 || t > MAX_THREADS) {
            return Problem.BAD_THREADS;
        }
        if (Short.toUnsignedInt((short) SHORT_BE.get(src, off + 16)) > MAX_DESCRIPTION_BYTES) {
            return Problem.BAD_DESCRIPTION_LENGTH;
        }
        if ((short) SHORT_BE.get(src, off + 18) != 0) {
            return Problem.BAD_RESERVED;
        }
        if ((long) LONG_BE.get(src, off + 8) != runId) {
            return Problem.OTHER_RUN;
        }
        return Problem.NONE;
    }

    /**
     * The whole record's length from a fixed part that {@link #checkHeader} accepted: at most
     * {@link #MAX_ENCODED_LENGTH}. Any thread.
     */
    public static int recordLength(byte[] src, int off) {
        return encodedLength(Short.toUnsignedInt((short) SHORT_BE.get(src, off + 6)),
                Short.toUnsignedInt((short) SHORT_BE.get(src, off + 16)));
    }

    /**
     * Checks {@code len} bytes at {@code off} that should start with a record of this run: the fixed
     * part, then that the record fits in {@code len} (else {@link Problem#TRUNCATED}), then the
     * trailing CRC32C. Bytes after the record are ignored. Never throws for any content. Any thread.
     */
    public static Problem check(byte[] src, int off, int len, long runId) {
        if (len < HEADER_BYTES) {
            return len >= 4 && (int) INT_BE.get(src, off) != MAGIC ? Problem.BAD_MAGIC : Problem.TRUNCATED;
        }
        Problem p = checkHeader(src, off, runId);
        if (p != Problem.NONE) {
            return p;
        }
        int total = recordLength(src, off);
        if (len < total) {
            return Problem.TRUNCATED;
        }
        int body = total - HEADER_BYTES - TRAILER_BYTES;
        if ((int) INT_BE.get(src, off + total - TRAILER_BYTES) != WireFormat.crc32c(src, off + HEADER_BYTES, body)) {
            return Problem.BAD_CRC;
        }
        return Problem.NONE;
    }

    /**
     * Decodes the record at {@code off} ({@code len} bytes available). Allocates only after the
     * thread count and description length passed their limits. Any thread.
     *
     * @throws IllegalArgumentException when {@link #check} finds a problem (named in the message)
     */
    public static SenderReport decode(byte[] src, int off, int len, long runId) {
        Problem p = check(src, off, len, runId);
        if (p != Problem.NONE) {
            throw new IllegalArgumentException("not a valid sender report of run " + Long.toHexString(runId) + ": " + p);
        }
        int t = Short.toUnsignedInt((short) SHORT_BE.get(src, off + 6));
        int d = Short.toUnsignedInt((short) SHORT_BE.get(src, off + 16));
        List<ThreadCounts> counts = new ArrayList<>(t);
        int q = off + HEADER_BYTES;
        for (int i = 0; i < t; i++, q += THREAD_BYTES) {
            counts.add(new ThreadCounts((long) LONG_BE.get(src, q), (long) LONG_BE.get(src, q + 8),
                    (long) LONG_BE.get(src, q + 16), (long) LONG_BE.get(src, q + 24)));
        }
        return new SenderReport((long) LONG_BE.get(src, off + 8), counts, new String(src, q, d, StandardCharsets.UTF_8));
    }
}
