package dev.interleave.send;

import java.io.IOException;

/** {@code socket-stream}: one java.net.Socket shared by all threads, OutputStream.write per packet. */
final class SocketStreamStrategy implements SendStrategy {
    static final String NAME = "socket-stream";
    /** OutputStream.write writes all or throws: the write(2) calls and polls beneath it are out of sight. */
    static final WriteApi API = new WriteApi("java.net.Socket OutputStream.write", false, false, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reason() {
        return "java.net.Socket OutputStream.write: the JDK holds a write lock for the whole write, so packets stay intact.";
    }

    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        return SocketConnection.open(setup, 1, setup.hello(), API);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
