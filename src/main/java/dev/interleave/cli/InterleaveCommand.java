package dev.interleave.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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

    /** "interleave 0.1.0 on Java 25.0.1+8-LTS": the version the build wrote into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"interleave " + version() + " on Java " + Runtime.version()};
        }
    }

    /** The project's version, from the build (version.properties, filtered by Maven). Any thread. */
    public static String version() {
        try (InputStream in = InterleaveCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: the build left no readable version
        }
        return "(version unknown: not built by Maven)";
    }
}
