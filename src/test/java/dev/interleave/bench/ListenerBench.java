package dev.interleave.bench;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.Listening;
import dev.interleave.run.OutsideRun;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Does the window's listener keep up with the fastest outside sender? One process, rounds taken in
 * turn: a reference client (C send, Go write) sending to a {@link Listening} verifier, and the lab's own
 * in-process run of the same size (native, socket-stream), each giving MB/s received and the verifier's
 * CPU time per byte: the CPU time of its connection threads ("verifier-conn-N" and its writer, from
 * /proc) over the bytes it read. Run by bench/listener.sh, which builds the clients:
 *
 * <pre>ListenerBench ROUNDS THREADS PACKETS SIZE NAME=SENDER...</pre>
 *
 * where a SENDER is a client's command (its host, port and knobs are added), "in-process:STRATEGY" (the
 * lab's own run, its verifier in process) or "remote:STRATEGY" (the lab's own sender, sending to the
 * listener: the same sender, the other verifier path).
 */
public final class ListenerBench {
    /** USER_HZ: /proc counts CPU time in ticks of 10 ms on Linux (the main checks it with getconf). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ListenerBench() {
    }

    /**
     * The CPU time of the verifier's connection threads (and their back-channel writers: both paths have
     * them), from /proc/self/task (Linux): sampled every 5 ms while they live, since a thread's counts
     * go with it. Clock ticks of 10 ms; a thread's last few ms may be missed: a 1 GB run's verifier
     * spends about a second, so the error is a percent or two, the same for both paths.
     */
    private static final class VerifierCpu implements Runnable {
        private final Map<String, Long> ticks = new HashMap<>();
        private volatile boolean stop;

        @Override
        public void run() {
            Path tasks = Path.of("/proc/self/task");
            while (!stop) {
                try (var dirs = Files.list(tasks)) {
                    for (Path t : (Iterable<Path>) dirs::iterator) {
                        try {
                            if (!Files.readString(t.resolve("comm")).startsWith("verifier-conn")) {
                                continue;
                            }
                            String stat = Files.readString(t.resolve("stat"));
                            // Fields after the ")" of the name: state is field 3, utime 14, stime 15.
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            synchronized (ticks) {
                                ticks.merge(t.getFileName().toString(), used, Math::max);
                            }
                        } catch (IOException | RuntimeException gone) {
                            // the thread ended between the listing and the read
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("needs Linux's /proc/self/task", e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long nanos() {
            synchronized (ticks) {
                return ticks.values().stream().mapToLong(Long::longValue).sum() * NANOS_PER_TICK;
            }
        }
    }

    private record Measure(String name, double mbPerSecond, double nsPerByte, long torn, long packets) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        long packets = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        List<String[]> senders = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            senders.add(new String[] {args[i].substring(0, eq), args[i].substring(eq + 1)});
        }
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String hz = new String(getconf.getInputStream().readAllBytes()).strip();
        if (!hz.equals("100")) {
            throw new IllegalStateException("expected 100 clock ticks per second, getconf says " + hz);
        }
        BlockingQueue<OutsideRun> arrived = new LinkedBlockingQueue<>();
        try (Listening listening = Listening.start(new ListenAddress("127.0.0.1", 0), 0, 0, arrived::add)) {
            System.err.printf(Locale.ROOT, "listener on %s; %d rounds of %d threads x %,d x %,d B%n", listening.where(),
                    rounds, threads, packets, size);
            // One small run of each first, so that no measured run pays for the JIT.
            for (String[] s : senders) {
                once(s, listening, arrived, Math.min(threads, 4), Math.min(packets, 2_000), size);
            }
            Map<String, List<Measure>> all = new java.util.LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (String[] s : senders) {
                    Measure m = once(s, listening, arrived, threads, packets, size);
                    all.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                    System.err.printf(Locale.ROOT, "round %d %-32s %8.0f MB/s %6.3f ns/B verifier, %,d torn%n", r + 1,
                            m.name(), m.mbPerSecond(), m.nsPerByte(), m.torn());
                }
            }
            System.out.println("| sender | verifier | MB/s received (median) | verifier CPU ns/byte (median, range) | torn |");
            System.out.println("|---|---|---:|---:|---:|");
            for (var e : all.entrySet()) {
                List<Measure> ms = e.getValue();
                double mb = median(ms.stream().mapToDouble(Measure::mbPerSecond).toArray());
                double[] ns = ms.stream().mapToDouble(Measure::nsPerByte).sorted().toArray();
                String[] nameParts = e.getKey().split(" @ ");
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.3f (%.3f-%.3f) | %s |%n", nameParts[0], nameParts[1],
                        mb, median(ns), ns[0], ns[ns.length - 1],
                        ms.stream().map(m -> String.format(Locale.ROOT, "%,d", m.torn())).toList());
            }
        }
    }

    private static Measure once(String[] sender, Listening listening, BlockingQueue<OutsideRun> arrived, int threads,
                                long packets, int size) throws Exception {
        VerifierCpu cpu = new VerifierCpu();
        Thread sampler = Thread.ofPlatform().name("cpu-sampler").daemon().start(cpu);
        RunResult r;
        String name;
        try {
            if (sender[1].startsWith("in-process:")) {
                String strategy = sender[1].substring("in-process:".length());
                RunConfig c = new RunConfig(strategy, false, threads, packets, size, 0, false, 0, 0, Target.inProcess(),
                        java.time.Duration.ZERO);
                r = Run.start(c).await();
                name = sender[0] + " @ in-process (Run)";
            } else if (sender[1].startsWith("remote:")) {
                // The lab's own sender in this JVM, sending to the listener: the same sender as in process,
                // so any difference is the verifier's path.
                String strategy = sender[1].substring("remote:".length());
                RunConfig c = new RunConfig(strategy, false, threads, packets, size, 0, false, 0, 0,
                        Target.remote("127.0.0.1", listening.port()), java.time.Duration.ZERO);
                Run sending = Run.start(c);
                OutsideRun run = arrived.poll(60, TimeUnit.SECONDS);
                if (run == null) {
                    throw new IllegalStateException(strategy + " did not connect");
                }
                r = run.completion().get(10, TimeUnit.MINUTES);
                sending.await();
                name = sender[0] + " @ window's listener (Listening)";
            } else {
                List<String> cmd = new ArrayList<>(List.of(sender[1].split(" ")));
                cmd.addAll(List.of("127.0.0.1", String.valueOf(listening.port()), "--threads", String.valueOf(threads),
                        "--packets", String.valueOf(packets), "--size", String.valueOf(size)));
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                OutsideRun run = arrived.poll(60, TimeUnit.SECONDS);
                if (run == null) {
                    throw new IllegalStateException(String.join(" ", cmd) + " did not connect");
                }
                r = run.completion().get(10, TimeUnit.MINUTES);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", cmd) + " failed");
                }
                name = sender[0] + " @ window's listener (Listening)";
            }
        } finally {
            Thread.sleep(20);
            cpu.stop = true;
            sampler.join();
        }
        if (r.verdicts().decided() != packets) {
            throw new IllegalStateException(name + ": " + r.verdictText());
        }
        return new Measure(name, r.bytesReceived() / r.seconds() / 1e6, (double) cpu.nanos() / r.bytesReceived(),
                r.verdicts().torn(), packets);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
