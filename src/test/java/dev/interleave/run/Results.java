package dev.interleave.run;

import dev.interleave.telemetry.ThreadSnapshot;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.verify.Verdict;
import dev.interleave.verify.VerdictCounts;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Run results made by hand, for the printers' tests: the counts, the outcome and the per-packet
 * verdicts are exactly what a test says, with no run behind them. Packet ids are given verdicts in
 * order: intact first, then torn, then duplicate, then missing; the rest are pending.
 */
public final class Results {
    private Results() {
    }

    /** A result of {@code config} with these verdict counts (pending is what the rest leaves). */
    public static RunResult of(RunConfig config, RunOutcome outcome, String failure, boolean known, long sent,
                               long intact, long torn, long missing, long duplicate, long partialSends) {
        VerdictCounts counts = new VerdictCounts(0, intact, torn, missing, duplicate);
        ThreadSnapshot thread = new ThreadSnapshot(0, sent, sent * (24 + config.payloadSize()), sent + partialSends,
                partialSends, 0, 0, 0, 0);
        long bytes = sent * (24 + config.payloadSize()) + 32;
        return new RunResult(config, RunEnvironment.current(), Instant.parse("2026-12-01T10:00:00Z"), 2.5, outcome,
                failure, new TelemetrySnapshot(1_000_000_000L, List.of(thread)), counts, known, bytes,
                known ? bytes : 0, 0, List.of(), List.of(), List.of(),
                packets(config.packets(), intact, torn, duplicate, missing), null);
    }

    /** {@code r} with {@code report} as its sender report. */
    public static RunResult withReport(RunResult r, dev.interleave.protocol.SenderReport report) {
        return new RunResult(r.config(), r.environment(), r.startedAt(), r.seconds(), r.outcome(), r.failure(),
                r.sender(), r.verdicts(), r.verdictsKnown(), r.bytesSent(), r.bytesReceived(), r.unattributedBytes(),
                r.torn(), r.events(), r.problems(), r.packets(), report);
    }

    /** Packets 0..size-1: intact, torn, duplicate, missing ones in that order, then pending ones. */
    static PacketView packets(long size, long intact, long torn, long duplicate, long missing) {
        byte[] verdicts = new byte[(int) size];
        Arrays.fill(verdicts, Verdict.PENDING.code());
        int at = 0;
        for (long[] run : new long[][] {{intact, Verdict.INTACT.code()}, {torn, Verdict.TORN.code()},
                {duplicate, Verdict.DUPLICATE.code()}, {missing, Verdict.MISSING.code()}}) {
            Arrays.fill(verdicts, at, at + (int) run[0], (byte) run[1]);
            at += (int) run[0];
        }
        return new PacketView() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void copyVerdicts(long from, byte[] dst, int off, int len) {
                System.arraycopy(verdicts, (int) from, dst, off, len);
            }

            @Override
            public void copyThreads(long from, short[] dst, int off, int len) {
                for (int i = 0; i < len; i++) {
                    byte v = verdicts[(int) from + i];
                    dst[off + i] = (short) (v == Verdict.PENDING.code() || v == Verdict.MISSING.code() ? -1 : 0);
                }
            }

            @Override
            public PacketDetails details(long packetId) {
                return new PacketDetails(packetId, 0, Verdict.ofCode(verdicts[(int) packetId]), 0, 0, 0, "",
                        List.of());
            }
        };
    }
}
