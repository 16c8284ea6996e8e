package dev.interleave.verify;

import dev.interleave.protocol.Hello;

import java.util.List;
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
}
