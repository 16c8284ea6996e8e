package dev.interleave.verify;

import java.util.Locale;

/**
 * One step of a torn packet's splice: a stretch of the stream between the packet's first and last
 * byte. Frame offsets count the 24 header bytes, so payload byte j is frame offset 24 + j. Immutable;
 * any thread.
 *
 * @param kind     what the stretch is
 * @param packetId the packet the stretch belongs to (SELF: the torn packet itself), -1 for unattributable
 * @param from     first frame offset (SELF, PIECE); 0 otherwise
 * @param to       frame offset after the last byte (SELF, PIECE); byte count for UNATTRIBUTABLE and REPORT;
 *                 0 for WHOLE
 */
public record SpliceSegment(Kind kind, long packetId, long from, long to) {

    /** Segment kinds; the ordinal is the back channel's byte code. */
    public enum Kind {
        /** A piece of the torn packet itself. */
        SELF,
        /** A piece of another packet. */
        PIECE,
        /** Another packet that arrived whole in between. */
        WHOLE,
        /** Bytes that belong to no frame of the run. */
        UNATTRIBUTABLE,
        /** The sender report (docs/PROTOCOL.md, "Sender report"). */
        REPORT
    }

    public static SpliceSegment self(long packetId, long from, long to) {
        return new SpliceSegment(Kind.SELF, packetId, from, to);
    }

    public static SpliceSegment piece(long packetId, long from, long to) {
        return new SpliceSegment(Kind.PIECE, packetId, from, to);
    }

    public static SpliceSegment whole(long packetId) {
        return new SpliceSegment(Kind.WHOLE, packetId, 0, 0);
    }

    public static SpliceSegment unattributable(long bytes) {
        return new SpliceSegment(Kind.UNATTRIBUTABLE, -1, 0, bytes);
    }

    public static SpliceSegment report(long bytes) {
        return new SpliceSegment(Kind.REPORT, -1, 0, bytes);
    }

    /** Bytes of the stream this segment covers (0 for WHOLE, whose length the segment does not keep). */
    public long length() {
        return switch (kind) {
            case SELF, PIECE -> to - from;
            case UNATTRIBUTABLE, REPORT -> to;
            case WHOLE -> 0;
        };
    }

    /** E.g. "bytes 0-65,459 of #17", "#42 whole", "12 unattributable bytes", "the sender report (156 bytes)". */
    public String describe() {
        return switch (kind) {
            case SELF, PIECE -> String.format(Locale.US, "bytes %,d-%,d of #%d", from, to - 1, packetId);
            case WHOLE -> "#" + packetId + " whole";
            case UNATTRIBUTABLE -> String.format(Locale.US, "%,d unattributable byte%s", to, to == 1 ? "" : "s");
            case REPORT -> String.format(Locale.US, "the sender report (%,d bytes)", to);
        };
    }
}
