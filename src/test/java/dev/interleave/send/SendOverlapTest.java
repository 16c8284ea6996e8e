package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.telemetry.PacketLog;
import dev.interleave.telemetry.SenderTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's claim rests on this: the unlocked strategies' sends on one socket are in progress at the
 * same time. Made certain, not likely: the verifier reads nothing until every thread has taken its
 * packet and is sending it, and each frame is far larger than every buffer on the way, so no send can
 * finish before the reading starts. Then every packet's send (start, duration: the packet log) spans
 * the moment the reading started, so all of them overlap. A lock that serialised the sends would keep
 * all but one thread from taking a packet, and the wait for them would fail; a lock inside the timed
 * span is caught by asking the kernel which sender threads are inside send() (native, Linux).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendOverlapTest {
    private static final int THREADS = 4;
    /** Far more than SO_SNDBUF (4 KiB, doubled) plus SO_RCVBUF (4 KiB, doubled) plus what is in flight. */
    private static final int PAYLOAD = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"native", "native-nonblocking", "channel-nonblocking", "async-channel"})
    void unlockedSendsOnOneSocketOverlapInTime(String name) throws Exception {
        SendStrategy strategy = Loopback.strategy(name);
        assumeTrue(strategy.unavailableReason().isEmpty(), () -> strategy.unavailableReason().orElseThrow());
        try (GatedReader reader = new GatedReader()) {
            SenderTelemetry telemetry = Loopback.telemetry(THREADS, THREADS);
            try (SenderConnection conn = strategy.open(Loopback.setup(reader.address(), THREADS, PAYLOAD, THREADS,
                    4096, false))) {
                SendJob job = SendJob.start(conn, telemetry, THREADS, THREADS);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (job.packetsStarted() < THREADS && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(job.packetsStarted()).as("every thread took a packet while nothing was read")
                        .isEqualTo(THREADS);
                Thread.sleep(20); // the reading starts well after the last send began (the log counts µs)
                assertThat(job.packetsDone()).as("no send can finish before the reading").isZero();
                if (name.equals("native")) {
                    // The packet log times each send from before the call, so a lock inside the timed span
                    // would still look like overlap; the kernel says where each sender thread really is.
                    assertThat(threadsInSyscall(SENDTO)).as("sender threads inside send() at once, "
                            + "not waiting for each other").isEqualTo(THREADS);
                }
                reader.open();
                assertThat(job.await(Duration.ofSeconds(30))).isTrue();
                assertThat(job.failure()).isEmpty();
            }
            PacketLog log = telemetry.packets();
            long lastStart = 0;
            long firstEnd = Long.MAX_VALUE;
            for (long id = 0; id < THREADS; id++) {
                assertThat(log.thread(id)).isBetween(0, THREADS - 1);
                lastStart = Math.max(lastStart, log.startMicros(id));
                firstEnd = Math.min(firstEnd, (long) log.startMicros(id) + log.durationMicros(id));
            }
            assertThat(lastStart).as("every send began before any ended: they overlap").isLessThan(firstEnd);
            assertThat(firstEnd - lastStart).as("by at least the 20 ms the reader waited")
                    .isGreaterThanOrEqualTo(20_000);
        }
    }

    /** sendto's number in this machine's kernel ABI, or -1 where it is not known (the check then skips). */
    private static final int SENDTO = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 44;
        case "aarch64" -> 206;
        default -> -1;
    };

    /**
     * How many of this process's sender threads ("sender-0", "sender-1", ...) are inside system call
     * {@code nr} now, from /proc/self/task/TID/syscall (Linux; its first field is the call's number).
     * Waits up to 5 s for all of them, since a thread may be a few instructions short of the call.
     */
    private static int threadsInSyscall(int nr) throws IOException, InterruptedException {
        assumeTrue(nr >= 0 && Files.isDirectory(Path.of("/proc/self/task")),
                "needs Linux's /proc/self/task on x86_64 or aarch64");
        int in = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            in = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).strip();
                        if (!comm.matches("sender-\\d+")) {
                            continue;
                        }
                        String call = Files.readString(task.resolve("syscall")).strip();
                        if (call.split(" ")[0].equals(String.valueOf(nr))) {
                            in++;
                        }
                    } catch (NoSuchFileException gone) {
                        // a thread that ended while we looked
                    }
                }
            }
            if (in < THREADS) {
                Thread.sleep(10);
            }
        } while (in < THREADS && System.nanoTime() < deadline);
        return in;
    }

    /** A verifier with a small receive buffer that reads nothing until {@link #open()}, then reads all. */
    private static final class GatedReader implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final CountDownLatch gate = new CountDownLatch(1);
        private volatile Socket accepted;

        GatedReader() throws IOException {
            server.setReceiveBufferSize(4096); // inherited by the accepted socket
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofPlatform().name("gated-reader").daemon(true).start(this::serve);
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        void open() {
            gate.countDown();
        }

        private void serve() {
            try (Socket s = server.accept()) {
                accepted = s;
                gate.await();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1 << 16];
                while (in.read(buf) >= 0) {
                    // read everything; the frames' content is not this test's business
                }
            } catch (IOException | InterruptedException closed) {
                // closed by the test
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            Socket s = accepted;
            if (s != null) {
                s.close();
            }
        }
    }
}
