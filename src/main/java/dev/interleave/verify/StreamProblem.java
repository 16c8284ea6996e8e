package dev.interleave.verify;

/**
 * Something wrong with the stream, reported (never thrown) by a {@link StreamVerifier}. Immutable;
 * any thread.
 *
 * @param kind         what went wrong
 * @param streamOffset offset in the connection's stream where it starts (the Hello is at 0)
 * @param packetId     the packet concerned, or -1
 * @param detail       a short human-readable detail
 */
public record StreamProblem(Kind kind, long streamOffset, long packetId, String detail) {

    /**
     * The problem in one line, as a run's result lists it: "GARBAGE at byte 667: 8 unattributable bytes",
     * "TRUNCATED at byte 675 (#3): stream ended inside packet #3". Pure.
     */
    public String inWords() {
        return kind + " at byte " + streamOffset + (packetId >= 0 ? " (#" + packetId + ")" : "")
                + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    /** Problem kinds; the ordinal is the back channel's byte code. */
    public enum Kind {
        /** The stream ended before 32 bytes of Hello (or carried nothing). */
        SHORT_HELLO,
        /** The first 32 bytes are not a valid Hello: the whole stream is unattributable. */
        BAD_HELLO,
        /** A run of bytes that is no frame of the run (resynchronised after it). */
        GARBAGE,
        /** Frame magic with a bad header CRC32C. */
        BAD_HEADER_CRC,
        /** A header with non-zero flags. */
        BAD_HEADER_FLAGS,
        /** A header claiming a payload above the limit (e.g. a 4 GiB claim). */
        LENGTH_OVER_LIMIT,
        /** A valid header of another run: its bytes are unattributable. */
        OTHER_RUN,
        /** The stream ended inside a frame. */
        TRUNCATED,
        /** Payload bytes of a packet identified from its payload words, without its header. */
        ORPHAN_PIECE,
        /** The open-packet table was full: the oldest open packet was closed as incomplete. */
        OPEN_TABLE_FULL,
        /** A packet id at or above the Hello's expectedPackets. */
        UNEXPECTED_ID,
        /** A second header of a packet that was still open. */
        REPEATED_HEADER,
        /**
         * Bytes that start with the sender report's magic but are no report of this run (a field out
         * of range, a CRC32C, another run's id, or the stream ended inside it): unattributable.
         */
        REPORT_REJECTED,
        /** A second valid sender report: the first one counts, this one's bytes are unattributable. */
        REPEATED_REPORT;

        private static final Kind[] BY_CODE = values();

        /** The kind for a byte code, or null. Any thread. */
        public static Kind ofCode(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    public StreamProblem {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        detail = detail == null ? "" : detail;
    }
}
