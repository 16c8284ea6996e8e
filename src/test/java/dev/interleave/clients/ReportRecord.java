package dev.interleave.clients;

import dev.interleave.protocol.WireFormat;

import java.nio.charset.StandardCharsets;

/**
 * A sender report (wire format v1, "Sender report") read back from bytes a client wrote, strictly:
 * both CRC32Cs, version, reserved, the limits, and the exact length. The tests use it to check what
 * the clients write, byte for byte, independently of the verifier.
 *
 * @param threads     T
 * @param runId       the run id the report names
 * @param rows        per thread: packets, sendCalls, partialSends, wouldBlocks (-1 = all ones, not measured)
 * @param description the UTF-8 description
 */
record ReportRecord(int threads, long runId, long[][] rows, String description) {
    static final int MAGIC = 0x494C5652; // "ILVR"

    /** Reads the report that fills exactly {@code len} bytes at {@code off}; IllegalArgumentException says what is wrong. */
    static ReportRecord parse(byte[] b, int off, int len) {
        check(len >= 28, "a report is at least 28 bytes, not " + len);
        check(WireFormat.getInt(b, off) == MAGIC, "magic is not ILVR");
        check(u16(b, off + 4) == 1, "version " + u16(b, off + 4));
        int t = u16(b, off + 6);
        check(t >= 1 && t <= 4096, "threads " + t + " outside 1..4096");
        long runId = WireFormat.getLong(b, off + 8);
        int d = u16(b, off + 16);
        check(d <= 1024, "description length " + d + " over 1,024");
        check(u16(b, off + 18) == 0, "reserved is not 0");
        check(WireFormat.getInt(b, off + 20) == WireFormat.crc32c(b, off, 20), "header CRC32C does not match");
        int bodyLen = 32 * t + d;
        check(len == 24 + bodyLen + 4, "length " + len + " is not 24 + 32 x " + t + " + " + d + " + 4");
        check(WireFormat.getInt(b, off + 24 + bodyLen) == WireFormat.crc32c(b, off + 24, bodyLen),
                "body CRC32C does not match");
        long[][] rows = new long[t][4];
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < 4; k++) {
                rows[i][k] = WireFormat.getLong(b, off + 24 + 32 * i + 8 * k);
            }
        }
        String desc = new String(b, off + 24 + 32 * t, d, StandardCharsets.UTF_8);
        return new ReportRecord(t, runId, rows, desc);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("sender report: " + what);
        }
    }
}
