package dev.interleave.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.testing.CapturedErr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A verifier server for one test ({@code @RegisterExtension final ServerUnderTest verifier = new
 * ServerUnderTest();}): the test starts it with its config, its finished connections queue up for
 * {@link #next()}, and it is closed after the test. The log is captured meanwhile, since the server
 * warns about every bad peer, as it should, and a passing build must read as passing.
 */
final class ServerUnderTest implements BeforeEachCallback, AfterEachCallback {
    private final BlockingQueue<ConnectionResult> results = new LinkedBlockingQueue<>();
    private volatile VerifierServer server;
    private CapturedErr log;

    @Override
    public void beforeEach(ExtensionContext context) {
        log = new CapturedErr();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        log.close();
    }

    /** Starts the server with {@code c} on the test's thread. */
    VerifierServer start(ServerConfig c) throws IOException {
        return start(c, r -> {
        });
    }

    /**
     * Starts the server with {@code c}; {@code onFinished} sees each connection's result on the server's
     * thread before it is queued for {@link #next()}. The test's thread.
     */
    VerifierServer start(ServerConfig c, Consumer<ConnectionResult> onFinished) throws IOException {
        server = VerifierServer.start(c.withOnConnectionFinished(r -> {
            onFinished.accept(r);
            results.add(r);
        }));
        return server;
    }

    /** The server the test started. Any thread. */
    VerifierServer server() {
        return server;
    }

    /** A new loopback connection to the server. The test's thread. */
    Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.port());
    }

    /** The next finished connection's result, waiting at most 20 s for it. The test's thread. */
    ConnectionResult next() throws InterruptedException {
        ConnectionResult r = results.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("connection result").isNotNull();
        return r;
    }

    /**
     * Checks that the server still serves: a well-behaved peer's three packets come back intact on the
     * back channel (nothing else) and in its result. The test's thread.
     */
    void assertServesAGoodPeer() throws Exception {
        byte[] s = new Streams.Builder(3).frame(0, 100).frame(1, 100).frame(2, 100).bytes();
        try (Socket sock = connect()) {
            sock.getOutputStream().write(s);
            sock.shutdownOutput();
            VerdictBoard b = new VerdictBoard();
            assertThat(BackChannelReader.read(sock.getInputStream(), b).summaryArrived()).isTrue();
            assertThat(b.snapshotCounts()).isEqualTo(new VerdictCounts(0, 3, 0, 0, 0));
        }
        assertThat(next().counts().intact()).isEqualTo(3);
    }

    /** What the server logged so far. The test's thread. */
    String log() {
        return log.text();
    }
}
