package dev.interleave.send;

import dev.interleave.protocol.SenderReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The open connection(s) of one run. */
public interface SenderConnection extends AutoCloseable {

    /**
     * The writer of sending thread {@code threadIndex}, with its own frame buffer. Called once per
     * thread, on the control thread, before the start gate opens.
     */
    PacketWriter writer(int threadIndex);

    /**
     * Writes the sender report (docs/PROTOCOL.md §5a), unless it is null, then half-closes every
     * connection (shutdownOutput). One connection carries {@code report} as it is; where the run has
     * several, each carries the rows of the threads that wrote on it and all ones in the others'.
     * Control thread, once, after every sending thread has finished: the report's writes never meet a
     * sending thread's.
     *
     * @return the report bytes written, on all connections together
     */
    long finishSending(SenderReport report) throws IOException;

    /** The run id of the Hello written on every connection: the report's. Any thread. */
    long runId();

    /** What the writers call, for the report's description and its measured counts. Any thread. */
    WriteApi writeApi();

    /**
     * The verifier's result streams (docs/PROTOCOL.md, "Back channel"), one per connection, to be
     * read on a thread of the caller's own. A verifier that sends nothing back just ends them.
     */
    List<InputStream> resultStreams();

    /**
     * SO_SNDBUF and TCP_NODELAY of each connection as read back from the OS right after connect, in
     * connection order; empty when the strategy cannot tell. Any thread.
     */
    default List<AppliedOptions> appliedOptions() {
        return List.of();
    }

    /** Closes everything and unblocks any thread blocked in a write (cancel). Any thread; idempotent. */
    @Override
    void close();
}
