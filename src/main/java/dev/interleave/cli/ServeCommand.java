package dev.interleave.cli;

import dev.interleave.report.ConnectionReport;
import dev.interleave.run.Target;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerifierServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interleave serve}: the verifier alone, for a sender on another host. Prints one line (or one
 * JSON object) per finished connection; runs until Ctrl+C, or until {@code --connections} are done.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the verifier for 'interleave send' from another host; verdicts go back on each connection.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + Target.DEFAULT_PORT,
            description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}, the article's).")
    int port;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "0", converter = SizeConverter.class,
            description = "SO_RCVBUF of accepted connections, 0 = OS default.")
    long receiveBuffer;

    @Option(names = "--read-throttle", paramLabel = "MB/s", defaultValue = "0",
            description = "Read at most this many MB/s per connection (0 = no limit), to provoke back-pressure.")
    double readThrottle;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "64",
            description = "Concurrent connections; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Drop a connection that sends nothing for this long after its Hello (default: ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "0",
            description = "Exit after N finished connections (0 = serve until Ctrl+C).")
    int connections;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write a CSV report per connection here.")
    Path reportDir;

    @Option(names = "--json", description = "Print one JSON object per finished connection on stdout.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "port " + port + " is outside 0-65535");
        }
        if (receiveBuffer < 0 || receiveBuffer > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rcvbuf " + receiveBuffer + " is too large");
        }
        if (!(readThrottle >= 0) || Double.isInfinite(readThrottle)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--read-throttle " + readThrottle
                    + " MB/s is not a rate (0 = no limit)");
        }
        if (maxConnections < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-connections must be at least 1");
        }
        if (!(idleTimeout >= 0.001 && idleTimeout <= ServerConfig.MAX_IDLE_TIMEOUT.toSeconds())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--idle-timeout " + idleTimeout
                    + " s is outside 0.001-" + ServerConfig.MAX_IDLE_TIMEOUT.toSeconds() + " s");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot bind to '" + bind + "': unknown address");
        }
        if (reportDir != null) {
            try {
                Files.createDirectories(reportDir);
            } catch (IOException e) {
                err.println("error: cannot create the report folder " + reportDir + ": " + e.getMessage());
                return 1;
            }
        }
        CountDownLatch done = new CountDownLatch(connections > 0 ? connections : 1);
        ServerConfig config = ServerConfig.defaults().withBindAddress(address).withPort(port)
                .withReceiveBufferSize((int) receiveBuffer).withReadThrottleMBps(readThrottle)
                .withMaxConnections(maxConnections)
                .withIdleTimeout(java.time.Duration.ofNanos((long) (idleTimeout * 1e9)))
                .withOnConnectionFinished(r -> {
                    report(r, out, err);
                    if (connections > 0) {
                        done.countDown();
                    }
                });
        VerifierServer server;
        try {
            server = VerifierServer.start(config);
        } catch (BindException e) {
            err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is another verifier running? try --port 0 or another port)");
            return 1;
        } catch (IOException e) {
            err.println("error: cannot start the verifier on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            server.close();
            done.countDown();
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.printf(Locale.ROOT, "verifier listening on %s:%d (Ctrl+C to stop)%n", address.getHostAddress(), server.port());
        err.flush();
        done.await();
        // Leave the hook registered only while serving forever; a finished --connections run closes here.
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
        server.close();
        return 0;
    }

    private synchronized void report(ConnectionResult r, PrintStream out, PrintStream err) {
        if (json) {
            out.println(toJson(r));
        } else {
            out.printf(Locale.ROOT, "connection %d from %s: %s; intact %,d, torn %,d, missing %,d, duplicate %,d; "
                            + "%,d bytes, %,d unattributable, %.2f s%s%n", r.connection(), r.remoteAddress(),
                    r.endDetail().isEmpty() ? r.end() : r.end() + ", " + r.endDetail(),
                    r.counts().intact(), r.counts().torn(), r.counts().missing(), r.counts().duplicate(),
                    r.bytes().received(), r.bytes().unattributable(), r.seconds(),
                    r.backChannelError().isEmpty() ? "" : "; back channel failed: " + r.backChannelError());
        }
        out.flush();
        if (reportDir != null) {
            Path file = reportDir.resolve(String.format(Locale.ROOT, "connection-%04d-%s.csv", r.connection(),
                    r.hello() == null ? "no-hello" : Long.toHexString(r.hello().runId())));
            try {
                ConnectionReport.write(r, file);
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
            }
        }
    }

    /**
     * The run JSON's fields, as far as a verifier can know them: strategy, partial sends and bytes sent
     * are the sender's and come out null.
     */
    static Json toJson(ConnectionResult r) {
        String verdict = r.counts().torn() > 0 ? "TORN"
                : r.end() != ConnectionResult.End.END_OF_STREAM || r.counts().missing() > 0
                || r.counts().pending() > 0 ? "INCOMPLETE" : "INTACT";
        return new Json()
                .put("connection", (long) r.connection())
                .put("remote", r.remoteAddress())
                .put("end", r.end().name())
                .put("endDetail", r.endDetail())
                .put("runId", r.hello() == null ? null : Long.toHexString(r.hello().runId()))
                .put("strategy", null)
                .put("threads", r.hello() == null ? null : r.hello().threads())
                .put("packets", r.hello() == null ? null : r.hello().expectedPackets())
                .put("payloadSize", null)
                .put("intact", r.counts().intact())
                .put("torn", r.counts().torn())
                .put("missing", r.counts().missing())
                .put("duplicates", r.counts().duplicate())
                .put("partialSends", null)
                .put("bytesSent", null)
                .put("bytesReceived", r.bytes().received())
                .put("unattributedBytes", r.bytes().unattributable())
                .put("seconds", r.seconds())
                .put("verdict", verdict)
                .put("splices", r.torn().stream().map(t -> "#" + t.packetId() + ": " + t.describe()).toList())
                .put("problems", r.problemCounts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .sorted().toList())
                .put("droppedMessages", r.droppedMessages())
                .put("summarySent", r.summarySent())
                .put("backChannelError", r.backChannelError().isEmpty() ? null : r.backChannelError());
    }
}
