package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.protocol.Hello;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve --idle-timeout}: a peer that goes silent after its Hello is dropped, and serve says so. */
@Timeout(30)
class ServeIdleTimeoutTest {

    @Test
    void aSilentPeerIsDroppedWithALineThatSaysWhy() throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int[] code = {-1};
            Thread serve = Thread.ofPlatform().start(() -> code[0] = InterleaveCommand.execute("serve", "--port", "0",
                    "--connections", "1", "--idle-timeout", "0.3"));
            Matcher m = Pattern.compile("listening on [^:]+:(\\d+)").matcher("");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && !(m = m.reset(err.toString(StandardCharsets.UTF_8))).find()) {
                Thread.sleep(20);
            }
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)))) {
                peer.getOutputStream().write(new Hello(7, 5, 1).encode());
                serve.join(10_000);
            }
            assertThat(code[0]).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains(": INCOMPLETE, IDLE_TIMEOUT, no byte for 0.3 s after the Hello (idle timeout); ")
                    .contains("intact 0, torn 0, missing 5");
            assertThat(InterleaveCommand.execute("serve", "--idle-timeout", "0")).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                    "'--idle-timeout': 0 is below the minimum: idle timeouts are 0.001 to 86,400 s");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
