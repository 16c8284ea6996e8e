package dev.interleave.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code interleave run | serve | send}. The same engine as the window; the CLI can
 * do all that the window does. Exit codes: 0 completed, 1 failed or stopped (or torn with
 * --fail-on-torn), 2 bad usage.
 */
@Command(name = "interleave", mixinStandardHelpOptions = true, versionProvider = InterleaveCommand.Version.class,
        description = {"Do concurrent send() calls on one TCP socket interleave? Run the experiment and see.",
                "With no subcommand the launcher opens the lab window."},
        subcommands = {RunCommand.class, SweepCommand.class, ServeCommand.class, SendCommand.class,
                CommandLine.HelpCommand.class})
public final class InterleaveCommand {

    /** Parses {@code args}, runs the subcommand, returns the exit code. Main thread. */
    public static int execute(String... args) {
        return new CommandLine(new InterleaveCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InterleaveCommand.class.getPackage().getImplementationVersion();
            return new String[] {"interleave " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}
