package dev.interleave.send;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A connection's back channel (the verifier's results) as a blocking InputStream, for strategies that
 * cannot hand out a JDK stream. Subclasses read at least one byte, or say the stream ended. Read it on
 * one thread of your own, never on the send path.
 */
public abstract class BackChannelStream extends InputStream {

    /** Constructor for subclasses. */
    protected BackChannelStream() {
    }

    /** One byte, or -1 at the end. Reading thread. */
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    /** Blocks until at least one byte is read (or the end); 0 only when {@code len} is 0. Reading thread. */
    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        return readSome(b, off, len);
    }

    /**
     * Reads 1..{@code len} bytes into {@code b} at {@code off} ({@code len > 0}, the range checked),
     * blocking until there is at least one, or returns -1 at the end. Reading thread.
     */
    protected abstract int readSome(byte[] b, int off, int len) throws IOException;
}
