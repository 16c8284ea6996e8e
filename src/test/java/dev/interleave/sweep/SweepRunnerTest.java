package dev.interleave.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.PacketView;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunResult;
import dev.interleave.stats.Proportion;
import dev.interleave.verify.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sweeps over loopback: what must hold on every run, whatever the kernel interleaves. */
class SweepRunnerTest {

    /** 2 strategies x lock both x threads 1,4 x sizes 100, 10,000: 16 cells, 2 trials each, 300 packets a trial. */
    static SweepPlan smallGrid(long seed) {
        return SweepPlan.grid(List.of("socket-stream", "native"), LockChoice.BOTH, List.of(1, 4), List.of(100, 10_000),
                2, TrialBudget.ofPackets(300), RunConfig.defaults(), seed);
    }

    @Test
    void aSmallGridAccountsForEveryTrialAndLockedCellsNeverTear() throws Exception {
        SweepPlan plan = smallGrid(11);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<TrialFinished> finished = Collections.synchronizedList(new ArrayList<>());
        SweepRunner runner = SweepRunner.start(plan, new SweepListener() {
            @Override
            public void trialStarted(PlannedTrial trial, Run run) {
                events.add("start " + trial.order() + " " + Thread.currentThread().getName());
            }

            @Override
            public void trialFinished(TrialFinished e) {
                events.add("end " + e.record().planned().order());
                finished.add(e);
            }

            @Override
            public void sweepEnded(SweepResult result) {
                events.add("sweep " + result.outcome());
            }
        });
        SweepResult r = runner.await(Duration.ofSeconds(60)).orElseThrow();

        assertThat(r.outcome()).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(r.trials().size() + r.notRun().size()).isEqualTo(plan.plannedTrials()).isEqualTo(32);
        assertThat(r.notRun()).isEmpty();
        assertThat(r.trials()).allSatisfy(t -> {
            assertThat(t.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(t.packets()).isEqualTo(300);
            assertThat(t.judged() + t.missing() + t.pending()).isEqualTo(300);
        });
        assertThat(r.trials().stream().map(TrialRecord::planned).toList()).isEqualTo(runner.order());
        for (CellSummary c : r.cells()) {
            assertThat(c.finished()).isEqualTo(2);
            assertThat(c.pooledTrials()).isEqualTo(2);
            assertThat(c.tornRate().trials()).isEqualTo(600); // nothing missing or pending over loopback
            if (c.cell().lock() || c.cell().strategy().equals("socket-stream")) {
                // The JDK's write lock or the application lock: never torn, and said as a bound.
                assertThat(c.tornPerTrial()).containsExactly(0L, 0L);
                assertThat(c.tornRate().isUpperBoundOnly()).isTrue();
                assertThat(c.tornRate().high()).isEqualTo(Proportion.zeroEventUpperBound(600));
                assertThat(c.rateText()).isEqualTo("< 0.50%");
            }
            RunResult last = r.lastTrial(c.cell()).orElseThrow();
            assertThat(last.config()).isEqualTo(plan.configFor(c.cell()));
            assertThat(last.verdicts().torn()).isEqualTo(c.tornPerTrial().getLast());
            assertThat(count(last.packets(), Verdict.TORN)).isEqualTo(last.verdicts().torn());
            assertThat(count(last.packets(), Verdict.INTACT)).isEqualTo(last.verdicts().intact());
        }
        // Listeners: on the sweep's thread, start then end for every trial, then the end of the sweep.
        assertThat(events).hasSize(2 * 32 + 1);
        for (int i = 0; i < 32; i++) {
            assertThat(events.get(2 * i)).isEqualTo("start " + i + " sweep-runner");
            assertThat(events.get(2 * i + 1)).isEqualTo("end " + i);
        }
        assertThat(events.getLast()).isEqualTo("sweep COMPLETED");
        TrialFinished lastEvent = finished.getLast();
        assertThat(lastEvent.progress().finished()).isEqualTo(32);
        assertThat(r.cell(lastEvent.cell().cell()).orElseThrow()).isEqualTo(lastEvent.cell());
        SweepSnapshot end = runner.snapshot();
        assertThat(end.phase()).isEqualTo(SweepPhase.COMPLETED);
        assertThat(end.finished()).isEqualTo(32);
        assertThat(end.etaNanos()).isZero();
        assertThat(end.cells()).isEqualTo(r.cells());
    }

    @Test
    void aCancelBetweenTrialsKeepsTheFinishedOnesAndListsTheRestAsNotRun() throws Exception {
        SweepPlan plan = smallGrid(5);
        AtomicInteger ends = new AtomicInteger();
        CompletableFuture<SweepRunner> self = new CompletableFuture<>();
        SweepRunner runner = SweepRunner.start(plan, new SweepListener() {
            @Override
            public void trialFinished(TrialFinished e) {
                if (ends.incrementAndGet() == 3) {
                    self.join().cancel(); // a listener may cancel (on the sweep's thread)
                }
            }
        });
        self.complete(runner);
        SweepResult r = runner.await(Duration.ofSeconds(60)).orElseThrow();
        assertThat(r.outcome()).isEqualTo(SweepOutcome.CANCELLED);
        assertThat(r.trials()).hasSize(3);
        assertThat(r.notRun()).hasSize(29);
        assertThat(r.notRun()).isEqualTo(runner.order().subList(3, 32));
        assertThat(r.cells().stream().mapToInt(CellSummary::finished).sum()).isEqualTo(3);
        assertThat(r.lastTrials()).hasSize((int) r.trials().stream().map(TrialRecord::cell).distinct().count());
        assertThat(runner.snapshot().phase()).isEqualTo(SweepPhase.CANCELLED);
    }

    @Test
    void aCancelDuringATrialStopsItWithinSecondsAndItCountsAsNotRun() throws Exception {
        // 100 packets of 100 KB read at 1 MB/s would take 10 s.
        RunConfig slow = RunConfig.defaults().withStrategy("channel").withThreads(2).withPackets(100)
                .withPayloadSize(100_000).withReadThrottle(1);
        SweepRunner runner = SweepRunner.start(SweepPlan.repeat(slow, 2, 1));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (runner.currentRun().map(Run::phase).orElse(RunPhase.STARTING) != RunPhase.SENDING
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        runner.cancel();
        assertThat(runner.snapshot().phase()).isIn(SweepPhase.STOPPING, SweepPhase.CANCELLED);
        SweepResult r = runner.await(Duration.ofSeconds(10)).orElseThrow();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);
        assertThat(r.outcome()).isEqualTo(SweepOutcome.CANCELLED);
        assertThat(r.trials()).isEmpty();
        assertThat(r.notRun()).hasSize(2);
        assertThat(r.lastTrials()).isEmpty();
        assertThat(r.cells().getFirst().rateText()).isEqualTo("-");
    }

    private static long count(PacketView view, Verdict v) {
        byte[] codes = new byte[(int) view.size()];
        view.copyVerdicts(0, codes, 0, codes.length);
        long n = 0;
        for (byte b : codes) {
            n += b == v.code() ? 1 : 0;
        }
        return n;
    }
}
