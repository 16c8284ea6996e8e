package dev.interleave.cli;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import dev.interleave.sweep.LockChoice;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.TrialBudget;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interleave sweep}: every cell of strategies x lock x threads x sizes, several trials each, in a
 * shuffled order; a table per way of writing, a CSV report and JSON (docs/REPORT.md).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Measure where tearing starts: every strategy x lock x threads x size cell, several trials "
                + "each, in a seeded shuffled order (so the machine's drift spreads over all cells).",
                "Prints a table per way of writing: the pooled torn rate with its 95%% interval, or '< bound' where "
                        + "nothing tore. Ctrl+C keeps every finished trial and writes them."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "S", split = ",", defaultValue = "native",
            description = "Ways of writing, comma separated: ${COMPLETION-CANDIDATES}; 'name+lock' measures one "
                    + "with the lock only (default: ${DEFAULT-VALUE}).",
            completionCandidates = Knobs.StrategyNames.class)
    List<String> strategies;

    @Option(names = "--lock", paramLabel = "no|yes|both", arity = "0..1", fallbackValue = "yes", defaultValue = "no",
            description = "Measure without the application lock, with it, or both (default: ${DEFAULT-VALUE}; "
                    + "--lock alone is yes).")
    String lock;

    @Option(names = "--threads", paramLabel = "N", split = ",", defaultValue = "1,2,4,8,16,32,64",
            converter = KnobConverters.Threads.class,
            description = "Sending threads, comma separated, each 1-256 (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--size", paramLabel = "SIZE", split = ",", converter = KnobConverters.PayloadSize.class,
            defaultValue = "100,1000,10000,100000,1000000",
            description = "Payload sizes, comma separated, each 0-64MiB; 100, 1KB, 64KiB all work (default: "
                    + "${DEFAULT-VALUE}, decades from 100 B to 1 MB).")
    List<Integer> sizes;

    @ArgGroup(exclusive = true)
    Budget budget;

    static final class Budget {
        @Option(names = "--packets", paramLabel = "N", converter = KnobConverters.Packets.class,
                description = "Packets per trial, 1-4294967295.")
        Long packets;

        @Option(names = "--bytes", paramLabel = "BYTES", converter = SizeConverter.class,
                description = "Bytes per trial, turned into packets of each cell's size (at least one per thread, "
                        + "at most 1,000,000); 20MB unless --packets is given.")
        Long bytes;
    }

    @Option(names = "--trials", paramLabel = "K", defaultValue = "5",
            description = "Trials per cell, 1-1000 (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the shuffled order (default: a random one; "
            + "printed and recorded, so a sweep can be repeated in the same order).")
    Long seed;

    @Option(names = "--sndbuf", paramLabel = "BYTES", defaultValue = "0",
            converter = KnobConverters.SendBuffer.class, description = "Sender SO_SNDBUF, 0-256MiB, 0 = OS default.")
    int sendBuffer;

    @Option(names = "--nodelay", description = "Set TCP_NODELAY on the sending socket(s).")
    boolean noDelay;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "0",
            converter = KnobConverters.ReceiveBuffer.class,
            description = "Verifier SO_RCVBUF, 0-256MiB, 0 = OS default.")
    int receiveBuffer;

    @Option(names = "--read-throttle", paramLabel = "MB/s", defaultValue = "0",
            converter = KnobConverters.ReadThrottle.class,
            description = "The verifier reads at most this many MB/s, 0-100000 (0 = no limit).")
    double readThrottle;

    @Option(names = "--target", paramLabel = "HOST:PORT", defaultValue = "in-process",
            description = "The verifier: in-process (default) or an 'interleave serve' at host:port.")
    String target;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the sweep as CSV (docs/REPORT.md).")
    Path report;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout (progress stays on stderr).")
    boolean json;

    @Override
    public Integer call() {
        return SweepExecution.execute(plan(), report, json, false, SweepExecution.Style.TABLES, spec);
    }

    /** The plan these options describe; throws a ParameterException naming every bad value. */
    SweepPlan plan() {
        List<String> problems = new ArrayList<>();
        LockChoice locks = null;
        try {
            locks = LockChoice.valueOf(lock.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--lock '" + lock + "' is not one of no, yes, both");
        }
        TrialBudget b = budget != null && budget.packets != null ? TrialBudget.ofPackets(budget.packets)
                : budget != null && budget.bytes != null ? TrialBudget.ofBytes(budget.bytes) : SweepPlan.DEFAULT_BUDGET;
        RunConfig base = RunConfig.defaults().withSendBuffer(sendBuffer).withTcpNoDelay(noDelay)
                .withReceiveBuffer(receiveBuffer).withReadThrottle(readThrottle)
                .withTarget(Target.parse(target));
        long s = seed != null ? seed : new SecureRandom().nextLong();
        SweepPlan plan = SweepPlan.grid(strategies, locks == null ? LockChoice.NO : locks, threads, sizes, trials, b,
                base, s);
        problems.addAll(plan.problems());
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        return plan;
    }
}
