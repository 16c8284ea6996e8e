package dev.interleave.ui;

import dev.interleave.sweep.Cell;
import dev.interleave.sweep.LockChoice;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.TrialBudget;
import dev.interleave.ui.sweep.SweepModel;
import dev.interleave.ui.sweep.SweepView;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The heap a sweep costs in the window (issue 8's benchmark; not a test): the real lab window (JavaFX's
 * Headless platform) runs a sweep of 7 thread counts x 6 sizes x 4 ways of writing x 10 trials from its
 * Sweep view, as a person would, and prints the heap in use after full GCs: after launch, with the
 * ended sweep shown (its records, every cell's pooled figures and compacted last trial, the heatmaps),
 * and with the largest cell's last trial opened in the lab's views; plus the peak sampled during the
 * sweep (garbage included). The budget per trial is small (2 MB, {@code SWEEP_BENCH_BYTES} changes it),
 * so it finishes in minutes; what the per-packet part would be at the default 20 MB is computed from
 * the plan (12 bytes a packet, {@link dev.interleave.sweep.LastTrial}). Run with bench/sweep-window.sh.
 */
public final class SweepWindowBench {
    private SweepWindowBench() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(System.getenv().getOrDefault("SWEEP_BENCH_BYTES", "2000000"));
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        Preferences node = Preferences.userRoot().node("dev/interleave-sweep-bench");
        node.clear();
        System.setProperty("interleave.notifications", "false");
        LabWindow window = fx(() -> LabApp.open(new Stage(), new LabPrefs(node)));
        Thread.sleep(2_000); // the window settles (skins, CSS, first layout)
        long launched = usedAfterGc();

        List<Integer> sizes = List.of(100, 1_000, 10_000, 65_536, 100_000, 1_000_000);
        SweepView view = window.sweepView();
        SweepPlan plan = fx(() -> SweepPlan.grid(List.of("native", "native+lock", "socket-stream",
                        "channel-nonblocking"), LockChoice.NO, SweepPlan.DEFAULT_THREADS, sizes, 10,
                TrialBudget.ofBytes(bytes), view.model().baseConfig(), 8));
        System.out.printf(Locale.ROOT, "SweepWindowBench: %d cells x %d trials = %d trials, %s, on %s, %d CPUs%n",
                plan.cells().size(), plan.trials(), plan.plannedTrials(), plan.budget(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        fx(() -> {
            window.topViews().show("Sweep");
            return view.model().start(plan);
        });
        long t0 = System.nanoTime();
        while (fx(() -> view.model().state()) != SweepModel.State.ENDED) {
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        while (!fx(view::drawn)) {
            Thread.sleep(100);
        }
        sampler.interrupt();
        SweepResult r = fx(() -> view.model().result());
        long shown = usedAfterGc();

        // The largest cell's last trial (most packets kept) opened in the lab's grid, charts and splices.
        Cell biggest = r.lastTrials().entrySet().stream()
                .max(Comparator.comparingLong(e -> e.getValue().packets() == null ? 0 : e.getValue().packets().size()))
                .orElseThrow().getKey();
        long biggestPackets = r.lastTrials().get(biggest).packets().size();
        fx(() -> view.model().open(biggest));
        while (!fx(() -> window.finalPicturesDrawn() && "Lab".equals(window.topViews().shown()))) {
            Thread.sleep(100);
        }
        long opened = usedAfterGc();

        long keptPackets = r.lastTrials().values().stream().mapToLong(x -> x.packets() == null ? 0 : x.packets().size())
                .sum();
        long packetsAt20Mb = plan.cells().stream().mapToLong(c -> TrialBudget.ofBytes(20_000_000).packetsFor(c)).sum();
        System.out.printf(Locale.ROOT, "sweep: %s, %d trials in %.1f s (%.1f trials/s)%n", r.outcome(),
                r.trials().size(), seconds, r.trials().size() / seconds);
        System.out.printf(Locale.ROOT, "heap in use after full GC: launched %.1f MB; with the ended sweep shown %.1f MB"
                        + " (+%.1f MB: %d records, %d cells' figures and last trials holding %,d packets, %d heatmaps);"
                        + " with %s's last trial (%,d packets) open in the lab %.1f MB (+%.1f MB)%n",
                launched / 1e6, shown / 1e6, (shown - launched) / 1e6, r.trials().size(), r.cells().size(), keptPackets,
                fx(() -> view.heatmapTitles().size()), biggest.label(), biggestPackets, opened / 1e6,
                (opened - shown) / 1e6);
        System.out.printf(Locale.ROOT, "peak heap in use during the sweep (sampled every 100 ms, garbage included):"
                + " %.1f MB of %.1f MB max%n", peak.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "at the default 20 MB per trial the cells' last trials would keep %,d packets:"
                + " %.1f MB of per-packet state (12 B a packet)%n", packetsAt20Mb, packetsAt20Mb * 12 / 1e6);
        fx(() -> {
            window.shutdown();
            return null;
        });
        node.removeNode();
        System.exit(0);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
