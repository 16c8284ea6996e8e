package dev.interleave.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
    private static final RunConfig BASE = RunConfig.defaults();

    private static SweepPlan plan(long seed, int trials) {
        return SweepPlan.grid(List.of("native", "socket-stream"), LockChoice.BOTH, List.of(1, 4, 16),
                List.of(100, 10_000, 1_000_000), trials, TrialBudget.ofPackets(300), BASE, seed);
    }

    @Test
    void theGridNestsStrategyLockThreadsSize() {
        SweepPlan p = plan(1, 2);
        assertThat(p.cells()).hasSize(2 * 2 * 3 * 3);
        assertThat(p.cells().get(0)).isEqualTo(new Cell("native", false, 1, 100));
        assertThat(p.cells().get(1)).isEqualTo(new Cell("native", false, 1, 10_000));
        assertThat(p.cells().get(3)).isEqualTo(new Cell("native", false, 4, 100));
        assertThat(p.cells().get(9)).isEqualTo(new Cell("native", true, 1, 100));
        assertThat(p.cells().get(18)).isEqualTo(new Cell("socket-stream", false, 1, 100));
        assertThat(p.plannedTrials()).isEqualTo(72);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void aStrategyWrittenWithPlusLockIsMeasuredLockedOnlyAndDuplicatesCollapse() {
        SweepPlan p = SweepPlan.grid(List.of("native", "Native+lock", "native", "channel-nonblocking"), LockChoice.NO,
                List.of(2), List.of(100), 1, TrialBudget.ofPackets(10), BASE, 0);
        assertThat(p.cells()).containsExactly(new Cell("native", false, 2, 100), new Cell("native", true, 2, 100),
                new Cell("channel-nonblocking", false, 2, 100));
        assertThat(p.cells().get(1).strategyLabel()).isEqualTo("native+lock");
    }

    @Test
    void theOrderRunsEveryCellsEveryTrialExactlyOnceInRoundsAndNumbersTrialsInTime() {
        SweepPlan p = plan(42, 4);
        List<PlannedTrial> order = p.order();
        assertThat(order).hasSize(36 * 4);
        Set<String> seen = new HashSet<>();
        Map<Cell, Integer> lastTrial = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            PlannedTrial t = order.get(i);
            assertThat(t.order()).isEqualTo(i);
            assertThat(seen.add(t.cell() + "#" + t.trial())).as("(cell, trial) once: %s", t).isTrue();
            // a cell's trials run in their own order, and round r holds trial r of every cell
            assertThat(t.trial()).isEqualTo(lastTrial.getOrDefault(t.cell(), -1) + 1).isEqualTo(i / 36);
            lastTrial.put(t.cell(), t.trial());
        }
        for (Cell c : p.cells()) {
            for (int k = 0; k < 4; k++) {
                assertThat(seen).contains(c + "#" + k);
            }
        }
    }

    @Test
    void theOrderIsShuffledAndTheSeedReproducesIt() {
        SweepPlan p = plan(42, 3);
        List<PlannedTrial> order = p.order();
        List<PlannedTrial> sorted = new ArrayList<>(order);
        sorted.sort(Comparator.comparingInt((PlannedTrial t) -> t.trial()).thenComparingInt(t -> p.indexOf(t.cell())));
        assertThat(cellsOf(order)).isNotEqualTo(cellsOf(sorted));
        assertThat(p.order()).isEqualTo(order);
        assertThat(plan(42, 3).order()).isEqualTo(order);
        assertThat(cellsOf(plan(43, 3).order())).isNotEqualTo(cellsOf(order));
        // each round is its own permutation, not the first one repeated
        assertThat(cellsOf(order.subList(0, 36))).isNotEqualTo(cellsOf(order.subList(36, 72)));
    }

    @Test
    void theOrderOfAFixedSeedStaysTheSameAcrossJavaVersions() {
        // java.util.Random's algorithm is part of its specification: seed 7 gives this order on Java 17
        // and 25 alike, so a recorded seed repeats a sweep's order on another JDK.
        SweepPlan p = SweepPlan.grid(List.of("native"), LockChoice.NO, List.of(1, 2, 3, 4), List.of(100), 1,
                TrialBudget.ofPackets(1), BASE, 7);
        assertThat(p.order().stream().map(t -> t.cell().threads()).toList()).containsExactly(1, 2, 4, 3);
    }

    @Test
    void aBudgetInBytesGivesEachCellPacketsOfItsSizeAtLeastOnePerThreadAndAtMostTheCap() {
        TrialBudget b = TrialBudget.ofBytes(20_000_000);
        assertThat(b.packetsFor(new Cell("native", false, 1, 100))).isEqualTo(20_000_000 / 124);
        assertThat(b.packetsFor(new Cell("native", false, 8, 1_000_000))).isEqualTo(19);
        assertThat(b.packetsFor(new Cell("native", false, 64, 1_000_000))).isEqualTo(64);
        assertThat(TrialBudget.ofBytes(1_000_000_000).packetsFor(new Cell("native", false, 1, 0)))
                .isEqualTo(TrialBudget.MAX_PACKETS_FROM_BYTES);
        assertThat(TrialBudget.ofBytes(10).packetsFor(new Cell("native", false, 1, 100))).isEqualTo(1);
        assertThat(TrialBudget.ofPackets(300).packetsFor(new Cell("native", false, 64, 1_000_000))).isEqualTo(300);
        SweepPlan p = plan(1, 1);
        Cell c = p.cells().get(4);
        assertThat(p.configFor(c)).isEqualTo(BASE.withStrategy(c.strategy()).withLock(c.lock())
                .withThreads(c.threads()).withPayloadSize(c.payloadSize()).withPackets(300));
    }

    @Test
    void problemsNameEachBadValueOnce() {
        SweepPlan p = SweepPlan.grid(List.of("native", "frob"), LockChoice.BOTH, List.of(0, 4, 300), List.of(100, 1000),
                0, TrialBudget.ofPackets(10), BASE, 0);
        assertThat(p.problems()).containsExactlyInAnyOrder("trials 0 is outside 1-1000",
                "strategy 'frob' is not one of " + String.join(", ", dev.interleave.send.Strategies.names()),
                "0 is below the minimum: threads are 1 to 256", "300 is above the maximum: threads are 1 to 256");
        assertThat(new SweepPlan(List.of(), 1, TrialBudget.ofPackets(1), BASE, 0).problems())
                .containsExactly("the sweep has no cells: give at least one strategy, thread count and size");
        assertThat(new TrialBudget(null, 5).problems()).containsExactly("the trial budget needs a unit: packets or bytes");
        assertThat(TrialBudget.ofPackets(0).problems()).containsExactly("packets per trial 0 is outside 1-4294967295");
        assertThat(TrialBudget.ofBytes(-1).problems()).containsExactly("bytes per trial -1 is outside 1-1000000000000 (1 TB)");
        assertThat(plan(1, 1001).problems()).containsExactly("trials 1001 is outside 1-1000");
    }

    @Test
    void aRepeatIsAPlanOfOneCell() {
        RunConfig c = RunConfig.defaults().withStrategy("channel").withThreads(3).withPackets(77).withPayloadSize(5);
        SweepPlan p = SweepPlan.repeat(c, 3, 9);
        assertThat(p.cells()).containsExactly(new Cell("channel", false, 3, 5));
        assertThat(p.configFor(p.cells().getFirst())).isEqualTo(c);
        assertThat(p.order().stream().map(PlannedTrial::trial).toList()).containsExactly(0, 1, 2);
    }

    private static List<Cell> cellsOf(List<PlannedTrial> order) {
        return order.stream().map(PlannedTrial::cell).toList();
    }
}
