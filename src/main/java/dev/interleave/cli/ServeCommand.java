package dev.interleave.cli;

import dev.interleave.protocol.SenderReport;
import dev.interleave.report.ConnectionReport;
import dev.interleave.report.ReportPaths;
import dev.interleave.run.ReportClaims;
import dev.interleave.run.RunVerdict;
import dev.interleave.run.Target;
import dev.interleave.run.VerdictSentence;
import dev.interleave.stats.Proportion;
import dev.interleave.verify.ConnectionResult;
import dev.interleave.verify.ServerConfig;
import dev.interleave.verify.VerifierServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
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
            converter = KnobConverters.ListenPort.class,
            description = "Port to listen on, 0-65535, 0 for any (default: ${DEFAULT-VALUE}, the article's).")
    int port;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "0", converter = KnobConverters.ReceiveBuffer.class,
            description = "SO_RCVBUF of accepted connections, 0-256MiB, 0 = OS default.")
    int receiveBuffer;

    @Option(names = "--read-throttle", paramLabel = "MB/s", defaultValue = "0", converter = KnobConverters.ReadThrottle.class,
            description = "Read at most this many MB/s per connection, 0-100000 (0 = no limit), to provoke back-pressure.")
    double readThrottle;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "64",
            converter = KnobConverters.MaxConnections.class,
            description = "Concurrent connections, 1-4096; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            converter = KnobConverters.IdleTimeout.class,
            description = "Drop a connection that sends nothing for this long after its Hello, 0.001-86400 s (default: ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "0", converter = KnobConverters.Connections.class,
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
        InetAddress address = localAddress(bind);
        if (reportDir != null) {
            try {
                ReportPaths.prepareFolder(reportDir);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        CountDownLatch done = new CountDownLatch(connections > 0 ? connections : 1);
        ServerConfig config = ServerConfig.defaults().withBindAddress(address).withPort(port)
                .withReceiveBufferSize(receiveBuffer).withReadThrottleMBps(readThrottle)
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
            boolean inUse = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use");
            err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + (inUse ? " (is another verifier running? try --port 0 or another port)" : ""));
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

    /**
     * The address to listen on, if it is one of this machine's (or the wildcard); else a usage error
     * that says so, before anything starts.
     */
    private InetAddress localAddress(String text) {
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot listen on '" + text
                    + "': unknown address");
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            local = true; // the interfaces cannot be listed: let bind() answer
        }
        if (!local) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot listen on " + text + ": "
                    + address.getHostAddress() + " is not an address of this machine; use 0.0.0.0 for every"
                    + " interface, 127.0.0.1 for this machine only, or one of its own addresses");
        }
        return address;
    }

    private synchronized void report(ConnectionResult r, PrintStream out, PrintStream err) {
        // Per thread from the connection's packets: readable only while this listener runs.
        ReportClaims.Seen seen = r.report().isPresent() ? ReportClaims.seen(r) : ReportClaims.Seen.UNKNOWN;
        if (json) {
            out.println(toJson(r, seen));
        } else {
            out.printf(Locale.ROOT, "connection %d from %s: %s, %s; %s; intact %,d, torn %,d, missing %,d, "
                            + "duplicate %,d, pending %,d; %,d bytes, %,d unattributable, %.2f s%s%s%n", r.connection(),
                    r.remoteAddress(), RunVerdict.of(r), r.endDetail().isEmpty() ? r.end() : r.end() + ", " + r.endDetail(),
                    VerdictSentence.evidence(r.counts(), "one connection"),
                    r.counts().intact(), r.counts().torn(), r.counts().missing(), r.counts().duplicate(),
                    r.counts().pending(), r.bytes().received(), r.bytes().unattributable(), r.seconds(),
                    // A sender that does not read its results loses the live ones past the bound (the summary stays).
                    r.droppedMessages() == 0 ? "" : String.format(Locale.ROOT,
                            "; %,d live results dropped (the sender did not read them)", r.droppedMessages()),
                    r.backChannelError().isEmpty() ? "" : "; back channel failed: " + r.backChannelError());
            r.report().ifPresent(rep -> out.println(reportLine(rep, seen)));
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
     * The sender report's line under a connection's: its claims, labelled as such, and how they compare
     * with what the verifier saw, e.g. {@code   sender report (its claims): 4 threads; packets 200, send
     * calls 230, partial sends 30, would-blocks not measured; "C, POSIX send() loop, Linux 6.18". The
     * sender claims 200 packets, and the verifier saw 200, thread by thread as claimed.}
     */
    static String reportLine(SenderReport rep, ReportClaims.Seen seen) {
        ReportClaims.Totals t = ReportClaims.totals(rep);
        return String.format(Locale.ROOT, "  sender report (its claims): %d threads; packets %s, send calls %s, "
                        + "partial sends %s, would-blocks %s; \"%s\". %s", t.threads(), ReportClaims.count(t.packets()),
                ReportClaims.count(t.sendCalls()), ReportClaims.count(t.partialSends()),
                ReportClaims.count(t.wouldBlocks()), rep.sanitizedDescription(), ReportClaims.sentence(rep, seen));
    }

    /**
     * The run JSON's fields, as far as a verifier can know them: strategy, partial sends and bytes sent
     * are the sender's and come out null; what the sender claims of them is in {@code senderReport}.
     */
    static Json toJson(ConnectionResult r) {
        return toJson(r, ReportClaims.seen(r));
    }

    static Json toJson(ConnectionResult r, ReportClaims.Seen seen) {
        Proportion rate = RunVerdict.tornRate(r.counts());
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
                .put("pending", r.counts().pending())
                .put("trials", RunVerdict.trials(r.counts()))
                .put("tornRate", rate.rate())
                .put("tornRateLow", rate.low())
                .put("tornRateHigh", rate.high())
                .put("partialSends", null)
                .put("bytesSent", null)
                .put("bytesReceived", r.bytes().received())
                .put("unattributedBytes", r.bytes().unattributable())
                .put("seconds", r.seconds())
                .put("verdict", RunVerdict.of(r).name())
                .put("verdictText", VerdictSentence.evidence(r.counts(), "one connection"))
                .put("splices", r.torn().stream().map(t -> "#" + t.packetId() + ": " + t.describe()).toList())
                .put("problems", r.problemCounts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .sorted().toList())
                .put("droppedMessages", r.droppedMessages())
                .put("summarySent", r.summarySent())
                .put("backChannelError", r.backChannelError().isEmpty() ? null : r.backChannelError())
                .put("untrackedEvents", r.untrackedEvents())
                .put("senderReport", ReportJson.of(r.report().orElse(null), null,
                        r.report().map(rep -> ReportClaims.sentence(rep, seen)).orElse(null)));
    }
}
