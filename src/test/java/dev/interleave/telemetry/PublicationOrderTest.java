package dev.interleave.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order in which a recorder publishes a finished packet: its log entry first, then the count
 * (a release store after the entry's plain stores). Checked on one thread by watching the writes, so
 * the test says the same on every run; no race is needed to see the order.
 */
class PublicationOrderTest {

    @Test
    void aPacketIsCountedOnlyAfterItsLogEntryIsWritten() {
        List<String> writes = new ArrayList<>();
        ThreadRecorder[] recorder = new ThreadRecorder[1];
        PacketLog log = new PacketLog(8) {
            @Override
            void record(long packetId, int threadIndex, long startNanos, long durationNanos, long partialSends) {
                writes.add("entry #" + packetId + " while counted " + recorder[0].packets());
                super.record(packetId, threadIndex, startNanos, durationNanos, partialSends);
            }
        };
        SenderTelemetry telemetry = new SenderTelemetry(1, log, 16);
        recorder[0] = telemetry.thread(0);
        for (long id = 0; id < 3; id++) {
            recorder[0].beginPacket(id);
            recorder[0].sendCall(id, 124, 124);
            recorder[0].endPacket(id);
            assertThat(log.thread(id)).as("the entry is there once counted").isZero();
        }
        assertThat(writes).containsExactly("entry #0 while counted 0", "entry #1 while counted 1",
                "entry #2 while counted 2");
        assertThat(recorder[0].packets()).isEqualTo(3);
    }
}
