package dev.interleave.cli;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import dev.interleave.send.Strategies;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The knobs of a run, shared by {@code run} and {@code send}. Defaults are the article's. */
final class Knobs {
    @Option(names = "--strategy", paramLabel = "S", defaultValue = "native",
            description = "How threads write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = StrategyNames.class)
    String strategy;

    @Option(names = "--lock", description = "Hold one application lock for each whole packet (the fix).")
    boolean lock;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "20", converter = KnobConverters.Threads.class,
            description = "Sending threads, 1-256 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "10000", converter = KnobConverters.Packets.class,
            description = "Packets to send, 1-4294967295; 10000, 10k and 1M all work (default: ${DEFAULT-VALUE}).")
    long packets;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "100000", converter = KnobConverters.PayloadSize.class,
            description = "Payload bytes per packet, 0-64MiB; 100000, 100KB and 64MiB all work (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--sndbuf", paramLabel = "BYTES", defaultValue = "0", converter = KnobConverters.SendBuffer.class,
            description = "Sender SO_SNDBUF, 0-256MiB, 0 = OS default.")
    int sendBuffer;

    @Option(names = "--nodelay", description = "Set TCP_NODELAY on the sending socket(s).")
    boolean noDelay;

    @Option(names = "--progress-timeout", paramLabel = "SECONDS", defaultValue = "30",
            converter = KnobConverters.ProgressTimeout.class,
            description = "Fail the run, keeping its partial result, when for this long nothing is written, read "
                    + "back or decided: 0.1-86400 s, 0 = wait forever (default: ${DEFAULT-VALUE}).")
    double progressTimeout;

    /** The config these knobs describe, aimed at {@code target}; every value is in its knob's range already. */
    RunConfig toConfig(Target target, int receiveBuffer, double readThrottle) {
        return new RunConfig(strategy, lock, threads, packets, size, sendBuffer, noDelay, receiveBuffer, readThrottle,
                target).withProgressTimeout(Duration.ofNanos(Math.round(progressTimeout * 1e9)));
    }

    /** Strategy names for the help text. */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Strategies.names().iterator();
        }
    }
}
