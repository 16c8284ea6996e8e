package dev.interleave.send;

import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import dev.interleave.send.nativeio.ThreadNiceness;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The send engine of one run: N platform threads behind a start gate pull packet ids from one
 * counter and send them. The counter is the only thing the threads share on the send path; no lock,
 * no synchronized, no queue (design.md, invariant 1). Created on the run's control thread.
 */
public final class SendJob {
    /**
     * The senders' nice value (Linux): with more busy senders than cores, equal shares would leave the
     * verifier and the window a sliver of the CPU; see ThreadNiceness.
     */
    static final int SENDER_NICENESS = 19;

    private final SenderConnection connection;
    private final SenderTelemetry telemetry;
    private final long packets;
    private final Thread[] threads;
    /** Each sender's nice value as it read it back before the gate (Integer.MIN_VALUE: unknown). */
    private final int[] niceness;
    private final AtomicLong nextPacket = new AtomicLong();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** The thread writing the report and half-closing, once every sending thread has ended; control thread only. */
    private Thread reporter;
    /** The sender report written after the last packet, or null (none yet, or a stopped or failed job). */
    private volatile SenderReport report;
    private volatile long reportBytes;
    // Checked between packets: set by cancel() or by the first failure.
    private volatile boolean stopping;
    private volatile boolean cancelled;

    private SendJob(SenderConnection connection, SenderTelemetry telemetry, long packets, int threadCount) {
        this.connection = connection;
        this.telemetry = telemetry;
        this.packets = packets;
        this.threads = new Thread[threadCount];
        this.niceness = new int[threadCount];
    }

    /**
     * Starts {@code threads} sending threads ({@code sender-0} ..) on {@code conn}, each with its writer
     * and its recorder, marks the start in {@code telemetry} and opens the gate. Returns at once.
     * Control thread, after the strategy's open().
     *
     * @param packets packets to send, ids {@code 0..packets-1}, at most 2^32
     * @param threads 1..telemetry.threads()
     */
    public static SendJob start(SenderConnection conn, SenderTelemetry telemetry, long packets, int threads) {
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(telemetry, "telemetry");
        if (threads < 1 || threads > telemetry.threads()) {
            throw new IllegalArgumentException("threads must be 1.." + telemetry.threads() + ": " + threads);
        }
        if (packets < 0 || packets > WireFormat.MAX_PACKET_ID + 1) {
            throw new IllegalArgumentException("packets must be 0..2^32 (ids are 32-bit): " + packets);
        }
        SendJob job = new SendJob(conn, telemetry, packets, threads);
        CountDownLatch ready = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            PacketWriter writer = conn.writer(t); // on this thread, before the gate (SenderConnection)
            ThreadRecorder recorder = telemetry.thread(t);
            int index = t;
            Thread thread = Thread.ofPlatform().name("sender-" + t).daemon(true).unstarted(() -> {
                ThreadNiceness.lowerCurrentThread(SENDER_NICENESS);
                job.niceness[index] = ThreadNiceness.currentThreadNice().orElse(Integer.MIN_VALUE);
                ready.countDown(); // publishes niceness[index] to the control thread
                job.sendLoop(writer, recorder);
            });
            job.threads[t] = thread;
        }
        try {
            for (Thread thread : job.threads) {
                thread.start();
            }
        } catch (RuntimeException | Error e) {
            // Out of native threads, say: release the ones already started with nothing to send.
            job.stopping = true;
            job.gate.countDown();
            throw e;
        }
        // Every thread waits at the gate before the clock starts, so thread start-up is not timed.
        awaitUninterruptibly(ready);
        telemetry.markStart();
        job.gate.countDown();
        return job;
    }

    private void sendLoop(PacketWriter writer, ThreadRecorder recorder) {
        try {
            gate.await();
            while (!stopping) {
                long id = nextPacket.getAndIncrement();
                if (id >= packets) {
                    return;
                }
                recorder.beginPacket(id);
                writer.send(id, recorder);
                recorder.endPacket(id);
            }
        } catch (InterruptedException | IOException | RuntimeException | Error e) {
            fail(e);
        }
    }

    // The first failure stops the job and closes the connection so the other threads stop too; what
    // they throw then, like what any thread throws after a cancel, is a consequence, not a failure.
    private void fail(Throwable e) {
        if (stopping) {
            return;
        }
        if (failure.compareAndSet(null, e)) {
            stopping = true;
            connection.close();
        }
    }

    /**
     * Stops the job as failed with {@code cause} (unless it failed already): no thread starts another
     * packet, and the connection is closed so that a thread blocked in a write, in the JDK or in the
     * kernel (native send(): SharedFd shuts the socket down), returns at once. A watchdog's way to end
     * a job that makes no progress. Any thread; idempotent.
     */
    public void abort(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        if (failure.compareAndSet(null, cause)) {
            stopping = true;
            connection.close();
        }
    }

    /**
     * The sending threads' nice value (Linux; it changes how often they are preempted, so the tear
     * rate), as they read it back after lowering it; empty when unknown (not Linux, or the threads
     * differ). Any thread, once {@link #start} returned.
     */
    public OptionalInt senderNice() {
        int first = niceness.length == 0 ? Integer.MIN_VALUE : niceness[0];
        for (int n : niceness) {
            if (n != first) {
                return OptionalInt.empty();
            }
        }
        return first == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(first);
    }

    /**
     * Stops the job: no thread starts another packet, and the connection is closed so that a thread
     * blocked in a write returns at once. Returns without waiting; {@link #await} waits. Any thread;
     * idempotent. After the job has finished it only closes the connection.
     */
    public void cancel() {
        if (!finished.get()) {
            cancelled = true;
        }
        stopping = true;
        connection.close();
    }

    /**
     * Waits for every sending thread, then marks the end in the telemetry and, when all packets went
     * out, has the sender report written from the threads' own counters and the connection half-closed
     * (on a thread "sender-report"), and waits for that too. A stopped or failed job writes no report.
     * Control thread.
     */
    public void await() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        finishSending().join();
        finished.set(true);
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}. Returns true when the job has
     * finished: every sending thread has ended and the report is written. A caller that keeps waiting
     * in steps (a watchdog between them) can {@link #abort} a report write that a silent verifier
     * holds up, as it can a packet's. Control thread.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!t.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        if (!finishSending().join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            return false;
        }
        finished.set(true);
        return true;
    }

    /**
     * Once, after every sending thread has ended: marks the end and starts the thread that writes the
     * report and half-closes (none after a stop or a failure). Returns that thread (an ended one when
     * there is nothing to write).
     */
    private Thread finishSending() {
        Thread r = reporter;
        if (r != null) {
            return r;
        }
        telemetry.markEnd();
        if (cancelled || failure.get() != null) {
            r = Thread.ofPlatform().unstarted(() -> { });
            r.start();
        } else {
            r = Thread.ofPlatform().name("sender-report").daemon(true).start(this::writeReport);
        }
        reporter = r;
        return r;
    }

    private void writeReport() {
        try {
            // Every sending thread has ended (joined): their counters are final, and this thread alone
            // writes now, so the report takes nothing from the send path (invariant 1).
            SenderReport r = SenderReports.of(connection.runId(), connection.writeApi(), telemetry.snapshot(),
                    threads.length);
            reportBytes = connection.finishSending(r);
            report = r;
        } catch (IOException | RuntimeException e) {
            if (!cancelled) {
                failure.compareAndSet(null, e); // after an abort(), its cause is the failure already
            }
        }
    }

    /**
     * The sender report this job wrote (for a run of several connections, each carried its own
     * threads' rows of it), or empty: not finished yet, stopped, failed, or the write failed. Any thread.
     */
    public Optional<SenderReport> report() {
        return Optional.ofNullable(report);
    }

    /** Bytes of sender report written, on all connections together (0 without one). Any thread. */
    public long reportBytes() {
        return reportBytes;
    }

    /** The first error that stopped a sending thread (or the report's write, or the half-close), if any. Any thread. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** True when {@link #cancel()} was called before the job finished. Any thread. */
    public boolean cancelled() {
        return cancelled;
    }

    /** True once {@link #await} has seen every sending thread end and the report written. Any thread. */
    public boolean finished() {
        return finished.get();
    }

    /** Packets whose whole frame has been written, summed over the threads' own counters. Any thread. */
    public long packetsDone() {
        long sum = 0;
        for (int t = 0; t < threads.length; t++) {
            sum += telemetry.thread(t).packets();
        }
        return sum;
    }

    /**
     * Packets a sending thread has taken so far: each one is being sent or was sent. Any thread; it
     * reads the shared counter, never writes it.
     */
    public long packetsStarted() {
        return Math.min(packets, nextPacket.get());
    }

    /** Packets this job was asked to send. Any thread. */
    public long packets() {
        return packets;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
