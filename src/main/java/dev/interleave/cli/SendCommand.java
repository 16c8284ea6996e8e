package dev.interleave.cli;

import dev.interleave.run.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code interleave send}: the sender alone, against an {@code interleave serve} on another host. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send to a verifier that 'interleave serve' runs on another host; its verdicts come back on the same connection.")
final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "H", description = "The verifier's host.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + Target.DEFAULT_PORT,
            converter = KnobConverters.Port.class, description = "The verifier's port, 1-65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    Knobs knobs;

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() {
        return RunExecution.execute(knobs.toConfig(Target.remote(host, port), 0, 0), outputs, spec);
    }
}
