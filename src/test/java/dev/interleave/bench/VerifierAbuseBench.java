package dev.interleave.bench;

import dev.interleave.verify.CraftedStreams;
import dev.interleave.verify.StreamVerifier;
import dev.interleave.verify.VerdictSink;
import dev.interleave.verify.VerifierLimits;

import java.util.Locale;

/**
 * StreamVerifier throughput on streams a hostile sender can write (issue 10, "CPU amplification"),
 * beside the normal ones, measured in the same run: intact 100,000-byte frames, the torn stream of
 * {@link VerifierBench} (every fourth frame torn by the next one), random garbage with
 * nothing open, and crafted streams that keep many packets open with colliding payload bytes or split
 * headers and then make every byte a look-ahead decision. Each case is fed in 4 KiB chunks for at
 * least 2 s of this process's CPU time (after a warm-up), and a pass stops early past a budget, so a
 * pathological case reports its rate instead of running for hours. Rates are per CPU second of this
 * process, so other work on a shared machine moves them less than wall-clock rates. Reading that
 * clock costs tens of microseconds (a /proc read): it is read per pass and, inside a long pass, once
 * per 8 MiB, so that it costs under 1% of the fastest case. Prints MB/s per case.
 * Usage: VerifierAbuseBench [open packets].
 */
public final class VerifierAbuseBench {
    private static final int CHUNK = 4096;
    /** Chunks fed between two readings of the clock inside a pass (8 MiB). */
    private static final int CLOCK_EVERY = 2048;

    private VerifierAbuseBench() {
    }

    public static void main(String[] args) {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int garbage = 8 << 20;
        Case[] cases = {
            new Case("intact 100,000 B frames", CraftedStreams.intact(100_000, 64L << 20)),
            new Case("every 4th 100,000 B frame torn", VerifierBench.stream(true)),
            new Case("random garbage, nothing open", CraftedStreams.plainGarbage(garbage, 1)),
            new Case("empty frames whole, nothing open", CraftedStreams.openThenWholeFrames(0, garbage / 24)),
            new Case(open + " open, then 0x9E garbage", CraftedStreams.openThenGarbage(open, garbage)),
            new Case(open + " split headers, then garbage", CraftedStreams.prefixesThenGarbage(open, garbage, 1)),
            new Case(open + " open, then empty frames whole", CraftedStreams.openThenWholeFrames(open, garbage / 24)),
        };
        for (Case c : cases) {
            measure(c, 1.0); // warm-up
        }
        double normal = 0;
        for (Case c : cases) {
            double mbps = measure(c, 2.0);
            if (normal == 0) {
                normal = mbps;
            }
            System.out.printf(Locale.ROOT, "StreamVerifier %-36s %10.1f MB/s  (%.4f of intact)%n", c.name, mbps, mbps / normal);
        }
    }

    private record Case(String name, byte[] stream) {
    }

    /** CPU time of this process (the verifying thread, and the JIT and GC working for it). */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** MB per CPU second over repeated passes for at least {@code seconds}; a pass stops past 4 x that. */
    private static double measure(Case c, double seconds) {
        long budget = (long) (seconds * 1e9);
        long bytes = 0;
        long start = cpuNanos();
        while (cpuNanos() - start < budget) {
            StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), VerdictSink.NONE);
            byte[] s = c.stream;
            int off = 0;
            for (int k = 1; off < s.length && (k % CLOCK_EVERY != 0 || cpuNanos() - start < 4 * budget); off += CHUNK, k++) {
                v.feed(s, off, Math.min(CHUNK, s.length - off));
            }
            if (off >= s.length) {
                v.finish();
            }
            bytes += Math.min(off, s.length);
        }
        return bytes / ((cpuNanos() - start) / 1e9) / 1e6;
    }
}
