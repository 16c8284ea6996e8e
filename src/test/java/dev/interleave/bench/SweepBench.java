package dev.interleave.bench;

import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.sweep.LastTrial;
import dev.interleave.sweep.LockChoice;
import dev.interleave.sweep.SweepListener;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.SweepRunner;
import dev.interleave.sweep.TrialBudget;
import dev.interleave.sweep.TrialFinished;
import dev.interleave.sweep.TrialRecord;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerifierServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sweep engine's costs (not a test), printed as figures:
 * <ol>
 *   <li>overhead per trial: a sweep of tiny cells (10 packets of 100 B), trials per second, against
 *       the time the trials spent sending; and what starting and closing an in-process verifier costs
 *       (a shared verifier would save that much per trial);</li>
 *   <li>the heap a finished sweep of 7 thread counts x 6 sizes x 4 ways of writing x 10 trials keeps
 *       (its records and every cell's last trial), measured as heap used after full GCs with the result
 *       held, minus the same without it; and, for comparison, what keeping the runs' own results of the
 *       last 42 trials (instead of the compact copies) costs.</li>
 * </ol>
 * Run with bench/sweep.sh.
 */
public final class SweepBench {
    private SweepBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "SweepBench on %s, %d CPUs%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        overhead();
        heap();
    }

    private static void overhead() throws Exception {
        // Warm up the engine and the JIT on one small sweep first.
        tinySweep(5, 1);
        SweepResult r = tinySweep(50, 2);
        double sending = r.trials().stream().mapToDouble(TrialRecord::seconds).sum();
        int n = r.trials().size();
        System.out.printf(Locale.ROOT, "tiny cells (socket-stream, native; 1 and 4 threads; 10 x 100 B): %d trials in"
                        + " %.2f s = %.1f trials/s, %.1f ms per trial, of which %.2f ms sending%n", n, r.seconds(),
                n / r.seconds(), r.seconds() / n * 1e3, sending / n * 1e3);
        int m = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < m; i++) {
            VerifierServer.start(ServerConfig.defaults()).close();
        }
        System.out.printf(Locale.ROOT, "in-process verifier start + close: %.2f ms%n",
                (System.nanoTime() - t0) / 1e6 / m);
    }

    private static SweepResult tinySweep(int trials, long seed) throws Exception {
        SweepPlan plan = SweepPlan.grid(List.of("socket-stream", "native"), LockChoice.NO, List.of(1, 4),
                List.of(100), trials, TrialBudget.ofPackets(10), RunConfig.defaults(), seed);
        return SweepRunner.start(plan).await();
    }

    private static void heap() throws Exception {
        List<Integer> threads = SweepPlan.DEFAULT_THREADS;
        List<Integer> sizes = List.of(100, 1_000, 10_000, 65_536, 100_000, 1_000_000);
        SweepPlan plan = SweepPlan.grid(List.of("native", "native+lock", "socket-stream", "channel-nonblocking"),
                LockChoice.NO, threads, sizes, 10, TrialBudget.ofPackets(64), RunConfig.defaults(), 8);
        long before = usedAfterGc();
        List<RunResult> raw = new ArrayList<>();
        SweepListener keepRaw = new SweepListener() {
            @Override
            public void trialStarted(dev.interleave.sweep.PlannedTrial trial, Run run) {
                if (trial.order() >= plan.plannedTrials() - 42) {
                    run.completion().thenAccept(raw::add); // on the run's thread; the list is read after the sweep
                }
            }

            @Override
            public void trialFinished(TrialFinished e) {
                // nothing: the runner keeps what it keeps
            }
        };
        long t0 = System.nanoTime();
        SweepRunner runner = SweepRunner.start(plan, keepRaw);
        SweepResult r = runner.await();
        double secs = (System.nanoTime() - t0) / 1e9;
        long withRaw = usedAfterGc();
        int rawCount = raw.size();
        raw.clear();
        long withResult = usedAfterGc();
        long packets = r.lastTrials().values().stream().mapToLong(x -> x.packets() == null ? 0 : x.packets().size())
                .sum();
        System.out.printf(Locale.ROOT, "sweep of %d cells x 10 trials (7 threads x 6 sizes x native, native+lock,"
                        + " socket-stream, channel-nonblocking; 64 packets a trial): %d trials in %.1f s (%.1f trials/s),"
                        + " %s%n", plan.cells().size(), r.trials().size(), secs, r.trials().size() / secs, r.outcome());
        System.out.printf(Locale.ROOT, "heap kept by the finished sweep (records, pooled cells, %d last trials with"
                        + " %,d packets): %.2f MB (%.1f KB per cell)%n", r.lastTrials().size(), packets,
                (withResult - before) / 1e6, (withResult - before) / 1e3 / plan.cells().size());
        System.out.printf(Locale.ROOT, "for comparison, the runs' own results of the last %d trials: %.1f MB"
                        + " (%.0f KB each); compacted, a last trial keeps at most %,d packets (12 B each),"
                        + " %,d splices, %,d events%n", rawCount, (withRaw - withResult) / 1e6,
                (withRaw - withResult) / 1e3 / Math.max(1, rawCount), LastTrial.MAX_PACKETS,
                LastTrial.MAX_TORN_DETAILS, LastTrial.MAX_EVENTS);
        runner = null;
        r = null;
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "heap used after full GC: before %.1f MB, with the sweep %.1f MB, after"
                + " dropping it %.1f MB%n", before / 1e6, withResult / 1e6, after / 1e6);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
