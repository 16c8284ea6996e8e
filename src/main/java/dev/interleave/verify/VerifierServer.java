package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
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
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The verifier around {@link StreamVerifier}: accepts connections, verifies each with its own
 * verifier on a platform thread "verifier-conn-N", and streams the results back on the same
 * connection through a writer thread, so that a sender that never reads cannot stall the reading.
 *
 * <p>Whatever a peer sends or claims, what the server keeps for it is bounded by {@link ServerConfig}:
 * verdict memory per connection and in all, splice details in all, back-channel bytes per connection,
 * time without a Hello and time without a byte. A connection that fails (even out of memory) releases
 * its socket, its writer thread and its budgets, and the server goes on accepting. A connection over
 * the limit is told why (a REFUSED message) before it is closed.
 *
 * <p>{@link #start}, {@link #port()} and {@link #close()} may be called from any thread. The
 * {@code boardFor} sink and the {@code onConnectionFinished} listener of {@link ServerConfig} run on
 * the connection's thread.
 */
public final class VerifierServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierServer.class);
    private static final long BATCH_INTERVAL_NANOS = 20_000_000L;
    /** Pauses after a failed accept(), doubling from the first to the last: a failing accept must not spin. */
    static final long ACCEPT_BACKOFF_FIRST_MILLIS = 10, ACCEPT_BACKOFF_LAST_MILLIS = 1_000;
    /** Refusals being told at once; past this a refused connection is just closed. */
    static final int MAX_REFUSALS_AT_ONCE = 16;
    /** How long a refused connection is drained, so that closing it does not reset away the message. */
    static final Duration REFUSAL_DRAIN = Duration.ofSeconds(2);
    /** How long release() waits for a connection's writer thread to end. */
    private static final long WRITER_JOIN_MILLIS = 2_000;

    private final ServerConfig config;
    private final ServerSocket serverSocket;
    private final Thread acceptThread;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger refusing = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final LongAdder acceptFailures = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong backChannelPeak = new java.util.concurrent.atomic.AtomicLong();
    private final Budget boardMemory;
    private final Budget spliceSegments;
    private volatile boolean closed;

    private VerifierServer(ServerConfig config) throws IOException {
        this.config = config;
        this.boardMemory = Budget.of(config.boardBytesTotal(), "bytes of verdicts");
        this.spliceSegments = Budget.of(config.spliceSegmentsTotal(), "splice segments");
        serverSocket = new ServerSocket();
        try {
            if (config.receiveBufferSize() > 0) {
                serverSocket.setReceiveBufferSize(config.receiveBufferSize()); // inherited by accepted sockets
            }
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        } catch (IOException | RuntimeException e) {
            serverSocket.close();
            throw e;
        }
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

    /** Times accept() failed (each followed by a pause). Any thread. */
    public long acceptFailures() {
        return acceptFailures.sum();
    }

    /** Connections that ended FAILED (an error in the verifier, out of memory say). Any thread. */
    public long failedConnections() {
        return failed.sum();
    }

    /** The most bytes one connection's back channel ever held queued (finished connections). Any thread. */
    public long backChannelPeakBytes() {
        return backChannelPeak.get();
    }

    /** The verdict memory all connections share (bytes); used() is what they hold now. Any thread. */
    public Budget boardMemory() {
        return boardMemory;
    }

    /** The splice segments all connections share; used() is what they hold now. Any thread. */
    public Budget spliceSegments() {
        return spliceSegments;
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
        acceptThread.interrupt(); // a back-off pause ends at once
        for (Socket s : open) {
            closeQuietly(s);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            acceptThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the connections being served now and goes on accepting: each ends as its peer vanishing
     * would (its result says so) and releases what it held. For a listener that shows one sender at a
     * time and is told to drop it. Any thread.
     */
    public void closeConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Closes only the listening socket, as a failing accept() would look (tests). Any thread. */
    void closeListeningSocketOnly() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // accept() fails from now on, which is the point
        }
    }

    private void acceptLoop() {
        long pause = 0;
        while (!closed) {
            Socket s = null;
            try {
                s = serverSocket.accept();
                admit(s);
                pause = 0;
            } catch (IOException | RuntimeException | Error e) {
                // Out of file descriptors, say, or of memory for a thread: the accept (or the admission)
                // fails again at once, so pause, longer each time, and go on accepting.
                if (closed) {
                    break;
                }
                if (s != null) {
                    closeQuietly(s);
                }
                acceptFailures.increment();
                pause = pause == 0 ? ACCEPT_BACKOFF_FIRST_MILLIS : Math.min(ACCEPT_BACKOFF_LAST_MILLIS, pause * 2);
                warnQuietly("accept failed ({}); accepting again in {} ms", e, pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    break; // close()
                }
            }
        }
    }

    private void admit(Socket s) {
        if (active.incrementAndGet() > config.maxConnections()) {
            active.decrementAndGet();
            refused.increment();
            LOG.warn("refusing connection from {}: {} connections already", s.getRemoteSocketAddress(),
                    config.maxConnections());
            refuse(s);
            return;
        }
        int n = numbers.incrementAndGet();
        open.add(s);
        Thread t;
        try {
            t = Thread.ofPlatform().name("verifier-conn-" + n).daemon(true).unstarted(() -> runConnection(n, s));
            threads.add(t);
            t.start();
        } catch (RuntimeException | Error e) {
            open.remove(s);
            active.decrementAndGet();
            threads.removeIf(th -> th.getName().equals("verifier-conn-" + n));
            throw e;
        }
    }

    /**
     * Tells a connection over the limit why, on its back channel (preamble, REFUSED), then drains what
     * it sent for a moment so that the close does not become a reset that throws the message away.
     */
    private void refuse(Socket s) {
        if (refusing.incrementAndGet() > MAX_REFUSALS_AT_ONCE) {
            refusing.decrementAndGet();
            closeQuietly(s);
            return;
        }
        Thread t;
        try {
            t = Thread.ofPlatform().name("verifier-refuse").daemon(true).unstarted(() -> {
                try {
                    tellRefused(s);
                } finally {
                    closeQuietly(s);
                    refusing.decrementAndGet();
                    threads.remove(Thread.currentThread());
                }
            });
            threads.add(t);
            t.start();
        } catch (RuntimeException | Error e) {
            refusing.decrementAndGet();
            closeQuietly(s);
            throw e;
        }
    }

    private void tellRefused(Socket s) {
        try {
            int limit = config.maxConnections();
            OutputStream out = s.getOutputStream();
            out.write(BackChannel.preamble());
            out.write(BackChannel.refused(BackChannel.REFUSED_CONNECTION_LIMIT, limit, limit == 1
                    ? "it takes one sender at a time and one is connected now: try again when that one ends"
                    : String.format(Locale.ROOT, "%d connections already open (the verifier's maximum)", limit)));
            out.flush();
            s.shutdownOutput();
            long deadline = System.nanoTime() + REFUSAL_DRAIN.toNanos();
            InputStream in = s.getInputStream();
            byte[] sink = new byte[8192];
            s.setSoTimeout(100);
            while (!closed && System.nanoTime() < deadline) {
                try {
                    if (in.read(sink) < 0) {
                        return;
                    }
                } catch (SocketTimeoutException again) {
                    // look at the clock and the closed flag again
                }
            }
        } catch (IOException gone) {
            // the peer went first: nothing to tell
        }
    }

    private void runConnection(int n, Socket s) {
        Connection c = null;
        ConnectionResult r = null;
        try {
            c = new Connection(n, s);
            r = c.serve();
        } catch (Throwable e) { // out of memory included: the connection must still release everything
            r = failedResult(n, s, c, e);
        } finally {
            if (c != null) {
                c.release();
            }
            open.remove(s);
            closeQuietly(s);
            active.decrementAndGet();
        }
        try {
            if (r != null) {
                config.onConnectionFinished().accept(r);
            }
        } catch (Throwable e) {
            errorQuietly("the listener of connection " + n + " failed", e);
        } finally {
            // The listener may read the result's packets from the board until here: its memory stays
            // counted in the budget until then, so finished connections cannot hold more than it allows.
            if (c != null) {
                c.releaseBoard();
            }
            threads.remove(Thread.currentThread());
        }
    }

    private ConnectionResult failedResult(int n, Socket s, Connection c, Throwable e) {
        failed.increment();
        if (c != null) {
            c.release(); // first: the memory a result needs may be the memory the failure lacked
            c.releaseBoard();
        }
        String detail = (e instanceof OutOfMemoryError ? "out of memory: " : "the verifier failed: ") + describe(e)
                + "; the connection's resources were released";
        errorQuietly("connection " + n + " failed (" + detail + ")", e);
        try {
            return c != null ? c.result(ConnectionResult.End.FAILED, detail, false)
                    : new ConnectionResult(n, null, String.valueOf(s.getRemoteSocketAddress()),
                    ConnectionResult.End.FAILED, ByteAccount.ZERO, VerdictCounts.ZERO, java.util.List.of(),
                    java.util.List.of(), java.util.Map.of(), 0, false, 0, detail, 0, "", null);
        } catch (Throwable again) {
            return null; // nothing to report with: the log line above said it
        }
    }

    /**
     * A result's packets, read from the board while {@code board} holds it. It holds nothing else of
     * the connection, so a result kept after its board was released keeps no verdict memory.
     */
    private static PacketListing listing(AtomicReference<VerdictBoard> board) {
        return visitor -> {
            VerdictBoard b = board.get();
            if (b == null) {
                return false;
            }
            b.forEachPacket(visitor);
            return true;
        };
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
        @Override public void senderReport(SenderReport r) { target.senderReport(r); }
    }

    /** One connection: its verifier, its local board and its back-channel writer. */
    private final class Connection {
        private final int number;
        private final Socket socket;
        private final String remote;
        private final long started = System.nanoTime();
        private final Budget boardBudget = boardMemory.child(config.boardBytesPerConnection(),
                config.boardBytesReserved());
        private final Budget spliceBudget = spliceSegments.child(Long.MAX_VALUE);
        private final VerdictBoard local;
        /** The board while the result's packet listing may read it; null once released. */
        private final AtomicReference<VerdictBoard> listed;
        private final BackChannelQueue queue;
        private final BackChannel.VerdictBatch batch = new BackChannel.VerdictBatch();
        private final Thread writer;
        private StreamVerifier verifier;
        private long lastBatch = System.nanoTime();
        private long dropped;
        private int problemsSent;
        private volatile boolean released;
        /** This side closed the socket (or the server is closing): the writer's failure then is ours. */
        private volatile boolean closingSocket;
        private volatile String writerError = "";

        Connection(int number, Socket socket) {
            this.number = number;
            this.socket = socket;
            this.remote = String.valueOf(socket.getRemoteSocketAddress());
            this.local = new VerdictBoard(config.limits(), config.boardChunkBits(), boardBudget);
            this.listed = new AtomicReference<>(local);
            this.queue = new BackChannelQueue(config.backChannelBytes());
            this.writer = Thread.ofPlatform().name("verifier-conn-" + number + "-writer").daemon(true)
                    .unstarted(this::writeLoop);
        }

        /** Live message: dropped (and counted) when the sender is not reading. */
        private void offer(byte[] m) {
            if (!queue.offer(m)) {
                dropped++;
            }
        }

        /**
         * The verdict batch as a live message, or dropped (and counted) without making it when it would
         * not fit: a sender that does not read must not cost the server a copy per dropped batch.
         */
        private void offerBatch() {
            if (queue.fits(batch.messageSize())) {
                offer(batch.take());
            } else {
                batch.clear();
                dropped++;
            }
        }

        ConnectionResult serve() {
            VerdictSink back = new VerdictSink() {
                @Override public void hello(Hello h) { }
                @Override public void packetWhole(long id, int thread, int len) { }
                @Override public void packetTorn(TornPacket t) {
                    if (queue.fits(BackChannel.tornSize(t))) {
                        offer(BackChannel.torn(t));
                    } else {
                        dropped++;
                    }
                }
                @Override public void problem(StreamProblem p) {
                    if (problemsSent++ < config.limits().maxProblemDetails()) {
                        offer(BackChannel.problem(p));
                    }
                }
                @Override public void bytes(ByteAccount d) { }
            };
            local.listener((id, v, thread) -> {
                if (batch.add(id, v, thread)) {
                    offerBatch();
                }
            });
            verifier = new StreamVerifier(config.limits().withSpliceBudget(spliceBudget),
                    VerdictSink.tee(VerdictSink.tee(local, back), new RoutingSink()));
            String[] why = {""};
            ConnectionResult.End end = read(why);
            verifier.finish();
            local.listener(null);
            if (!batch.isEmpty()) {
                offerBatch();
            }
            Hello hello = verifier.hello();
            local.seal(hello == null ? 0 : hello.expectedPackets());
            boolean summarySent = writer.isAlive() && finishBackChannel();
            closingSocket = true;
            closeQuietly(socket);
            ConnectionResult r = result(end, why[0], summarySent);
            LOG.info("connection {} from {} ended ({}): {}", number, remote, end, r.counts());
            return r;
        }

        ConnectionResult result(ConnectionResult.End end, String detail, boolean summarySent) {
            StreamVerifier v = verifier;
            return new ConnectionResult(number, v == null ? null : v.hello(), remote, end,
                    v == null ? ByteAccount.ZERO : v.byteAccount(), local.snapshotCounts(), local.tornPackets(),
                    local.problems(), local.problemCounts(), dropped, summarySent, (System.nanoTime() - started) / 1e9,
                    detail, local.untrackedEvents(), writerError, v == null ? null : v.senderReport().orElse(null),
                    listing(listed));
        }

        /** Ends the result's packet listing and gives the board's memory back to the budget. Idempotent. */
        void releaseBoard() {
            listed.set(null);
            boardBudget.giveBackAll();
        }

        /**
         * Ends everything this connection holds: the queue (the writer wakes and ends), the socket (a
         * writer blocked in a write fails), the writer thread, and its budgets. Idempotent.
         */
        void release() {
            if (released) {
                return;
            }
            released = true;
            closingSocket = true;
            backChannelPeak.accumulateAndGet(queue.peakBytes(), Math::max);
            queue.close();
            closeQuietly(socket);
            if (writer.isAlive()) {
                writer.interrupt();
                try {
                    writer.join(WRITER_JOIN_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            spliceBudget.giveBackAll();
        }

        private ConnectionResult.End read(String[] why) {
            byte[] buf = new byte[config.readBufferSize()];
            long helloDeadline = started + config.helloTimeout().toNanos();
            int idleMillis = (int) config.idleTimeout().toMillis();
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
                                // INFO: the connection's result says so (serve prints it as its own line).
                                LOG.info("connection {} from {}: not a Hello, closing", number, remote);
                                why[0] = "the first 32 bytes were not a Hello";
                                return ConnectionResult.End.BAD_HELLO;
                            }
                            socket.setSoTimeout(idleMillis);
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
                        offerBatch();
                        lastBatch = now;
                    }
                    total += n;
                    if (bytesPerNano > 0) {
                        pace(total, bytesPerNano);
                    }
                }
            } catch (SocketTimeoutException e) {
                if (helloSeen) {
                    why[0] = "no byte for " + seconds(config.idleTimeout()) + " after the Hello (idle timeout)";
                    LOG.info("connection {} from {}: {}, dropping it", number, remote, why[0]);
                    return ConnectionResult.End.IDLE_TIMEOUT;
                }
                why[0] = "no valid Hello within " + seconds(config.helloTimeout());
                LOG.info("connection {} from {}: {}, closing", number, remote, why[0]);
                return ConnectionResult.End.HELLO_TIMEOUT;
            } catch (IOException e) {
                if (closed) {
                    why[0] = "the verifier was stopped";
                    return ConnectionResult.End.SERVER_CLOSED;
                }
                why[0] = describe(e);
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
        private boolean finishBackChannel() {
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
                    if (!ok[0] || !all.isEmpty() && !queue.offer(all.take(), deadline)) {
                        return false;
                    }
                }
                BackChannel.Summary s = new BackChannel.Summary(dropped, local.snapshotCounts(), local.byteAccount(),
                        local.problemCounts());
                if (!queue.offer(BackChannel.summary(s), deadline) || !queue.offer(BackChannelQueue.END, deadline)) {
                    return false;
                }
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                return !writer.isAlive() && writerError.isEmpty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                if (writer.isAlive() && Thread.currentThread().isInterrupted()) {
                    LOG.info("connection {}: server closing, back channel not drained", number);
                } else if (writer.isAlive()) {
                    LOG.info("connection {}: back channel not drained within {}, closing", number, config.summaryTimeout());
                }
            }
        }

        private boolean putUninterruptibly(byte[] m, long deadline) {
            try {
                return queue.offer(m, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
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
                    if (m == null) {
                        return; // the connection is being released
                    }
                    if (m == BackChannelQueue.END) {
                        out.flush();
                        socket.shutdownOutput();
                        return;
                    }
                    out.write(m);
                }
            } catch (Throwable e) { // IOException, an interrupt, or out of memory: the connection hears of it
                if (!closingSocket && !closed) {
                    writerError = describe(e);
                    LOG.info("connection {}: the back channel to {} failed: {}", number, remote, writerError);
                }
                queue.close();
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void warnQuietly(String format, Throwable e, long pause) {
        try {
            LOG.warn(format, e.toString(), pause);
        } catch (Throwable ignored) {
            // logging itself may fail out of memory: the back-off still happens
        }
    }

    private static void errorQuietly(String message, Throwable e) {
        try {
            if (e instanceof OutOfMemoryError) {
                LOG.error(message); // no stack trace: it would need the memory that is short
            } else {
                LOG.error(message, e);
            }
        } catch (Throwable ignored) {
            // out of memory even for the log line: the result (or its absence) says the rest
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
