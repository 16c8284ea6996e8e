package dev.interleave.run;

import dev.interleave.telemetry.PacketLog;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.Verdict;
import dev.interleave.verify.VerdictBoard;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's per-packet view: verdicts from the verifier's board, sending thread and timing from the
 * sender's packet log. Any thread; reads are racy-but-valid while the run goes on.
 */
final class RunPackets implements PacketView {
    private final long size;
    private final VerdictBoard board;
    private final SenderTelemetry telemetry;

    RunPackets(long size, VerdictBoard board, SenderTelemetry telemetry) {
        this.size = size;
        this.board = board;
        this.telemetry = telemetry;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void copyVerdicts(long from, byte[] dst, int off, int len) {
        board.copyVerdicts(from, dst, off, len);
    }

    @Override
    public void copyThreads(long from, short[] dst, int off, int len) {
        PacketLog log = telemetry.packets();
        long kept = Math.min(len, Math.max(0, log.capacity() - from));
        if (kept > 0) {
            log.copyThreads(from, dst, off, (int) kept);
        }
        for (int k = (int) Math.max(0, kept); k < len; k++) {
            // Past the sender's log (a huge CLI run): the verifier saw the thread in the header.
            dst[off + k] = (short) board.thread(from + k);
        }
    }

    @Override
    public long startMicros(long packetId) {
        return inLog(packetId) ? telemetry.packets().startMicros(packetId) : 0;
    }

    @Override
    public long durationMicros(long packetId) {
        return inLog(packetId) ? telemetry.packets().durationMicros(packetId) : 0;
    }

    @Override
    public int partialSends(long packetId) {
        return inLog(packetId) ? telemetry.packets().partialSends(packetId) : 0;
    }

    private boolean inLog(long id) {
        return id >= 0 && id < telemetry.packets().capacity();
    }

    @Override
    public PacketDetails details(long packetId) {
        int thread = inLog(packetId) ? telemetry.packets().thread(packetId) : board.thread(packetId);
        Verdict verdict = board.verdict(packetId);
        String splice = "";
        if (verdict == Verdict.TORN) {
            splice = board.tornPackets().stream().filter(t -> t.packetId() == packetId).findFirst()
                    .map(TornPacket::describe).orElse("torn (details past the verifier's bound were not kept)");
        }
        List<PartialSendEvent> events = new ArrayList<>();
        if (thread >= 0 && thread < telemetry.threads() && partialSends(packetId) > 0) {
            telemetry.thread(thread).events().forEach(0, Integer.MAX_VALUE, (id, asked, written, nanos) -> {
                if (id == packetId) {
                    events.add(new PartialSendEvent(thread, id, asked, written, nanos));
                }
            });
        }
        return new PacketDetails(packetId, thread, verdict, startMicros(packetId), durationMicros(packetId),
                partialSends(packetId), splice, List.copyOf(events));
    }
}
