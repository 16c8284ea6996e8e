package dev.interleave.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures System.err (where the log goes) while a test provokes warnings on purpose, so a passing
 * build reads as passing, and lets the test assert what was said. Tests run one at a time.
 */
public final class CapturedErr implements AutoCloseable {
    private final PrintStream old = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Starts capturing. */
    public CapturedErr() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** What was written so far. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(old);
    }
}
