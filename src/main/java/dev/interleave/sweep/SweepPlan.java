package dev.interleave.sweep;

import dev.interleave.run.InvalidConfigException;
import dev.interleave.run.RunConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What a sweep measures: every cell {@code trials} times, each trial on a budget, with the socket knobs
 * and the target of {@code base} (its strategy, lock, threads, packets and size are the cells'). A run
 * with {@code --trials K} is a plan of one cell. Immutable; any thread; {@link #order()} is a pure
 * function of the plan.
 *
 * @param cells  the points measured, in the order reports list them (no two equal)
 * @param trials trials per cell, 1-{@link #MAX_TRIALS}
 * @param budget what one trial sends
 * @param base   SO_SNDBUF, TCP_NODELAY, the verifier's SO_RCVBUF and read throttle, and the target
 * @param seed   seeds the run order; reports record it, so a sweep can be repeated in the same order
 */
public record SweepPlan(List<Cell> cells, int trials, TrialBudget budget, RunConfig base, long seed) {
    public static final int MAX_TRIALS = 1000;
    /** Trials in one sweep at most (a sweep keeps a small record of each). */
    public static final int MAX_PLANNED = 100_000;
    /** Thread counts a sweep measures unless told otherwise. */
    public static final List<Integer> DEFAULT_THREADS = List.of(1, 2, 4, 8, 16, 32, 64);
    /** Payload sizes a sweep measures unless told otherwise: decades from 100 B to 1 MB (10^6 B). */
    public static final List<Integer> DEFAULT_SIZES = List.of(100, 1_000, 10_000, 100_000, 1_000_000);
    public static final int DEFAULT_TRIALS = 5;
    /** 20 MB per trial: about a second of loopback traffic for large packets. */
    public static final TrialBudget DEFAULT_BUDGET = TrialBudget.ofBytes(20_000_000);

    public SweepPlan {
        cells = List.copyOf(cells);
    }

    /**
     * The grid of every strategy x lock x threads x size, in that nesting order. A strategy written
     * "name+lock" is measured with the lock only, whatever {@code locks} says; {@code locks} applies to
     * the plain names. Cells that come out twice are kept once. Validate the plan before use.
     */
    public static SweepPlan grid(List<String> strategies, LockChoice locks, List<Integer> threads, List<Integer> sizes,
                                 int trials, TrialBudget budget, RunConfig base, long seed) {
        Set<Cell> cells = new LinkedHashSet<>();
        for (String entry : strategies) {
            String s = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            boolean locked = s.endsWith("+lock");
            String name = locked ? s.substring(0, s.length() - "+lock".length()) : s;
            for (boolean lock : locked ? List.of(true) : locks.locks()) {
                for (int t : threads) {
                    for (int size : sizes) {
                        cells.add(new Cell(name, lock, t, size));
                    }
                }
            }
        }
        return new SweepPlan(List.copyOf(cells), trials, budget, base, seed);
    }

    /** A plan of one cell: {@code config} run {@code trials} times ({@code run --trials K}). */
    public static SweepPlan repeat(RunConfig config, int trials, long seed) {
        Cell cell = new Cell(config.strategy(), config.lock(), config.threads(), config.payloadSize());
        return new SweepPlan(List.of(cell), trials, TrialBudget.ofPackets(config.packets()), config, seed);
    }

    /** Trials in the whole plan. */
    public long plannedTrials() {
        return (long) cells.size() * trials;
    }

    /** Packets one trial of {@code cell} sends. */
    public long packetsFor(Cell cell) {
        return budget.packetsFor(cell);
    }

    /** The configuration of a trial of {@code cell}. */
    public RunConfig configFor(Cell cell) {
        return cell.config(base, packetsFor(cell));
    }

    /** The position of {@code cell} in {@link #cells()}, or -1. */
    public int indexOf(Cell cell) {
        return cells.indexOf(cell);
    }

    /**
     * One sentence per bad value, naming it and its range (each said once, though many cells share it);
     * empty when the plan can run.
     */
    public List<String> problems() {
        Set<String> out = new LinkedHashSet<>();
        if (cells.isEmpty()) {
            out.add("the sweep has no cells: give at least one strategy, thread count and size");
        }
        if (trials < 1 || trials > MAX_TRIALS) {
            out.add("trials " + trials + " is outside 1-" + MAX_TRIALS);
        }
        if (plannedTrials() > MAX_PLANNED) {
            out.add(String.format(Locale.ROOT, "%,d cells x %,d trials = %,d trials is more than a sweep may plan"
                    + " (%,d)", cells.size(), trials, plannedTrials(), MAX_PLANNED));
        }
        out.addAll(budget == null ? List.of("the trial budget is missing") : budget.problems());
        if (base == null) {
            out.add("the base configuration is missing");
        } else if (budget != null && budget.problems().isEmpty()) {
            for (Cell c : cells) {
                out.addAll(configFor(c).problems());
            }
        }
        return List.copyOf(out);
    }

    /** This plan, or an exception whose message names every bad value. */
    public SweepPlan validated() throws InvalidConfigException {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new InvalidConfigException(p);
        }
        return this;
    }

    /**
     * The run order: round r runs trial r of every cell, the cells of each round in a seeded random
     * order (a randomised complete block design). So the machine's drift (other load, heat, the JIT)
     * spreads over all cells instead of favouring the ones that happened to run first, a stopped sweep
     * has measured every cell about equally often, and the same seed gives the same order again
     * ({@link Random}'s algorithm is fixed by its specification).
     */
    public List<PlannedTrial> order() {
        Random random = new Random(seed);
        int n = cells.size();
        List<PlannedTrial> out = new ArrayList<>((int) Math.min(plannedTrials(), MAX_PLANNED));
        int[] perm = new int[n];
        for (int round = 0; round < trials; round++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < n; i++) {
                out.add(new PlannedTrial(out.size(), cells.get(perm[i]), round));
            }
        }
        return out;
    }

    /** Cell positions by cell, for lookups in a loop. */
    Map<Cell, Integer> indexByCell() {
        Map<Cell, Integer> m = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            m.put(cells.get(i), i);
        }
        return m;
    }
}
