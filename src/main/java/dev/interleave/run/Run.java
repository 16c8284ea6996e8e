package dev.interleave.run;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import dev.interleave.send.SendJob;
import dev.interleave.send.SendSetup;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.SenderConnection;
import dev.interleave.send.Strategies;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.verify.BackChannelReader;
import dev.interleave.verify.ByteAccount;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerdictSink;
import dev.interleave.verify.VerifierLimits;
import dev.interleave.verify.VerifierRefusedException;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.VerifierServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the experiment, end to end (design.md, "One run"): the verifier (in this process on
 * loopback, or a remote {@code interleave serve}), the sender's connection(s), the send job, the
 * verdicts, the result. A control thread of its own drives it; readers (the window's frame loop, the
 * CLI's progress line) take {@link #snapshot()}s without locks.
 */
public final class Run implements LiveRun, Awaitable<RunResult> {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    /** Packets whose send facts are kept (11 bytes each); past this only verdicts are kept. */
    static final long TRACKED_PACKETS = 20_000_000;
    /** How long the verifier may stay silent after the last packet before the run gives up on it. */
    static final Duration VERIFY_STALL = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The in-process back channel is read only to keep it flowing: its board keeps no packet. */
    private static final VerifierLimits DISCARD = new VerifierLimits(WireFormat.MAX_PAYLOAD, 1, 2, 0, 0, 1);

    private final RunConfig config;
    private final SendStrategy strategy;
    private final SenderTelemetry telemetry;
    private final VerdictBoard board;
    private final RunPackets packets;
    private final Instant startedAt = Instant.now();
    private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
    private final AtomicInteger summaries = new AtomicInteger();
    private volatile RunPhase phase = RunPhase.STARTING;
    private volatile boolean cancelled;
    private volatile SenderConnection connection;
    private volatile SendJob job;
    private volatile VerifierServer server;
    private volatile int connections;
    /** The verifier as "host:port", for messages; set before sending. */
    private volatile String verifierAt = "";
    /** Bytes read from the back channels: the verifier's sign of life seen from a remote sender. */
    private final AtomicLong backChannelBytes = new AtomicLong();
    /** The verifier refused a connection (a REFUSED message); the run fails with its reason. */
    private volatile VerifierRefusedException refusal;
    /** The first back channel that failed (not by our own close), as text; null when none did. */
    private volatile String backChannelFailure;
    /** Set once this run closes its own connection: a reader's error after that is ours, not the verifier's. */
    private volatile boolean closing;
    /** The sender reports the in-process verifier received, one per connection that carried one. */
    private final List<SenderReport> receivedReports = new CopyOnWriteArrayList<>();
    /** Takes each of this run's connections' sender report from the in-process verifier (its claims only). */
    private final VerdictSink reportTaker = new VerdictSink() {
        @Override public void hello(Hello hello) { }
        @Override public void packetWhole(long packetId, int thread, int payloadLength) { }
        @Override public void packetTorn(TornPacket torn) { }
        @Override public void problem(StreamProblem problem) { }
        @Override public void bytes(ByteAccount delta) { }
        @Override public void senderReport(SenderReport report) {
            receivedReports.add(report);
        }
    };
    private final long runId = newRunId();

    private static long newRunId() {
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        return id;
    }

    private Run(RunConfig config, SendStrategy strategy) {
        this.config = config;
        this.strategy = strategy;
        this.telemetry = new SenderTelemetry(config.threads(), Math.min(config.packets(), TRACKED_PACKETS),
                SenderTelemetry.eventsPerThread(config.threads()));
        this.board = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.LARGE_CHUNK_BITS);
        this.packets = new RunPackets(config.packets(), board, telemetry);
    }

    /**
     * Validates {@code config} and starts the run on a control thread of its own; returns at once.
     * Problems met later (a strategy that cannot run here, a verifier that cannot be reached) end the
     * run as FAILED with a message. Any thread.
     */
    public static Run start(RunConfig config) throws InvalidConfigException {
        config.validated();
        SendStrategy s = Strategies.byName(config.strategy()).orElseThrow();
        Run run = new Run(config, config.lock() ? Strategies.withLock(s) : s);
        Thread.ofPlatform().name("run-control").daemon().start(run::control);
        return run;
    }

    /** Any thread. */
    @Override
    public RunConfig config() {
        return config;
    }

    /** Any thread. */
    @Override
    public RunPhase phase() {
        return phase;
    }

    /** The run now; cheap and lock-free. Any thread (the FX thread calls it once per frame). */
    @Override
    public RunSnapshot snapshot() {
        ByteAccount bytes = board.byteAccount();
        return new RunSnapshot(phase, phase == RunPhase.STARTING ? 0 : telemetry.elapsedNanos(), telemetry.snapshot(),
                board.snapshotCounts(), bytes.received(), bytes.unattributable(), config.packets(),
                config.frameBytes());
    }

    /** Per-packet state for the grid and the report. Any thread. */
    @Override
    public PacketView packets() {
        return packets;
    }

    /** The sender's instruments (per-thread partial-send event logs). Any thread. */
    @Override
    public SenderTelemetry telemetry() {
        return telemetry;
    }

    /** Stops the run within a second; the result is partial. Any thread; idempotent. */
    @Override
    public void cancel() {
        cancelled = true;
        closing = true;
        SendJob j = job;
        if (j != null) {
            j.cancel();
        }
        SenderConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** Completes with the result, on the run's control thread. Any thread. */
    @Override
    public CompletableFuture<RunResult> completion() {
        return completion;
    }

    // ---------------------------------------------------------------- the control thread

    private void control() {
        String failure = null;
        List<Thread> readers = new ArrayList<>();
        try {
            failure = strategy.unavailableReason().orElse(null);
            if (failure == null) {
                failure = drive(readers);
            }
        } catch (IOException e) {
            failure = cancelled ? null : describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException | Error e) {
            // An Error too (out of direct memory for the frame buffers, say): the run must still end.
            LOG.error("run failed", e);
            failure = e instanceof OutOfMemoryError ? "out of memory: " + describe(e)
                    + " (fewer threads or smaller packets need less)" : describe(e);
        } finally {
            closing = true;
            SenderConnection c = connection;
            if (c != null) {
                c.close();
            }
            VerifierServer srv = server;
            if (srv != null) {
                srv.close();
            }
            // The connection is closed, so the readers end at once; one second for all of them at most.
            long deadline = System.nanoTime() + 1_000_000_000L;
            for (Thread t : readers) {
                try {
                    t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        finish(failure);
    }

    /** Returns a failure message, or null when the run completed or was cancelled. */
    private String drive(List<Thread> readers) throws IOException, InterruptedException {
        InetSocketAddress address;
        if (config.target().isInProcess()) {
            VerifierServer srv = VerifierServer.start(ServerConfig.defaults()
                    // socket-per-thread opens one connection per thread: up to 256, over the default 64
                    .withMaxConnections(Math.max(ServerConfig.defaults().maxConnections(), config.threads()))
                    .withReceiveBufferSize(config.receiveBuffer())
                    .withReadThrottleMBps(config.readThrottleMBps())
                    .withBoardFor(this::sinkFor)
                    .withBoardChunkBits(VerdictBoard.LARGE_CHUNK_BITS)); // one connection, one run
            server = srv;
            address = new InetSocketAddress(InetAddress.getLoopbackAddress(), srv.port());
        } else {
            address = new InetSocketAddress(config.target().host(), config.target().port());
            if (address.isUnresolved()) {
                return "unknown host '" + config.target().host() + "'";
            }
        }
        String host = config.target().isInProcess() ? address.getAddress().getHostAddress() : config.target().host();
        verifierAt = (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        Hello hello = new Hello(runId, config.packets(), config.threads());
        if (cancelled) {
            return null;
        }
        SendSetup setup = new SendSetup(address, config.threads(), config.payloadSize(), hello, config.sendBuffer(),
                config.tcpNoDelay());
        SenderConnection conn;
        try {
            conn = open(setup);
        } catch (IOException e) {
            return cancelled ? null : ConnectFailure.describe(address, e);
        }
        if (conn == null) {
            return null; // stopped while connecting
        }
        connection = conn;
        if (cancelled) {
            conn.close();
            return null;
        }
        List<InputStream> streams = conn.resultStreams();
        connections = streams.size();
        // In process the verifier feeds the board directly; its back channel is still read (and must
        // be, or its writer would wait), so both targets exercise the same protocol.
        VerdictBoard backSink = config.target().isInProcess() ? new VerdictBoard(DISCARD) : board;
        for (int i = 0; i < streams.size(); i++) {
            InputStream in = streams.get(i);
            Thread t = Thread.ofPlatform().name("results-" + i).daemon().start(() -> readResults(in, backSink));
            readers.add(t);
        }
        SendJob j = SendJob.start(conn, telemetry, config.packets(), config.threads());
        job = j;
        phase = RunPhase.SENDING;
        if (cancelled) {
            j.cancel();
        }
        VerifierRefusedException refused = refusal;
        if (refused != null) {
            j.abort(refused); // it came before the job was there to stop
        }
        String stalled = awaitSending(j);
        if (j.failure().isPresent() && refusal == null && stalled == null) {
            // A refused sender may meet the closed socket before its reader has read why: give the
            // readers a moment (the connection is closed, so they end at once).
            joinAll(readers, 1_000);
        }
        if (refusal != null) {
            return refused();
        }
        if (stalled != null) {
            return stalled;
        }
        if (j.cancelled() || cancelled) {
            return null;
        }
        if (j.failure().isPresent()) {
            return "sending failed: " + describe(j.failure().get());
        }
        phase = RunPhase.VERIFYING;
        boolean allEnded = waitForVerdicts(readers);
        if (!allEnded && config.target().isInProcess() && refusal == null) {
            // Undecided packets must not pass for missing ones: the verdicts are incomplete.
            return "the verifier went silent for " + VERIFY_STALL.toSeconds() + " s before deciding every packet";
        }
        if (refusal != null) {
            // One connection of several was refused while the others sent every packet: the readers
            // have ended now, so a refusal is known for certain.
            return refused();
        }
        String broken = backChannelFailure;
        if (broken != null && !config.target().isInProcess()) {
            // A remote run's verdicts come only through the back channel: without it they are unknown.
            return "the results from the verifier at " + verifierAt + " could not be read: " + broken;
        }
        return null;
    }

    private String refused() {
        return "the verifier at " + verifierAt + " refused the connection: " + refusal.getMessage();
    }

    /**
     * Waits for the job, watching its progress: a byte written by a sender, read back from the
     * verifier, or received and decided by the in-process verifier. After {@code progressTimeout}
     * without any, the job is aborted (which unblocks a send blocked in the kernel) and the message
     * says so; a refusal read meanwhile aborts it too. Returns the stall message, or null.
     */
    private String awaitSending(SendJob j) throws InterruptedException {
        long timeout = config.progressTimeout().toNanos();
        long last = progress();
        long lastAt = System.nanoTime();
        String stalled = null;
        while (!j.await(Duration.ofMillis(100))) {
            VerifierRefusedException refused = refusal;
            if (refused != null) {
                j.abort(refused);
                continue;
            }
            long p = progress();
            long now = System.nanoTime();
            if (p != last) {
                last = p;
                lastAt = now;
            } else if (timeout > 0 && stalled == null && now - lastAt > timeout) {
                stalled = "the verifier at " + verifierAt + " read nothing for " + seconds(config.progressTimeout());
                LOG.debug("{}; stopping the run", stalled); // the run fails with it, in words
                j.abort(new IOException(stalled));
            }
        }
        return stalled;
    }

    private long progress() {
        long sent = 0;
        for (int t = 0; t < telemetry.threads(); t++) {
            sent += telemetry.thread(t).bytes();
        }
        return sent + backChannelBytes.get() + board.byteAccount().received() + board.snapshotCounts().decided();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }

    private static void joinAll(List<Thread> threads, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /**
     * Opens the strategy's connection(s) on a thread of its own, so that Stop is not held up by a
     * connect that hangs (a host that drops SYNs holds one for the connect timeout, 10 s per socket).
     * Returns null when stopped first; a connection that arrives after that is closed.
     */
    private SenderConnection open(SendSetup setup) throws IOException, InterruptedException {
        CompletableFuture<SenderConnection> opening = new CompletableFuture<>();
        Thread.ofPlatform().name("run-connect").daemon().start(() -> {
            try {
                opening.complete(strategy.open(setup));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        });
        while (true) {
            try {
                return opening.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancelled) {
                    opening.thenAccept(SenderConnection::close);
                    return null;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IOException(cause);
            }
        }
    }

    /**
     * The in-process verifier's connections of this run feed the run's board, and hand over their
     * sender reports; strangers feed nothing.
     */
    private VerdictSink sinkFor(Hello hello) {
        return hello.runId() == runId ? VerdictSink.tee(board, reportTaker) : null;
    }

    private void readResults(InputStream in, VerdictBoard sink) {
        try {
            if (BackChannelReader.read(new Counting(in, backChannelBytes), sink).summaryArrived()) {
                summaries.incrementAndGet();
            }
        } catch (VerifierRefusedException e) {
            refusal = e;
            SendJob j = job;
            if (j != null) {
                j.abort(e);
            }
        } catch (IOException e) {
            SendJob j = job;
            boolean ours = closing || cancelled || j != null && j.failure().isPresent();
            if (!ours && backChannelFailure == null) {
                backChannelFailure = describe(e);
                // The result fails the run with this reason; the CLI and the window say so in words.
                LOG.debug("results from the verifier at {} could not be read: {}", verifierAt, e.getMessage());
            }
        }
    }

    /** Counts the bytes read through it (read by one reader thread; the count by any). */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /**
     * Waits until every back channel has ended (true), or the verifier went silent for VERIFY_STALL
     * (false). A cancel ends the wait too.
     */
    private boolean waitForVerdicts(List<Thread> readers) throws InterruptedException {
        long lastBytes = -1;
        long lastSummaries = -1;
        long lastProgress = System.nanoTime();
        for (Thread t : readers) {
            while (t.isAlive() && !cancelled) {
                t.join(50);
                // A remote board learns bytes only from the final summary: decided verdicts are progress too.
                long bytes = board.byteAccount().received() + board.snapshotCounts().decided();
                int s = summaries.get();
                if (bytes != lastBytes || s != lastSummaries) {
                    lastBytes = bytes;
                    lastSummaries = s;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > VERIFY_STALL.toNanos()) {
                    LOG.debug("the verifier sent nothing for {} s; giving up on its verdicts", VERIFY_STALL.toSeconds());
                    return false;
                }
            }
        }
        return true;
    }

    private void finish(String failure) {
        telemetry.markEnd();
        RunOutcome outcome = failure != null ? RunOutcome.FAILED
                : cancelled ? RunOutcome.CANCELLED : RunOutcome.COMPLETED;
        boolean known = config.target().isInProcess() || summaries.get() >= Math.max(1, connections);
        if (known && outcome == RunOutcome.COMPLETED) {
            board.seal(config.packets());
        } else if (known) {
            // A stopped or failed run is not sealed: what the verifier never decided stays pending
            // (not sent, or not verified before the stop), never "missing". And the stop cut the
            // packets in flight: cut is not torn when nothing else landed inside them.
            board.tornPackets().forEach(board::revertCut);
        }
        TelemetrySnapshot sender = telemetry.snapshot();
        ByteAccount bytes = board.byteAccount();
        long helloBytes = (long) WireFormat.HELLO_SIZE * connections;
        List<String> problems = board.problems().stream().map(StreamProblem::inWords).toList();
        SendJob j = job;
        RunEnvironment env = RunEnvironment.current().withSenderNice(j == null ? OptionalInt.empty() : j.senderNice());
        long reportBytes = j == null ? 0 : j.reportBytes();
        // In process, the report is what the verifier received (RunResult.ReportSource); a remote verifier
        // does not echo it back (protocol v1), so a remote run keeps the report this sender wrote.
        SenderReport report = config.target().isInProcess() ? merged(receivedReports)
                : j == null ? null : j.report().orElse(null);
        RunResult result = new RunResult(config, env, startedAt, telemetry.elapsedNanos() / 1e9,
                outcome, failure, sender, board.snapshotCounts(), known, sender.bytes() + helloBytes + reportBytes,
                bytes.received(), bytes.unattributable(), board.tornPackets(), telemetry.events(), problems, packets,
                report);
        phase = switch (outcome) {
            case COMPLETED -> RunPhase.DONE;
            case CANCELLED -> RunPhase.CANCELLED;
            case FAILED -> RunPhase.FAILED;
        };
        if (failure != null) {
            LOG.debug("run failed: {}", failure); // the result carries it: the CLI and the window say it in words
        }
        completion.complete(result);
    }

    /**
     * One report from the reports of a run's connections: socket-per-thread's connection of thread t
     * carries thread t's row and all ones in the others, so each count is the sum of the rows that
     * measured it (all ones where none did). Null when no report arrived.
     */
    static SenderReport merged(List<SenderReport> reports) {
        if (reports.isEmpty()) {
            return null;
        }
        if (reports.size() == 1) {
            return reports.getFirst();
        }
        int threads = reports.stream().mapToInt(r -> r.threads().size()).max().orElseThrow();
        long[][] sums = new long[threads][4];
        for (long[] row : sums) {
            java.util.Arrays.fill(row, SenderReport.ThreadCounts.NOT_MEASURED);
        }
        for (SenderReport r : reports) {
            for (int t = 0; t < r.threads().size(); t++) {
                SenderReport.ThreadCounts c = r.threads().get(t);
                long[] counts = {c.packets(), c.sendCalls(), c.partialSends(), c.wouldBlocks()};
                for (int k = 0; k < 4; k++) {
                    if (SenderReport.ThreadCounts.isMeasured(counts[k])) {
                        sums[t][k] = SenderReport.ThreadCounts.isMeasured(sums[t][k]) ? sums[t][k] + counts[k] : counts[k];
                    }
                }
            }
        }
        List<SenderReport.ThreadCounts> rows = new ArrayList<>(threads);
        for (long[] row : sums) {
            rows.add(new SenderReport.ThreadCounts(row[0], row[1], row[2], row[3]));
        }
        SenderReport first = reports.getFirst();
        return new SenderReport(first.runId(), rows, first.description());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
