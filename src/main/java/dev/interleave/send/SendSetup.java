package dev.interleave.send;

import dev.interleave.protocol.Hello;
import java.net.InetSocketAddress;

/**
 * What a strategy needs to open its connection(s). Immutable.
 *
 * @param target      the verifier's address
 * @param threads     sending threads, 1..256
 * @param payloadSize payload bytes per packet, 0..64 MiB (every frame of a run has the same size)
 * @param hello       the Hello to write first on every connection
 * @param sendBuffer  SO_SNDBUF in bytes, 0 for the OS default
 * @param tcpNoDelay  TCP_NODELAY
 */
public record SendSetup(InetSocketAddress target, int threads, int payloadSize, Hello hello,
                        int sendBuffer, boolean tcpNoDelay) {
}
