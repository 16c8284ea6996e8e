package dev.interleave.bench;

import dev.interleave.run.PacketDetails;
import dev.interleave.run.PacketView;
import dev.interleave.ui.grid.ColorMode;
import dev.interleave.ui.grid.PacketGrid;
import dev.interleave.verify.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

/**
 * Packet-grid repaint times (not a test): a 1000 x 1000 pixel grid over 1,000,000 packets (one per
 * pixel), 10,000,000 packets (ten per pixel, aggregated) and 700,000 packets (cells of 1.2 pixels: one
 * or two pixels wide and high, the grid's path for cells that are not whole pixels), random verdicts
 * and threads. Prints
 * median, p99 and max milliseconds of: a forced full repaint in each colour mode, and a per-frame
 * refresh while 2,000 random packets change between frames (copy + repaint, which new data may defer), and
 * a refresh when nothing changed. Run headless, with JDK 25 first on the PATH (exec:exec runs "java"):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; PATH=$JAVA_HOME/bin:$PATH ./mvnw -q -o test-compile exec:exec \
 *   -Dexec.args="-Xmx2g -Dglass.platform=Headless -Dprism.order=sw -cp %classpath dev.interleave.bench.GridBench"
 * </pre>
 */
public final class GridBench {
    private static final int SIDE = 1000;
    private static final int WARMUP = 60;
    private static final int RUNS = 300;

    private GridBench() {
    }

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> { });
        System.out.printf(Locale.ROOT, "PacketGrid %dx%d px, %s, %d runs after %d warm-up%n", SIDE, SIDE,
                Runtime.version(), RUNS, WARMUP);
        for (int n : new int[] {1_000_000, 10_000_000, 700_000}) {
            RandomView view = new RandomView(n, 42);
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    bench(view);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            done.get(10, TimeUnit.MINUTES);
        }
        Platform.exit();
    }

    private static void bench(RandomView view) {
        PacketGrid grid = new PacketGrid();
        StackPane root = new StackPane(grid);
        new Scene(root, SIDE, SIDE);
        root.applyCss();
        root.resize(SIDE, SIDE);
        root.layout();
        long t0 = System.nanoTime();
        grid.setSource(view);
        for (int i = 0; i < 40; i++) {
            grid.flush(); // copy everything in: bounded slices without the per-frame time budget
        }
        System.out.printf(Locale.ROOT, "%,d packets (%d per cell): setSource + 40 flushes %.1f ms%n",
                view.size(), grid.packetsPerCell(), (System.nanoTime() - t0) / 1e6);
        for (ColorMode mode : ColorMode.values()) {
            grid.setColorMode(mode);
            report("  repaint, " + mode, time(grid::repaint));
        }
        grid.setColorMode(ColorMode.VERDICT);
        SplittableRandom r = new SplittableRandom(7);
        report("  refresh with 2,000 changed", time(() -> {
            view.mutate(r, 2_000);
            grid.refresh();
        }));
        report("  refresh, nothing changed", time(grid::refresh));
    }

    private static double[] time(Runnable work) {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf(Locale.ROOT, "%-32s median %6.2f ms   p99 %6.2f ms   max %6.2f ms%n", what,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
                sorted[sorted.length - 1]);
    }

    /** Random verdicts (mostly intact, some of each other) and threads (0..19, some not sent). */
    private static final class RandomView implements PacketView {
        private static final Verdict[] MIX = {Verdict.INTACT, Verdict.INTACT, Verdict.INTACT, Verdict.INTACT,
                Verdict.TORN, Verdict.MISSING, Verdict.DUPLICATE, Verdict.PENDING};
        private final byte[] verdicts;
        private final short[] threads;

        RandomView(int n, long seed) {
            verdicts = new byte[n];
            threads = new short[n];
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                set(r, i);
            }
        }

        private void set(SplittableRandom r, int i) {
            Verdict v = MIX[r.nextInt(MIX.length)];
            verdicts[i] = v.code();
            threads[i] = v == Verdict.PENDING && r.nextBoolean() ? -1 : (short) r.nextInt(20);
        }

        void mutate(SplittableRandom r, int count) {
            for (int k = 0; k < count; k++) {
                set(r, r.nextInt(verdicts.length));
            }
        }

        @Override
        public long size() {
            return verdicts.length;
        }

        @Override
        public void copyVerdicts(long from, byte[] dst, int off, int len) {
            System.arraycopy(verdicts, (int) from, dst, off, len);
        }

        @Override
        public void copyThreads(long from, short[] dst, int off, int len) {
            System.arraycopy(threads, (int) from, dst, off, len);
        }

        @Override
        public PacketDetails details(long id) {
            return new PacketDetails(id, threads[(int) id], Verdict.ofCode(verdicts[(int) id]), 0, 0, 0, "",
                    List.of());
        }
    }
}
