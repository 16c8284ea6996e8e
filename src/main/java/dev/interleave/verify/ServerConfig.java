package dev.interleave.verify;

import dev.interleave.protocol.Hello;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a {@link VerifierServer} listens and verifies, and what it may spend on its peers. Immutable;
 * any thread. Start from {@link #defaults()} and use the {@code with…} copies.
 *
 * @param bindAddress             address to bind (default 127.0.0.1)
 * @param port                    port, 0 = any free port
 * @param receiveBufferSize       SO_RCVBUF set before bind, 0 = the OS default
 * @param readThrottleMBps        read pacing in MB/s (10^6 bytes) per connection, 0 = none; provokes back-pressure
 * @param maxConnections          concurrent connections; extra ones are refused (told why on the back channel)
 * @param helloTimeout            time a connection has to deliver a valid Hello
 * @param idleTimeout             after the Hello, time a connection may stay silent before it is dropped
 * @param summaryTimeout          time the final back-channel messages get before the connection is closed
 * @param backChannelBytes        back-channel bytes queued per connection before live messages are dropped
 * @param readBufferSize          bytes per read
 * @param limits                  verifier limits per connection
 * @param boardFor                per Hello, a sink that also receives the connection's verdicts (null: none)
 * @param onConnectionFinished    called with each finished connection's result (on its connection thread)
 * @param boardChunkBits          chunk size of each connection's verdict board ({@link VerdictBoard#SMALL_CHUNK_BITS}
 *                                for a server of many connections, {@link VerdictBoard#LARGE_CHUNK_BITS} in a run's
 *                                own process)
 * @param boardBytesPerConnection heap one connection's verdict board may take (ids past it are untracked)
 * @param boardBytesTotal         heap all connections' verdict boards may take together
 * @param boardBytesReserved      heap each connection's board may take even when the total is spent (on
 *                                top of it), so that peers who spend it cannot starve a small honest run
 * @param spliceSegmentsTotal     splice segments all connections may keep in torn packets' details together
 *                                (past it a torn packet is reported without details; counts stay exact)
 */
public record ServerConfig(InetAddress bindAddress, int port, int receiveBufferSize, double readThrottleMBps,
                           int maxConnections, Duration helloTimeout, Duration idleTimeout, Duration summaryTimeout,
                           long backChannelBytes, int readBufferSize, VerifierLimits limits,
                           Function<Hello, VerdictSink> boardFor, Consumer<ConnectionResult> onConnectionFinished,
                           int boardChunkBits, long boardBytesPerConnection, long boardBytesTotal,
                           long boardBytesReserved, long spliceSegmentsTotal) {

    /** The longest idle timeout: a day. */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(1);

    public ServerConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("bindAddress");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (receiveBufferSize < 0) {
            throw new IllegalArgumentException("receiveBufferSize must be ≥ 0: " + receiveBufferSize);
        }
        if (!(readThrottleMBps >= 0) || Double.isInfinite(readThrottleMBps)) {
            throw new IllegalArgumentException("readThrottleMBps must be ≥ 0: " + readThrottleMBps);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be ≥ 1: " + maxConnections);
        }
        if (helloTimeout == null || helloTimeout.isNegative() || helloTimeout.isZero()
                || summaryTimeout == null || summaryTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (idleTimeout == null || idleTimeout.toMillis() < 1 || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("idleTimeout must be 1 ms..1 day: " + idleTimeout);
        }
        if (backChannelBytes < 1024 || readBufferSize < 1024 || readBufferSize > 64 << 20) {
            throw new IllegalArgumentException("backChannelBytes ≥ 1 KiB, readBufferSize 1 KiB..64 MiB");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits");
        }
        VerdictBoard.checkChunkBits(boardChunkBits); // here already, not at a connection
        if (boardBytesPerConnection < 0 || boardBytesTotal < 0 || spliceSegmentsTotal < 0 || boardBytesReserved < 0
                || boardBytesReserved > boardBytesPerConnection) {
            throw new IllegalArgumentException("budgets must be ≥ 0, the reserve at most the per-connection bound");
        }
        boardFor = boardFor == null ? h -> null : boardFor;
        onConnectionFinished = onConnectionFinished == null ? r -> { } : onConnectionFinished;
    }

    /**
     * Loopback, any port, OS buffers, no throttle, 64 connections, 10 s Hello, 60 s idle, 5 s summary;
     * per connection 512 KiB of back channel and 64 MiB of verdicts (10,000,000 packets take 30 MB), of
     * which 512 KiB (two chunks: 131,072 packets) are its own; for all connections together 128 MiB of
     * verdicts and 1,048,576 splice segments (about 50 MB). Worst case, 64 hostile connections hold
     * about 300 MB of heap.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 0, 64, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(5), 512 * 1024, 256 * 1024, VerifierLimits.defaults(),
                null, null, VerdictBoard.SMALL_CHUNK_BITS, 64L << 20, 128L << 20, 512 * 1024, 1 << 20);
    }

    public ServerConfig withBindAddress(InetAddress a) {
        Draft d = draft();
        d.bindAddress = a;
        return d.build();
    }

    public ServerConfig withPort(int p) {
        Draft d = draft();
        d.port = p;
        return d.build();
    }

    public ServerConfig withReceiveBufferSize(int n) {
        Draft d = draft();
        d.receiveBufferSize = n;
        return d.build();
    }

    public ServerConfig withReadThrottleMBps(double mbps) {
        Draft d = draft();
        d.readThrottleMBps = mbps;
        return d.build();
    }

    public ServerConfig withMaxConnections(int n) {
        Draft d = draft();
        d.maxConnections = n;
        return d.build();
    }

    public ServerConfig withHelloTimeout(Duration t) {
        Draft d = draft();
        d.helloTimeout = t;
        return d.build();
    }

    /** A copy whose connections are dropped after {@code t} without a byte (after the Hello). */
    public ServerConfig withIdleTimeout(Duration t) {
        Draft d = draft();
        d.idleTimeout = t;
        return d.build();
    }

    public ServerConfig withSummaryTimeout(Duration t) {
        Draft d = draft();
        d.summaryTimeout = t;
        return d.build();
    }

    /** A copy whose back channel queues at most {@code n} bytes per connection (≥ 1 KiB). */
    public ServerConfig withBackChannelBytes(long n) {
        Draft d = draft();
        d.backChannelBytes = n;
        return d.build();
    }

    public ServerConfig withLimits(VerifierLimits l) {
        Draft d = draft();
        d.limits = l;
        return d.build();
    }

    public ServerConfig withBoardFor(Function<Hello, VerdictSink> f) {
        Draft d = draft();
        d.boardFor = f;
        return d.build();
    }

    public ServerConfig withOnConnectionFinished(Consumer<ConnectionResult> c) {
        Draft d = draft();
        d.onConnectionFinished = c;
        return d.build();
    }

    public ServerConfig withBoardChunkBits(int bits) {
        Draft d = draft();
        d.boardChunkBits = bits;
        return d.build();
    }

    /**
     * A copy whose verdict boards may take {@code perConnection} bytes each and {@code total} together
     * (the reserve capped to the per-connection bound).
     */
    public ServerConfig withBoardBytes(long perConnection, long total) {
        Draft d = draft();
        d.boardBytesPerConnection = perConnection;
        d.boardBytesTotal = total;
        d.boardBytesReserved = Math.min(d.boardBytesReserved, perConnection);
        return d.build();
    }

    /** A copy whose connections may each take {@code n} bytes of verdicts even when the total is spent. */
    public ServerConfig withBoardBytesReserved(long n) {
        Draft d = draft();
        d.boardBytesReserved = n;
        return d.build();
    }

    /** A copy whose connections may keep {@code n} splice segments of torn packets' details together. */
    public ServerConfig withSpliceSegmentsTotal(long n) {
        Draft d = draft();
        d.spliceSegmentsTotal = n;
        return d.build();
    }

    private Draft draft() {
        return new Draft(this);
    }

    /** A mutable copy, so each {@code with…} names only what it changes. */
    private static final class Draft {
        InetAddress bindAddress;
        int port;
        int receiveBufferSize;
        double readThrottleMBps;
        int maxConnections;
        Duration helloTimeout;
        Duration idleTimeout;
        Duration summaryTimeout;
        long backChannelBytes;
        int readBufferSize;
        VerifierLimits limits;
        Function<Hello, VerdictSink> boardFor;
        Consumer<ConnectionResult> onConnectionFinished;
        int boardChunkBits;
        long boardBytesPerConnection;
        long boardBytesTotal;
        long boardBytesReserved;
        long spliceSegmentsTotal;

        Draft(ServerConfig c) {
            bindAddress = c.bindAddress;
            port = c.port;
            receiveBufferSize = c.receiveBufferSize;
            readThrottleMBps = c.readThrottleMBps;
            maxConnections = c.maxConnections;
            helloTimeout = c.helloTimeout;
            idleTimeout = c.idleTimeout;
            summaryTimeout = c.summaryTimeout;
            backChannelBytes = c.backChannelBytes;
            readBufferSize = c.readBufferSize;
            limits = c.limits;
            boardFor = c.boardFor;
            onConnectionFinished = c.onConnectionFinished;
            boardChunkBits = c.boardChunkBits;
            boardBytesPerConnection = c.boardBytesPerConnection;
            boardBytesTotal = c.boardBytesTotal;
            boardBytesReserved = c.boardBytesReserved;
            spliceSegmentsTotal = c.spliceSegmentsTotal;
        }

        ServerConfig build() {
            return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections,
                    helloTimeout, idleTimeout, summaryTimeout, backChannelBytes, readBufferSize, limits, boardFor,
                    onConnectionFinished, boardChunkBits, boardBytesPerConnection, boardBytesTotal,
                    boardBytesReserved, spliceSegmentsTotal);
        }
    }
}
