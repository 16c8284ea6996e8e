package dev.interleave.cli;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import dev.interleave.sweep.SweepPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code interleave run}: verifier and sender in this process, over loopback. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the experiment in this process: a verifier on loopback and many threads sending on one socket.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Knobs knobs;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "0", converter = KnobConverters.ReceiveBuffer.class,
            description = "Verifier SO_RCVBUF, 0-256MiB, 0 = OS default.")
    int receiveBuffer;

    @Option(names = "--read-throttle", paramLabel = "MB/s", defaultValue = "0", converter = KnobConverters.ReadThrottle.class,
            description = "The verifier reads at most this many MB/s, 0-100000 (0 = no limit), to provoke back-pressure.")
    double readThrottle;

    @Option(names = "--trials", paramLabel = "K", defaultValue = "1",
            description = "Run the same configuration K times, 1-1000, and report each trial and the pooled result "
                    + "(default: ${DEFAULT-VALUE}).")
    int trials;

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() {
        RunConfig config = knobs.toConfig(Target.inProcess(), receiveBuffer, readThrottle);
        if (trials == 1) {
            return RunExecution.execute(config, outputs, spec);
        }
        return SweepExecution.execute(SweepPlan.repeat(config, trials, 0), outputs.report, outputs.json,
                outputs.failOnTorn, SweepExecution.Style.TRIALS, spec);
    }
}
