package dev.interleave.send;

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

    /** Half-closes every connection (shutdownOutput) after the last packet. Control thread. */
    void finishSending() throws IOException;

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
