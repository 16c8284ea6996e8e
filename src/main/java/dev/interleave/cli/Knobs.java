package dev.interleave.cli;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import dev.interleave.send.Strategies;
import picocli.CommandLine.Option;

/** The knobs of a run, shared by {@code run} and {@code send}. Defaults are the article's. */
final class Knobs {
    @Option(names = "--strategy", paramLabel = "S", defaultValue = "native",
            description = "How threads write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = StrategyNames.class)
    String strategy;

    @Option(names = "--lock", description = "Hold one application lock for each whole packet (the fix).")
    boolean lock;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "20", description = "Sending threads, 1-256 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "10000", description = "Packets to send, 1-4294967295 (default: ${DEFAULT-VALUE}).")
    long packets;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "100000", converter = SizeConverter.class,
            description = "Payload bytes per packet, 0-64MiB; 100000, 100KB and 64MiB all work (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--sndbuf", paramLabel = "BYTES", defaultValue = "0", converter = SizeConverter.class,
            description = "Sender SO_SNDBUF, 0 = OS default.")
    long sendBuffer;

    @Option(names = "--nodelay", description = "Set TCP_NODELAY on the sending socket(s).")
    boolean noDelay;

    /** The config these knobs describe, aimed at {@code target}; validate it before use. */
    RunConfig toConfig(Target target, long receiveBuffer, double readThrottle) {
        return new RunConfig(strategy, lock, threads, packets, clampToInt(size), clampToInt(sendBuffer), noDelay,
                clampToInt(receiveBuffer), readThrottle, target);
    }

    // Out-of-int values become -1 so that validation names them instead of wrapping around.
    private static int clampToInt(long v) {
        return v < 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** Strategy names for the help text. */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Strategies.names().iterator();
        }
    }
}
