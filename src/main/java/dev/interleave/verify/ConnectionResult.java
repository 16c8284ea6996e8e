package dev.interleave.verify;

import dev.interleave.protocol.Hello;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One finished connection of a {@link VerifierServer}. Immutable; any thread.
 *
 * @param connection       the server's connection number (1, 2, …)
 * @param hello            the Hello, or null (none, or a bad one)
 * @param remoteAddress    the peer, as text
 * @param end              why the connection ended
 * @param bytes            where its bytes went
 * @param counts           its verdict counts (missing counted against its Hello's expectedPackets)
 * @param torn             torn packets with details (bounded)
 * @param problems         the first problems with stream offsets
 * @param problemCounts    exact problem counts by kind
 * @param droppedMessages  live back-channel messages dropped because the sender did not read
 * @param summarySent      the final back-channel summary was written
 * @param seconds          from accept to close
 */
public record ConnectionResult(int connection, Hello hello, String remoteAddress, End end, ByteAccount bytes,
                               VerdictCounts counts, List<TornPacket> torn, List<StreamProblem> problems,
                               Map<StreamProblem.Kind, Long> problemCounts, long droppedMessages,
                               boolean summarySent, double seconds) {

    /** Why a connection ended. */
    public enum End {
        /** The sender half-closed: the normal end. */
        END_OF_STREAM,
        /** The peer vanished (reset, broken pipe). */
        RESET,
        /** No valid Hello within the deadline. */
        HELLO_TIMEOUT,
        /** The first 32 bytes were not a Hello: the connection was closed. */
        BAD_HELLO,
        /** The server was closed. */
        SERVER_CLOSED
    }

    public ConnectionResult {
        torn = List.copyOf(torn);
        problems = List.copyOf(problems);
        problemCounts = Map.copyOf(problemCounts);
    }

    /** One JSON object on one line (for the CLI's {@code serve}). Any thread. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"connection\":").append(connection)
                .append(",\"remote\":\"").append(escape(remoteAddress)).append('"')
                .append(",\"end\":\"").append(end).append('"');
        if (hello != null) {
            sb.append(",\"runId\":\"").append(Long.toHexString(hello.runId())).append('"')
                    .append(",\"expectedPackets\":").append(hello.expectedPackets())
                    .append(",\"threads\":").append(hello.threads());
        }
        sb.append(",\"verdicts\":{\"intact\":").append(counts.intact())
                .append(",\"torn\":").append(counts.torn())
                .append(",\"missing\":").append(counts.missing())
                .append(",\"duplicate\":").append(counts.duplicate())
                .append(",\"pending\":").append(counts.pending()).append('}');
        sb.append(",\"bytes\":{\"received\":").append(bytes.received())
                .append(",\"hello\":").append(bytes.hello())
                .append(",\"wholeFrames\":").append(bytes.wholeFrames())
                .append(",\"pieces\":").append(bytes.pieces())
                .append(",\"unattributable\":").append(bytes.unattributable()).append('}');
        sb.append(",\"problems\":{");
        boolean first = true;
        for (var e : new java.util.TreeMap<>(problemCounts).entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        sb.append("},\"torn\":[");
        first = true;
        for (TornPacket t : torn) {
            sb.append(first ? "" : ",").append("{\"packet\":").append(t.packetId())
                    .append(",\"thread\":").append(t.thread())
                    .append(",\"complete\":").append(t.complete())
                    .append(",\"splice\":\"").append(escape(t.describe())).append("\"}");
            first = false;
        }
        sb.append("],\"droppedMessages\":").append(droppedMessages)
                .append(",\"summarySent\":").append(summarySent)
                .append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", seconds)).append('}');
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
