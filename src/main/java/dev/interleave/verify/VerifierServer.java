package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The verifier around {@link StreamVerifier}: accepts connections, verifies each with its own
 * verifier on a platform thread "verifier-conn-N", and streams the results back on the same
 * connection through a writer thread, so that a sender that never reads cannot stall the reading.
 *
 * <p>{@link #start}, {@link #port()} and {@link #close()} may be called from any thread. The
 * {@code boardFor} sink and the {@code onConnectionFinished} listener of {@link ServerConfig} run on
 * the connection's thread.
 */
public final class VerifierServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierServer.class);
    private static final long BATCH_INTERVAL_NANOS = 20_000_000L;
    private static final byte[] END = new byte[0];

    private final ServerConfig config;
    private final ServerSocket serverSocket;
    private final Thread acceptThread;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger numbers = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private volatile boolean closed;

    private VerifierServer(ServerConfig config) throws IOException {
        this.config = config;
        serverSocket = new ServerSocket();
        if (config.receiveBufferSize() > 0) {
            serverSocket.setReceiveBufferSize(config.receiveBufferSize()); // inherited by accepted sockets
        }
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        acceptThread = Thread.ofPlatform().name("verifier-accept").daemon(true).unstarted(this::acceptLoop);
    }

    /** Binds and starts accepting. Any thread. */
    public static VerifierServer start(ServerConfig config) throws IOException {
        VerifierServer s = new VerifierServer(config);
        s.acceptThread.start();
        LOG.info("verifier listening on {}", s.serverSocket.getLocalSocketAddress());
        return s;
    }

    /** The bound port. Any thread. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections being served now. Any thread. */
    public int activeConnections() {
        return active.get();
    }

    /** Connections refused because of maxConnections. Any thread. */
    public long refusedConnections() {
        return refused.sum();
    }

    /** Stops accepting, closes every connection and waits up to 2 s for their threads. Any thread; idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept failed: {}", e.toString());
                }
                continue;
            }
            if (active.incrementAndGet() > config.maxConnections()) {
                active.decrementAndGet();
                refused.increment();
                LOG.warn("refusing connection from {}: {} connections already", s.getRemoteSocketAddress(),
                        config.maxConnections());
                closeQuietly(s);
                continue;
            }
            int n = numbers.incrementAndGet();
            open.add(s);
            Thread t = Thread.ofPlatform().name("verifier-conn-" + n).daemon(true).unstarted(() -> {
                try {
                    new Connection(n, s).serve();
                } catch (RuntimeException | Error e) {
                    LOG.error("connection {} failed", n, e);
                } finally {
                    open.remove(s);
                    closeQuietly(s);
                    active.decrementAndGet();
                    threads.remove(Thread.currentThread());
                }
            });
            threads.add(t);
            t.start();
        }
    }

    /** Routes the verdicts to the board chosen for the Hello, once the Hello is known. */
    private final class RoutingSink implements VerdictSink {
        private VerdictSink target = VerdictSink.NONE;

        @Override
        public void hello(Hello h) {
            VerdictSink chosen = config.boardFor().apply(h);
            target = chosen == null ? VerdictSink.NONE : chosen;
            target.hello(h);
        }

        @Override public void packetWhole(long id, int thread, int len) { target.packetWhole(id, thread, len); }
        @Override public void packetTorn(TornPacket t) { target.packetTorn(t); }
        @Override public void problem(StreamProblem p) { target.problem(p); }
        @Override public void bytes(ByteAccount d) { target.bytes(d); }
    }

    /** One connection: its verifier, its local board and its back-channel writer. */
    private final class Connection {
        private final int number;
        private final Socket socket;
        private final long started = System.nanoTime();
        private final VerdictBoard local = new VerdictBoard(config.limits(), config.boardChunkBits());
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(config.backChannelQueue());
        private final BackChannel.VerdictBatch batch = new BackChannel.VerdictBatch();
        private long lastBatch = System.nanoTime();
        private long dropped;
        private int problemsSent;
        private volatile boolean writerFailed;

        Connection(int number, Socket socket) {
            this.number = number;
            this.socket = socket;
        }

        /** Live message: dropped (and counted) when the sender is not reading. */
        private void offer(byte[] m) {
            if (!queue.offer(m)) {
                dropped++;
            }
        }

        void serve() {
            VerdictSink back = new VerdictSink() {
                @Override public void hello(Hello h) { }
                @Override public void packetWhole(long id, int thread, int len) { }
                @Override public void packetTorn(TornPacket t) { offer(BackChannel.torn(t)); }
                @Override public void problem(StreamProblem p) {
                    if (problemsSent++ < config.limits().maxProblemDetails()) {
                        offer(BackChannel.problem(p));
                    }
                }
                @Override public void bytes(ByteAccount d) { }
            };
            local.listener((id, v, thread) -> {
                if (batch.add(id, v, thread)) {
                    offer(batch.take());
                }
            });
            StreamVerifier verifier = new StreamVerifier(config.limits(),
                    VerdictSink.tee(VerdictSink.tee(local, back), new RoutingSink()));
            String remote = String.valueOf(socket.getRemoteSocketAddress());
            Thread writer = Thread.ofPlatform().name("verifier-conn-" + number + "-writer").daemon(true)
                    .unstarted(this::writeLoop);
            ConnectionResult.End end = read(verifier, remote, writer);
            verifier.finish();
            local.listener(null);
            if (!batch.isEmpty()) {
                offer(batch.take());
            }
            Hello hello = verifier.hello();
            local.seal(hello == null ? 0 : hello.expectedPackets());
            boolean summarySent = writer.isAlive() && finishBackChannel(writer);
            closeQuietly(socket);
            writer.interrupt(); // a writer this thread never handed the end (interrupted first) would wait forever
            ConnectionResult r = new ConnectionResult(number, hello, remote, end, verifier.byteAccount(),
                    local.snapshotCounts(), local.tornPackets(), local.problems(), local.problemCounts(), dropped,
                    summarySent, (System.nanoTime() - started) / 1e9);
            LOG.info("connection {} from {} ended ({}): {}", number, remote, end, r.counts());
            config.onConnectionFinished().accept(r);
        }

        private ConnectionResult.End read(StreamVerifier verifier, String remote, Thread writer) {
            byte[] buf = new byte[config.readBufferSize()];
            long helloDeadline = started + config.helloTimeout().toNanos();
            double bytesPerNano = config.readThrottleMBps() * 1e6 / 1e9;
            long total = 0;
            boolean helloSeen = false;
            try {
                InputStream in = socket.getInputStream();
                writer.start();
                while (true) {
                    if (!helloSeen) {
                        if (verifier.helloDecided()) {
                            helloSeen = true;
                            if (verifier.helloBad()) {
                                LOG.warn("connection {} from {}: not a Hello, closing", number, remote);
                                return ConnectionResult.End.BAD_HELLO;
                            }
                            socket.setSoTimeout(0);
                        } else {
                            long left = helloDeadline - System.nanoTime();
                            if (left <= 0) {
                                throw new SocketTimeoutException();
                            }
                            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                        }
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        return ConnectionResult.End.END_OF_STREAM;
                    }
                    verifier.feed(buf, 0, n);
                    // Verdicts go back in batches at most every 20 ms (or when a batch is full): one
                    // message per read cost the back channel's two threads half a core on 2 cores.
                    long now = System.nanoTime();
                    if (!batch.isEmpty() && now - lastBatch >= BATCH_INTERVAL_NANOS) {
                        offer(batch.take());
                        lastBatch = now;
                    }
                    total += n;
                    if (bytesPerNano > 0) {
                        pace(total, bytesPerNano);
                    }
                }
            } catch (SocketTimeoutException e) {
                LOG.warn("connection {} from {}: no valid Hello within {}, closing", number, remote, config.helloTimeout());
                return ConnectionResult.End.HELLO_TIMEOUT;
            } catch (IOException e) {
                if (closed) {
                    return ConnectionResult.End.SERVER_CLOSED;
                }
                LOG.info("connection {} from {} vanished: {}", number, remote, e.toString());
                return ConnectionResult.End.RESET;
            }
        }

        /** Sleeps so that reading keeps to the throttle; sleeping is interruptible by close(). */
        private void pace(long total, double bytesPerNano) throws IOException {
            long due = started + (long) (total / bytesPerNano);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SocketException("interrupted");
                }
            }
        }

        /** Queues the summary (resending all verdicts first if live ones were dropped) within the timeout. */
        private boolean finishBackChannel(Thread writer) {
            long deadline = System.nanoTime() + config.summaryTimeout().toNanos();
            try {
                if (dropped > 0) {
                    BackChannel.VerdictBatch all = new BackChannel.VerdictBatch();
                    boolean[] ok = {true};
                    local.forEachDecided((id, v) -> {
                        if (ok[0] && v != Verdict.MISSING && all.add(id, v, local.thread(id))) {
                            ok[0] = putUninterruptibly(all.take(), deadline);
                        }
                    });
                    if (!ok[0] || !all.isEmpty() && !put(all.take(), deadline)) {
                        return false;
                    }
                }
                BackChannel.Summary s = new BackChannel.Summary(dropped, local.snapshotCounts(), local.byteAccount(),
                        local.problemCounts());
                if (!put(BackChannel.summary(s), deadline) || !put(END, deadline)) {
                    return false;
                }
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                return !writer.isAlive() && !writerFailed;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                if (writer.isAlive() && Thread.currentThread().isInterrupted()) {
                    LOG.info("connection {}: server closing, back channel not drained", number);
                } else if (writer.isAlive()) {
                    LOG.warn("connection {}: back channel not drained within {}, closing", number, config.summaryTimeout());
                }
            }
        }

        private boolean putUninterruptibly(byte[] m, long deadline) {
            try {
                return put(m, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private boolean put(byte[] m, long deadline) throws InterruptedException {
            return !writerFailed && queue.offer(m, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        private void writeLoop() {
            try {
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                out.write(BackChannel.preamble());
                while (true) {
                    byte[] m = queue.poll();
                    if (m == null) {
                        out.flush();
                        m = queue.take();
                    }
                    if (m == END) {
                        out.flush();
                        socket.shutdownOutput();
                        return;
                    }
                    out.write(m);
                }
            } catch (IOException | InterruptedException e) {
                writerFailed = true;
                queue.clear();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
