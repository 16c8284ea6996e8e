package dev.interleave.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures System.out and System.err for each test of a class that registers it
 * ({@code @RegisterExtension final CapturedOutput output = new CapturedOutput();}), so a CLI test can
 * assert what a command printed, and puts both back after the test. Tests run one at a time.
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** What was printed to System.out so far. The test's thread. */
    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What was printed to System.err so far. The test's thread. */
    public String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what System.out had, so the next command's output stands alone. The test's thread. */
    public void resetStdout() {
        out.reset();
    }
}
