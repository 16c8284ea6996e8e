package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;

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
 * @param endDetail        why it ended, in words a user can act on ("" for the normal end), e.g.
 *                         "no byte for 60 s after the Hello (idle timeout)"
 * @param untrackedEvents  packet events the verdict board could not store (ids past its memory budget):
 *                         those packets stay pending
 * @param backChannelError why writing the back channel failed, or "" (it did not)
 * @param senderReport     the sender's own report (its claims: shown, never used for a verdict), or null
 *                         when the sender wrote none
 * @param packets          the connection's packets from its verdict board, in id order ({@link #packets()})
 */
public record ConnectionResult(int connection, Hello hello, String remoteAddress, End end, ByteAccount bytes,
                               VerdictCounts counts, List<TornPacket> torn, List<StreamProblem> problems,
                               Map<StreamProblem.Kind, Long> problemCounts, long droppedMessages,
                               boolean summarySent, double seconds, String endDetail, long untrackedEvents,
                               String backChannelError, SenderReport senderReport, PacketListing packets) {

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
        SERVER_CLOSED,
        /** After the Hello, no byte arrived for the server's idle timeout: the connection was dropped. */
        IDLE_TIMEOUT,
        /** The verifier failed on this connection (out of memory, say); its resources were released. */
        FAILED
    }

    public ConnectionResult {
        torn = List.copyOf(torn);
        problems = List.copyOf(problems);
        problemCounts = Map.copyOf(problemCounts);
        endDetail = endDetail == null ? "" : endDetail;
        backChannelError = backChannelError == null ? "" : backChannelError;
        packets = packets == null ? PacketListing.NONE : packets;
    }

    /** A result without a packet listing (a test's, or one made where no board is at hand). */
    public ConnectionResult(int connection, Hello hello, String remoteAddress, End end, ByteAccount bytes,
                            VerdictCounts counts, List<TornPacket> torn, List<StreamProblem> problems,
                            Map<StreamProblem.Kind, Long> problemCounts, long droppedMessages, boolean summarySent,
                            double seconds, String endDetail, long untrackedEvents, String backChannelError,
                            SenderReport senderReport) {
        this(connection, hello, remoteAddress, end, bytes, counts, torn, problems, problemCounts, droppedMessages,
                summarySent, seconds, endDetail, untrackedEvents, backChannelError, senderReport, PacketListing.NONE);
    }

    /**
     * The connection's packets, read from its verdict board: readable while the server's
     * onConnectionFinished listener runs (the board's memory is the server's, counted in its budget
     * until the listener returns); after that {@link PacketListing#forEach} visits nothing and says
     * so, and the board's memory is free. A listener that wants the packets later copies them.
     */
    @Override
    public PacketListing packets() {
        return packets;
    }

    /** The sender's report, when it wrote one. */
    public java.util.Optional<SenderReport> report() {
        return java.util.Optional.ofNullable(senderReport);
    }
}
