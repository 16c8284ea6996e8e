package dev.interleave.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SenderTelemetryTest {

    @Test
    void eachThreadCountsItsOwnSendsAndPartialSendsWithoutSharing() throws Exception {
        int threads = 8;
        int packetsEach = 20_000;
        SenderTelemetry tel = new SenderTelemetry(threads, (long) threads * packetsEach, 1_000);
        tel.markStart();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            ts.add(Thread.ofPlatform().start(() -> {
                ThreadRecorder r = tel.thread(thread);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < packetsEach; i++) {
                    long id = (long) thread * packetsEach + i;
                    r.beginPacket(id);
                    if (i % 10 == 0) {
                        r.sendCall(id, 100, 40); // partial
                        r.sendCall(id, 60, 0);   // would block
                        r.sendCall(id, 60, 60);
                    } else {
                        r.sendCall(id, 100, 100);
                    }
                    r.endPacket(id);
                }
            }));
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        tel.markEnd();
        TelemetrySnapshot s = tel.snapshot();
        assertThat(s.packets()).isEqualTo((long) threads * packetsEach);
        assertThat(s.bytes()).isEqualTo((long) threads * packetsEach * 100);
        assertThat(s.partialSends()).isEqualTo(threads * 2_000L);
        assertThat(s.wouldBlocks()).isEqualTo(threads * 2_000L);
        assertThat(s.sendCalls()).isEqualTo(threads * (18_000L + 3 * 2_000L));
        for (ThreadSnapshot t : s.threads()) {
            assertThat(t.events()).isEqualTo(1_000); // the log's bound
            assertThat(t.droppedEvents()).isEqualTo(1_000);
        }
        PacketLog log = tel.packets();
        for (int t = 0; t < threads; t++) {
            assertThat(log.thread((long) t * packetsEach + 5)).isEqualTo(t);
            assertThat(log.partialSends((long) t * packetsEach + 10)).isEqualTo(1);
            assertThat(log.partialSends((long) t * packetsEach + 11)).isZero();
        }
    }

    @Test
    void theEventsViewListsThreadsInOrderWithoutCopying() {
        SenderTelemetry tel = new SenderTelemetry(3, 10, 100);
        tel.thread(2).sendCall(7, 10, 3);
        tel.thread(0).sendCall(1, 10, 4);
        tel.thread(0).sendCall(2, 10, 5);
        List<PartialSendEvent> events = tel.events();
        assertThat(events).hasSize(3);
        assertThat(events).extracting(PartialSendEvent::thread).containsExactly(0, 0, 2);
        assertThat(events).extracting(PartialSendEvent::packetId).containsExactly(1L, 2L, 7L);
        assertThat(events).extracting(PartialSendEvent::written).containsExactly(4L, 5L, 3L);
        tel.thread(1).sendCall(9, 10, 1);
        assertThat(events).hasSize(3); // fixed when made
        assertThat(tel.events()).hasSize(4);
    }

    @Test
    void theEventBudgetIsSharedByTheThreads() {
        assertThat(SenderTelemetry.eventsPerThread(1)).isEqualTo(SenderTelemetry.EVENT_BUDGET);
        assertThat(SenderTelemetry.eventsPerThread(256)).isEqualTo(1 << 14);
        assertThat((long) SenderTelemetry.eventsPerThread(256) * 256 * 32).isLessThanOrEqualTo(128L << 20);
    }

    @Test
    void packetsPastTheLogCapacityAreNotKeptButCounted() {
        SenderTelemetry tel = new SenderTelemetry(1, 4, 10);
        ThreadRecorder r = tel.thread(0);
        for (long id = 0; id < 6; id++) {
            r.beginPacket(id);
            r.sendCall(id, 10, 10);
            r.endPacket(id);
        }
        assertThat(r.packets()).isEqualTo(6);
        assertThat(tel.packets().thread(3)).isZero();
        assertThat(tel.packets().thread(5)).isEqualTo(PacketLog.NO_THREAD);
    }

    @Test
    void copyThreadsCrossesChunksAndTheCapacity() {
        long capacity = (1 << 20) + 10;
        SenderTelemetry tel = new SenderTelemetry(2, capacity, 10);
        ThreadRecorder r = tel.thread(1);
        for (long id = (1 << 20) - 3; id < capacity; id++) {
            r.beginPacket(id);
            r.endPacket(id);
        }
        short[] dst = new short[20];
        tel.packets().copyThreads((1 << 20) - 5, dst, 0, 20);
        assertThat(dst[0]).isEqualTo(PacketLog.NO_THREAD);
        assertThat(dst[1]).isEqualTo(PacketLog.NO_THREAD);
        for (int k = 2; k < 15; k++) {
            assertThat(dst[k]).isEqualTo((short) 1);
        }
        for (int k = 15; k < 20; k++) {
            assertThat(dst[k]).isEqualTo(PacketLog.NO_THREAD); // past the capacity
        }
    }
}
