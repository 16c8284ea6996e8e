package dev.interleave.cli;

import dev.interleave.run.ListenAddress;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class InterleaveCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "[ADDR:]PORT", converter = ListenConverter.class,
            description = {"Open the window already listening for an outside sender (a reference client under"
                    + " clients/, or your own program) on ADDR:PORT; ADDR is 127.0.0.1 unless given, port 0 = any"
                    + " free one. E.g. --listen 11200, --listen 0.0.0.0:11200."})
    private ListenAddress listen;

    /** Opens the window listening (the launcher's; the CLI itself knows no window). */
    private final Function<ListenAddress, Integer> window;

    private InterleaveCommand(Function<ListenAddress, Integer> window) {
        this.window = window;
    }

    /** Parses {@code args}, runs the subcommand, returns the exit code. Main thread. */
    public static int execute(String... args) {
        return execute(at -> {
            System.err.println("interleave: --listen opens the window, which this entry point does not have:"
                    + " start the launcher, e.g. bin/interleave --listen " + at);
            return 2;
        }, args);
    }

    /**
     * As {@link #execute(String...)}, where {@code --listen} opens the window through {@code window}
     * (which returns the exit code when the window closes). Main thread.
     */
    public static int execute(Function<ListenAddress, Integer> window, String... args) {
        return new CommandLine(new InterleaveCommand(window))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    /** No subcommand: {@code --listen} opens the window; anything else is a usage error. */
    @Override
    public Integer call() {
        if (listen == null) {
            new CommandLine(this).usage(System.err);
            return 2;
        }
        return window.apply(listen);
    }

    /** Reads [ADDR:]PORT, naming the value and the range when it is wrong. */
    static final class ListenConverter implements CommandLine.ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
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
