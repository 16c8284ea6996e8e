package dev.interleave.run;

import dev.interleave.protocol.Hello;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerdictSink;
import dev.interleave.verify.VerifierServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's verifier for outside senders: a {@link VerifierServer} on an address of this machine
 * (loopback unless told otherwise) whose next connection becomes an {@link OutsideRun}, verified live
 * with the same verifier, the same verdict board and the same per-byte work as the lab's own runs.
 *
 * <p>One sender at a time: while one is connected, another is refused at once with the protocol's
 * REFUSED message ("it verifies one sender at a time, and one is connected now: try again when that
 * run ends"), so a sender hears why instead of waiting. When a run ends the listener goes on: the next
 * connection is the next run. A connection that sends no valid Hello (garbage, a port probe, a sender
 * of another protocol) makes no run: the listener says why, in words, and goes on listening.
 *
 * <p>{@link #start}, {@link #close} and the accessors may be called from any thread. The
 * {@link Listener} is called on the connection's own thread, and must not block.
 */
public final class Listening implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

    /** What the listener hears, on a connection's thread (it must hand over, not block). */
    public interface Listener {
        /** A sender's Hello arrived: its run goes on; its {@link OutsideRun#completion()} tells the end. */
        void runArrived(OutsideRun run);

        /** A connection ended without becoming a run ({@code why}, in words); the listener goes on. */
        default void turnedAway(String remote, String why) {
        }
    }

    private final ListenAddress asked;
    private final Listener listener;
    private final AtomicReference<OutsideRun> current = new AtomicReference<>();
    /** The run of the connection whose thread this is: set at its Hello, taken at its end (same thread). */
    private final ThreadLocal<OutsideRun> ofThisConnection = new ThreadLocal<>();
    private volatile VerifierServer server;
    private volatile boolean closed;

    private Listening(ListenAddress asked, Listener listener) {
        this.asked = asked;
        this.listener = listener;
    }

    /**
     * Listens on {@code at} with the verifier's receive buffer and read throttle of the knobs (0: the OS
     * default, no limit). Throws an IOException whose message a person can act on ("port 11200 is in
     * use: is another verifier running? pick another port"). Any thread; may block on a name lookup.
     */
    public static Listening start(ListenAddress at, int receiveBuffer, double readThrottleMBps, Listener listener)
            throws IOException {
        return start(at, ServerConfig.defaults().withReceiveBufferSize(receiveBuffer)
                .withReadThrottleMBps(readThrottleMBps), listener);
    }

    /**
     * As {@link #start(ListenAddress, int, double, Listener)} over {@code base} (its timeouts and limits;
     * its address, port, connection limit and callbacks are this listener's). Any thread.
     */
    static Listening start(ListenAddress at, ServerConfig base, Listener listener) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(at.host());
        } catch (UnknownHostException e) {
            throw new IOException("cannot listen on '" + at.host() + "': no such address or host name here; "
                    + "use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)", e);
        }
        Listening l = new Listening(at, listener);
        try {
            l.server = VerifierServer.start(base.withBindAddress(address).withPort(at.port())
                    .withMaxConnections(1)
                    .withBoardChunkBits(VerdictBoard.LARGE_CHUNK_BITS) // one connection at a time, as a run's
                    .withBoardFor(l::arrived)
                    .withOnConnectionFinished(l::ended));
        } catch (IOException e) {
            throw new IOException(bindFailure(at, e), e);
        }
        LOG.info("listening for an outside sender on {}", l.where());
        return l;
    }

    /** Why binding {@code at} failed, in words a person can act on. Pure. */
    static String bindFailure(ListenAddress at, IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("in use")) {
            return "port " + at.port() + " is in use: is another verifier running? pick another port (0 = any free one)";
        }
        if (m.contains("assign requested address") || m.contains("not available")) {
            return at.host() + " is not an address of this machine: listen on 127.0.0.1 (this machine only) or "
                    + "0.0.0.0 (every interface)";
        }
        if (m.contains("permission denied") || m.contains("access")) {
            return "port " + at.port() + " needs privileges here: pick one above 1023 (0 = any free one)";
        }
        return "cannot listen on " + at + ": " + ConnectFailure.reason(e);
    }

    /** The address asked for (its port may be 0). Any thread. */
    public ListenAddress asked() {
        return asked;
    }

    /** The port listened on (the one the OS picked, for port 0). Any thread. */
    public int port() {
        return server.port();
    }

    /** Where senders connect: "127.0.0.1:11200" (the bound port). Any thread. */
    public String where() {
        return new ListenAddress(asked.host(), port()).toString();
    }

    /** The run going on, or null between runs. Any thread. */
    public OutsideRun current() {
        OutsideRun r = current.get();
        return r == null || r.completion().isDone() ? null : r;
    }

    /** Connections refused because a run was going on. Any thread. */
    public long refusedConnections() {
        return server.refusedConnections();
    }

    /** Stops listening: the run going on is cancelled (its result partial), and the port is free again. Any thread; idempotent. */
    @Override
    public void close() {
        closed = true;
        VerifierServer s = server;
        if (s != null) {
            s.close();
        }
        OutsideRun r = current.get();
        if (r != null) {
            r.abandon("the listener closed"); // if its connection's end never came (a thread that would not end)
        }
    }

    // ---------------------------------------------------------------- the server's callbacks (connection thread)

    private VerdictSink arrived(Hello hello) {
        VerifierServer s = server;
        OutsideRun run = new OutsideRun(hello, s::closeConnections, s::refusedConnections);
        ofThisConnection.set(run);
        current.set(run);
        if (closed) {
            run.cancel();
        } else {
            listener.runArrived(run);
        }
        return run.sink();
    }

    private void ended(ConnectionResult r) {
        OutsideRun run = ofThisConnection.get();
        ofThisConnection.remove();
        if (run != null) {
            run.finish(r);
            return;
        }
        if (r.end() == ConnectionResult.End.SERVER_CLOSED || closed) {
            return;
        }
        String why = turnedAwayWords(r);
        LOG.info("a connection from {} made no run: {}", r.remoteAddress(), why);
        listener.turnedAway(host(r.remoteAddress()), why);
    }

    /** Why a connection without a Hello made no run, in words. Pure. */
    static String turnedAwayWords(ConnectionResult r) {
        long received = r.bytes().received();
        return switch (r.end()) {
            case BAD_HELLO -> "its first 32 bytes were not a Hello (a sender starts with the wire format's Hello:"
                    + " docs/PROTOCOL.md)";
            case HELLO_TIMEOUT -> received == 0 ? "it sent nothing (" + r.endDetail() + ")"
                    : "it sent " + received + " bytes but no complete Hello (" + r.endDetail() + ")";
            case FAILED -> r.endDetail();
            default -> received == 0 ? "it closed without sending anything"
                    : "it closed after " + received + " bytes, before a complete Hello";
        };
    }

    /** "/127.0.0.1:5555" as "127.0.0.1:5555". Pure. */
    static String host(String remote) {
        return remote != null && remote.startsWith("/") ? remote.substring(1) : String.valueOf(remote);
    }
}
