package dev.interleave.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection's back-channel writer ends with its connection, however the connection thread got
 * there: a writer left waiting on its queue holds the connection's board (megabytes), and a process
 * that runs thousands of runs (a sweep, the window) would keep one per unlucky run. The unlucky run:
 * its connection thread is interrupted (by {@link VerifierServer#close()}, as a run that got its
 * summary closes the server) before it queued the end of the back channel.
 */
@Timeout(60)
class VerifierServerCloseTest {

    @Test
    void anInterruptedConnectionThreadStillEndsItsWriter() throws Exception {
        Set<Thread> before = writers(); // other tests' servers may still have theirs
        LinkedBlockingQueue<ConnectionResult> results = new LinkedBlockingQueue<>();
        CompletableFuture<Thread> connectionThread = new CompletableFuture<>();
        try (VerifierServer server = VerifierServer.start(ServerConfig.defaults()
                .withBoardFor(h -> {
                    connectionThread.complete(Thread.currentThread()); // boardFor runs on the connection's thread
                    return null;
                })
                .withOnConnectionFinished(results::add))) {
            byte[] stream = new Streams.Builder(2).frame(0, 1000).frame(1, 1000).bytes();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(Arrays.copyOf(stream, stream.length - 100));
                out.flush();
                // The thread is blocked reading (a socket read ignores interrupts): the flag stays set
                // until it next waits on the back channel's queue, as if close() had come just then.
                connectionThread.get(10, TimeUnit.SECONDS).interrupt();
                out.write(Arrays.copyOfRange(stream, stream.length - 100, stream.length));
                s.shutdownOutput();
                assertThat(results.poll(10, TimeUnit.SECONDS)).isNotNull();
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!newWriters(before).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(newWriters(before)).isEmpty();
        }
    }

    private static Set<Thread> writers() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("verifier-conn-") && t.getName().endsWith("-writer"))
                .collect(Collectors.toSet());
    }

    private static List<String> newWriters(Set<Thread> before) {
        return writers().stream().filter(t -> !before.contains(t)).map(Thread::getName).toList();
    }
}
