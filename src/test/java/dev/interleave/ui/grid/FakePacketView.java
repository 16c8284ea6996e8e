package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.verify.Verdict;
import java.util.Arrays;
import java.util.List;

/** A PacketView over plain arrays that a test sets directly. */
final class FakePacketView implements PacketView {
    final byte[] verdicts;
    final short[] threads;
    int copies;
    /** A torn packet's splice, when a test wants a long one; null: a short one of the usual form. */
    String splice;

    FakePacketView(int size) {
        verdicts = new byte[size];
        threads = new short[size];
        Arrays.fill(verdicts, Verdict.PENDING.code());
        Arrays.fill(threads, (short) -1);
    }

    FakePacketView set(int id, Verdict v, int thread) {
        verdicts[id] = v.code();
        threads[id] = (short) thread;
        return this;
    }

    @Override
    public long size() {
        return verdicts.length;
    }

    @Override
    public void copyVerdicts(long from, byte[] dst, int off, int len) {
        copies += len;
        System.arraycopy(verdicts, (int) from, dst, off, len);
    }

    @Override
    public void copyThreads(long from, short[] dst, int off, int len) {
        System.arraycopy(threads, (int) from, dst, off, len);
    }

    @Override
    public PacketDetails details(long id) {
        Verdict v = Verdict.ofCode(verdicts[(int) id]);
        int t = threads[(int) id];
        List<PartialSendEvent> events = t < 0 ? List.of()
                : List.of(new PartialSendEvent(t, id, 1000, 400, 5_000), new PartialSendEvent(t, id, 600, 600, 9_000));
        String splice = v != Verdict.TORN ? "" : this.splice != null ? this.splice
                : "bytes 0-65,459 of #" + id + ", then #42 whole, then #" + id + " from byte 65,460";
        return new PacketDetails(id, t, v, 120, 35, t < 0 ? 0 : 1, splice, events);
    }
}
