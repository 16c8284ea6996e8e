package dev.interleave.send;

/**
 * The socket options of one connection as the OS reports them after connect (Linux doubles the
 * SO_SNDBUF it is given, for its own bookkeeping). Immutable.
 *
 * @param sendBuffer SO_SNDBUF in bytes, as read back
 * @param tcpNoDelay TCP_NODELAY, as read back
 */
public record AppliedOptions(int sendBuffer, boolean tcpNoDelay) {
}
