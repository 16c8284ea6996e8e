package dev.interleave.run;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.telemetry.ThreadSnapshot;
import dev.interleave.verify.Budget;
import dev.interleave.verify.ByteAccount;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerdictSink;
import dev.interleave.verify.VerifierLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One outside sender's connection, verified live by a {@link Listening} verifier in this process: a
 * program in any language that speaks the wire format (a reference client, your own). It begins at
 * the sender's Hello and ends with the connection. What this process knows of it is what the bytes say
 * (verdicts, and per thread index the frames and their bytes) and, once it arrives, what the sender
 * claims in its report (send calls, partial sends, its description): shown as claims, never used for
 * a verdict (design.md, invariant 7). The views read it as any {@link LiveRun}; its result is a
 * {@link RunResult} like any run's, so the banner, the CSV and the pictures work the same.
 *
 * <p>The connection's verifier thread feeds it ({@link #sink()}, {@link #finish}); everything public
 * may be called from any thread.
 */
public final class OutsideRun implements LiveRun {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutsideRun.class);
    /** How the window's RunConfig names an outside sender's way of writing (its description follows). */
    public static final String STRATEGY = RunConfig.OUTSIDE_SENDER;
    /** Bytes of verdicts this run may keep: as much as a verifier server gives one connection (22,000,000 ids). */
    static final long BOARD_BYTES = 64L << 20;
    /** The grid's first size when the Hello announced no count; it doubles as ids pass it. */
    static final long FIRST_GRID = 1024;

    private final Hello hello;
    private volatile String remote = "";
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private final VerdictBoard board;
    private final FramesSeen frames = new FramesSeen();
    private final Packets packets = new Packets();
    private final Runnable dropConnection;
    private final LongSupplier refusals;
    private final long refusalsAtStart;
    private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
    private final VerdictSink sink;
    private volatile SenderReport report;
    private volatile RunPhase phase = RunPhase.SENDING;
    private volatile boolean cancelled;

    /**
     * @param hello          the sender's Hello
     * @param dropConnection closes the sender's connection (a Stop); any thread
     * @param refusals       connections the listener has refused so far (others that came while this ran)
     */
    OutsideRun(Hello hello, Runnable dropConnection, LongSupplier refusals) {
        this.hello = hello;
        this.dropConnection = dropConnection;
        this.refusals = refusals;
        this.refusalsAtStart = refusals.getAsLong();
        // Bounded by bytes, not by the peer's claims: ids far apart get chunks until the budget says no.
        this.board = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.LARGE_CHUNK_BITS,
                Budget.of(BOARD_BYTES, "bytes of verdicts"));
        this.sink = new Sink();
    }

    /** What the verifier tells this run, on the connection's thread. */
    VerdictSink sink() {
        return sink;
    }

    // ---------------------------------------------------------------- what it is

    /** The sender's Hello. Any thread. */
    public Hello hello() {
        return hello;
    }

    /** The sender's address as the verifier saw it, e.g. "127.0.0.1:54321", once the run ended ("" before). Any thread. */
    public String remote() {
        return remote;
    }

    /** The sender's report, once it arrived (it comes after the last frame); empty before, or if never. Any thread. */
    public java.util.Optional<SenderReport> report() {
        return java.util.Optional.ofNullable(report);
    }

    /** What the sender says it is, control characters replaced; "" until its report arrives. Any thread. */
    public String description() {
        SenderReport r = report;
        return r == null ? "" : r.sanitizedDescription().strip();
    }

    /** Where its send counts come from: its report's claims, or nothing yet. Any thread. */
    public PartialSendSource partialSends() {
        return PartialSendSource.of(report);
    }

    /** Other senders the listener refused since this one connected (it shows one at a time). Any thread. */
    public long othersRefused() {
        return Math.max(0, refusals.getAsLong() - refusalsAtStart);
    }

    /**
     * What the run is so far: threads (its report's count, else the highest thread index seen or the
     * Hello's count, 1 to 4,096), packets (the Hello's count, else the packets decided), the payload
     * size if every frame had one ({@link FramesSeen#MIXED} = -1 when they differed), and a strategy
     * that names it as an outside sender with its description. Any thread.
     */
    @Override
    public RunConfig config() {
        long expected = hello.expectedPackets();
        long packetCount = expected > 0 ? expected : board.snapshotCounts().decided();
        return new RunConfig(strategyName(description()), false, threads(), packetCount, frames.uniformPayload(),
                0, false, 0, 0, Target.inProcess(), Duration.ZERO);
    }

    /** "outside sender", or "outside sender: DESCRIPTION". Pure. */
    static String strategyName(String description) {
        return description.isEmpty() ? STRATEGY : STRATEGY + ": " + description;
    }

    private int threads() {
        SenderReport r = report;
        if (r != null) {
            return r.threads().size();
        }
        long claimed = Math.min(FramesSeen.MAX_THREADS, Math.max(1, hello.threads()));
        return (int) Math.max(claimed, frames.maxThread() + 1);
    }

    @Override
    public RunPhase phase() {
        return phase;
    }

    private long elapsedNanos() {
        long end = endNanos;
        return (end != 0 ? end : System.nanoTime()) - startNanos;
    }

    /** The run now; one pass over its threads. Any thread. */
    @Override
    public RunSnapshot snapshot() {
        ByteAccount bytes = board.byteAccount();
        long expected = hello.expectedPackets();
        int payload = frames.uniformPayload();
        return new RunSnapshot(phase, elapsedNanos(), sender(), board.snapshotCounts(), bytes.received(),
                bytes.unattributable(), expected, payload < 0 ? 0 : expected * WireFormat.frameLength(payload),
                partialSends());
    }

    /**
     * Per thread: the frames and frame bytes that arrived with its index, and, once the report came, the
     * send calls, partial sends and would-blocks it claims (0 where it measured none).
     */
    private TelemetrySnapshot sender() {
        SenderReport r = report;
        int n = threads();
        List<ThreadSnapshot> list = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            SenderReport.ThreadCounts c = r != null && t < r.threads().size() ? r.threads().get(t) : null;
            list.add(new ThreadSnapshot(t, frames.packets(t), frames.bytes(t), claim(c == null ? -1 : c.sendCalls()),
                    claim(c == null ? -1 : c.partialSends()), claim(c == null ? -1 : c.wouldBlocks()), 0, 0, 0));
        }
        return new TelemetrySnapshot(elapsedNanos(), list);
    }

    /** A claimed count, 0 when not measured (the source says which). */
    private static long claim(long v) {
        return SenderReport.ThreadCounts.isMeasured(v) ? Math.max(0, v) : 0;
    }

    @Override
    public PacketView packets() {
        return packets;
    }

    /** None: this process did not send. */
    @Override
    public SenderTelemetry telemetry() {
        return null;
    }

    /** Drops the sender's connection; the result is partial (CANCELLED). Any thread; idempotent. */
    @Override
    public void cancel() {
        if (!completion.isDone()) {
            cancelled = true;
            dropConnection.run();
        }
    }

    @Override
    public CompletableFuture<RunResult> completion() {
        return completion;
    }

    // ---------------------------------------------------------------- the end

    /**
     * The connection ended: seals the verdicts (a completed stream's never-seen ids are missing; a cut
     * one's packets in flight are not torn, only not sent whole) and completes the run with its result.
     * Connection thread, after its last verdict; only the first call counts.
     */
    void finish(ConnectionResult r) {
        if (completion.isDone()) {
            return;
        }
        remote = Listening.host(r.remoteAddress());
        if (report == null && r.senderReport() != null) {
            report = r.senderReport();
        }
        boolean byUs = cancelled || r.end() == ConnectionResult.End.SERVER_CLOSED;
        RunOutcome outcome = r.end() == ConnectionResult.End.END_OF_STREAM && !cancelled ? RunOutcome.COMPLETED
                : byUs ? RunOutcome.CANCELLED : RunOutcome.FAILED;
        end(outcome, r, r.end() != ConnectionResult.End.FAILED);
    }

    /** Ends the run without a connection's result (the listener closed and none came). Any thread. */
    void abandon(String why) {
        if (!completion.isDone()) {
            end(RunOutcome.CANCELLED, null, true);
            LOG.debug("outside run ended without its result: {}", why);
        }
    }

    /** Once: on the connection's thread after its last verdict, or after the listener closed (no feeding then). */
    private synchronized void end(RunOutcome outcome, ConnectionResult connection, boolean known) {
        if (completion.isDone()) {
            return;
        }
        endNanos = System.nanoTime();
        if (outcome == RunOutcome.COMPLETED) {
            board.seal(hello.expectedPackets());
        } else {
            // A cut packet was not sent whole, but not torn either: it leaves the torn and the frames.
            for (TornPacket t : board.tornPackets()) {
                if (board.revertCut(t)) {
                    frames.uncount(t.thread(), t.payloadLength());
                }
            }
        }
        packets.finished = true;
        String failure = outcome == RunOutcome.FAILED ? failure(connection) : null;
        ByteAccount bytes = board.byteAccount();
        List<String> problems = new ArrayList<>();
        for (StreamProblem p : board.problems()) {
            problems.add(p.inWords());
        }
        if (frames.beyondThreads() > 0) {
            problems.add(String.format(Locale.ROOT, "%,d packets named a thread index of %,d or more: counted in all, "
                    + "not per thread", frames.beyondThreads(), FramesSeen.MAX_THREADS));
        }
        RunEnvironment here = RunEnvironment.current();
        // The machine is this one's (it verified); the runtime that sent is the sender's, named in its description.
        RunEnvironment env = new RunEnvironment(here.os(), here.osVersion(), here.arch(), here.kernel(),
                "none: an outside sender (see its description)", here.cpus());
        RunResult result = new RunResult(config(), env, startedAt, elapsedNanos() / 1e9, outcome, failure, sender(),
                board.snapshotCounts(), known, bytes.received(), bytes.received(), bytes.unattributable(),
                board.tornPackets(), List.of(), problems, packets, report);
        phase = switch (outcome) {
            case COMPLETED -> RunPhase.DONE;
            case CANCELLED -> RunPhase.CANCELLED;
            case FAILED -> RunPhase.FAILED;
        };
        completion.complete(result);
    }

    /** Why a connection that did not end with the sender's half-close failed, in words. */
    private String failure(ConnectionResult r) {
        String after = String.format(Locale.ROOT, " after %,d packets", frames.frames());
        String detail = r.endDetail().isEmpty() ? "" : ": " + r.endDetail();
        return switch (r.end()) {
            case RESET -> "the sender's connection broke" + after + detail + " (it vanished without closing)";
            case IDLE_TIMEOUT -> "the sender went silent" + after + detail;
            case FAILED -> "the verifier failed" + after + detail;
            default -> "the connection ended" + after + " (" + r.end() + ")" + detail;
        };
    }

    // ---------------------------------------------------------------- feeding (the connection's thread)

    /** The board, with every decided frame's thread and length counted on the way. */
    private final class Sink implements VerdictSink {
        @Override
        public void hello(Hello h) {
            board.hello(h);
        }

        @Override
        public void packetWhole(long packetId, int thread, int payloadLength) {
            frames.frame(packetId, thread, payloadLength);
            board.packetWhole(packetId, thread, payloadLength);
        }

        @Override
        public void packetTorn(TornPacket t) {
            frames.frame(t.packetId(), t.thread(), t.payloadLength());
            board.packetTorn(t);
        }

        @Override
        public void problem(StreamProblem p) {
            board.problem(p);
        }

        @Override
        public void senderReport(SenderReport r) {
            report = r;
        }

        @Override
        public void bytes(ByteAccount d) {
            board.bytes(d);
        }
    }

    // ---------------------------------------------------------------- per packet

    /**
     * The run's packets for the grid: verdicts and threads from the board. Its size is the Hello's
     * count; when ids pass it (a sender that announced none) it doubles past the highest, so the grid
     * grows a few times, not per packet; once the run ended it is exact. What a sender did inside its
     * send calls is not known here: the details say so (-1).
     */
    private final class Packets implements PacketView {
        private volatile boolean finished;

        @Override
        public long size() {
            long expected = hello.expectedPackets();
            long seen = frames.maxId() + 1;
            if (finished || seen <= expected) {
                return Math.max(expected, seen);
            }
            long s = Math.max(FIRST_GRID, expected);
            while (s < seen) {
                s <<= 1;
            }
            return s;
        }

        @Override
        public void copyVerdicts(long from, byte[] dst, int off, int len) {
            board.copyVerdicts(from, dst, off, len);
        }

        @Override
        public void copyThreads(long from, short[] dst, int off, int len) {
            for (int k = 0; k < len; k++) {
                dst[off + k] = (short) board.thread(from + k);
            }
        }

        // Not through details(): that looks up a torn packet's splice, and a report asks every id.
        @Override
        public long startMicros(long packetId) {
            return PacketDetails.UNKNOWN;
        }

        @Override
        public long durationMicros(long packetId) {
            return PacketDetails.UNKNOWN;
        }

        @Override
        public int partialSends(long packetId) {
            return PacketDetails.UNKNOWN;
        }

        @Override
        public PacketDetails details(long packetId) {
            var verdict = board.verdict(packetId);
            String splice = "";
            if (verdict == dev.interleave.verify.Verdict.TORN) {
                splice = board.tornPackets().stream().filter(t -> t.packetId() == packetId).findFirst()
                        .map(TornPacket::describe).orElse("torn (details past the verifier's bound were not kept)");
            }
            return new PacketDetails(packetId, board.thread(packetId), verdict, PacketDetails.UNKNOWN,
                    PacketDetails.UNKNOWN, PacketDetails.UNKNOWN, splice, List.of());
        }
    }
}
