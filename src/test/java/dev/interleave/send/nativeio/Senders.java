package dev.interleave.send.nativeio;

import dev.interleave.send.PacketWriter;
import dev.interleave.send.SenderConnection;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.ThreadRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** N threads behind a gate pulling ids from one counter, as the run's SendJob does. Test driver. */
final class Senders {
    final Thread[] threads;
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch gate = new CountDownLatch(1);

    private Senders(SenderConnection conn, SenderTelemetry telemetry, int count, long packets) {
        AtomicLong next = new AtomicLong();
        threads = new Thread[count];
        List<PacketWriter> writers = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            writers.add(conn.writer(t));
        }
        for (int t = 0; t < count; t++) {
            PacketWriter w = writers.get(t);
            ThreadRecorder r = telemetry.thread(t);
            threads[t] = Thread.ofPlatform().daemon(true).name("sender-" + t).unstarted(() -> {
                try {
                    gate.await();
                    for (long id; (id = next.getAndIncrement()) < packets; ) {
                        r.beginPacket(id);
                        w.send(id, r);
                        r.endPacket(id);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads[t].start();
        }
        telemetry.markStart();
        gate.countDown();
    }

    static Senders start(SenderConnection conn, SenderTelemetry telemetry, int threads, long packets) {
        return new Senders(conn, telemetry, threads, packets);
    }

    /** Joins every thread; returns false if one is still running after {@code millis} in all. */
    boolean join(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            t.join(left);
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
