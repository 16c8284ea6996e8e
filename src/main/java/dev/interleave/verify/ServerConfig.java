package dev.interleave.verify;

import dev.interleave.protocol.Hello;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a {@link VerifierServer} listens and verifies. Immutable; any thread. Start from
 * {@link #defaults()} and use the {@code with…} copies.
 *
 * @param bindAddress          address to bind (default 127.0.0.1)
 * @param port                 port, 0 = any free port
 * @param receiveBufferSize    SO_RCVBUF set before bind, 0 = the OS default
 * @param readThrottleMBps     read pacing in MB/s (10^6 bytes) per connection, 0 = none; provokes back-pressure
 * @param maxConnections       concurrent connections; extra ones are closed at once
 * @param helloTimeout         time a connection has to deliver a valid Hello
 * @param summaryTimeout       time the final back-channel messages get before the connection is closed
 * @param backChannelQueue     back-channel messages queued per connection before live ones are dropped
 * @param readBufferSize       bytes per read
 * @param limits               verifier limits per connection
 * @param boardFor             per Hello, a sink that also receives the connection's verdicts (null: none)
 * @param onConnectionFinished called with each finished connection's result (on its connection thread)
 * @param boardChunkBits       chunk size of each connection's verdict board ({@link VerdictBoard#SMALL_CHUNK_BITS}
 *                             for a server of many connections, {@link VerdictBoard#LARGE_CHUNK_BITS} in a run's
 *                             own process)
 */
public record ServerConfig(InetAddress bindAddress, int port, int receiveBufferSize, double readThrottleMBps,
                           int maxConnections, Duration helloTimeout, Duration summaryTimeout,
                           int backChannelQueue, int readBufferSize, VerifierLimits limits,
                           Function<Hello, VerdictSink> boardFor, Consumer<ConnectionResult> onConnectionFinished,
                           int boardChunkBits) {

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
        if (backChannelQueue < 1 || readBufferSize < 1024 || readBufferSize > 64 << 20) {
            throw new IllegalArgumentException("backChannelQueue ≥ 1, readBufferSize 1 KiB..64 MiB");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits");
        }
        VerdictBoard.checkChunkBits(boardChunkBits); // here already, not at a connection
        boardFor = boardFor == null ? h -> null : boardFor;
        onConnectionFinished = onConnectionFinished == null ? r -> { } : onConnectionFinished;
    }

    /** Loopback, any port, OS buffers, no throttle, 64 connections, 10 s Hello, 5 s summary. */
    public static ServerConfig defaults() {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 0, 64, Duration.ofSeconds(10),
                Duration.ofSeconds(5), 1024, 256 * 1024, VerifierLimits.defaults(), null, null,
                VerdictBoard.SMALL_CHUNK_BITS);
    }

    public ServerConfig withBindAddress(InetAddress a) {
        return new ServerConfig(a, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bindAddress, p, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withReceiveBufferSize(int n) {
        return new ServerConfig(bindAddress, port, n, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withReadThrottleMBps(double mbps) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, mbps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withMaxConnections(int n) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, n, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withHelloTimeout(Duration d) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, d,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withSummaryTimeout(Duration d) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                d, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withBackChannelQueue(int n) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, n, readBufferSize, limits, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withLimits(VerifierLimits l) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, l, boardFor, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withBoardFor(Function<Hello, VerdictSink> f) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, f, onConnectionFinished,
                boardChunkBits);
    }

    public ServerConfig withOnConnectionFinished(Consumer<ConnectionResult> c) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, c,
                boardChunkBits);
    }

    public ServerConfig withBoardChunkBits(int bits) {
        return new ServerConfig(bindAddress, port, receiveBufferSize, readThrottleMBps, maxConnections, helloTimeout,
                summaryTimeout, backChannelQueue, readBufferSize, limits, boardFor, onConnectionFinished, bits);
    }
}
