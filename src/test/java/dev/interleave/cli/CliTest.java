package dev.interleave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.testing.CapturedOutput;
import dev.interleave.testing.SinkServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private String stdout() {
        return output.stdout();
    }

    @Test
    void runPrintsExactlyOneJsonObjectAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.csv");
        int code = InterleaveCommand.execute("run", "--strategy", "channel", "--threads", "4", "--packets", "200",
                "--size", "10KB", "--json", "--report", report.toString());
        assertThat(code).isZero();
        String[] lines = stdout().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("{").endsWith("}")
                .contains("\"strategy\":\"channel\"", "\"threads\":4", "\"packets\":200", "\"payloadSize\":10000",
                        "\"intact\":200", "\"torn\":0", "\"missing\":0", "\"duplicates\":0", "\"partialSends\":",
                        "\"bytesSent\":", "\"bytesReceived\":", "\"unattributedBytes\":0", "\"seconds\":",
                        "\"verdict\":\"INTACT\"");
        assertThat(Files.readString(report)).contains("run,strategy,channel");
    }

    private String stderr() {
        return output.stderr();
    }

    @Test
    void badUsageExitsTwoAndNamesTheValue() {
        int code = InterleaveCommand.execute("run", "--threads", "0");
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("0 is below the minimum: threads are 1 to 256");
        assertThat(InterleaveCommand.execute("run", "--size", "65MiB")).isEqualTo(2);
        assertThat(stderr()).contains("65MiB is above the maximum: payload sizes are 0 B to 64 MiB");
        assertThat(InterleaveCommand.execute("run", "--size", "lots")).isEqualTo(2);
        assertThat(stderr()).contains("'lots' is not a size");
        assertThat(InterleaveCommand.execute("frobnicate")).isEqualTo(2);
    }

    /** Each bad value, whichever command it is given to, ends it with 2 before any work, in the knob table's words. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "serve --connections -1 | -1 is below the minimum: connections to serve are 0 to 2,147,483,647",
            "serve --read-throttle 1e300 | 1e300 is above the maximum: the read throttle is 0 to 100,000 MB/s",
            "serve --rcvbuf 300MiB | 300MiB is above the maximum: SO_RCVBUF is 0 B to 256 MiB (0 = the OS default)",
            "serve --rcvbuf 5GiB | 5GiB is above the maximum: SO_RCVBUF is 0 B to 256 MiB (0 = the OS default)",
            "serve --max-connections 0 | 0 is below the minimum: concurrent connections are 1 to 4,096",
            "serve --port 70000 | 70000 is above the maximum: ports to listen on are 0 to 65535",
            "run --sndbuf 3GiB | 3GiB is above the maximum: SO_SNDBUF is 0 B to 256 MiB (0 = the OS default)",
            "run --rcvbuf 5GiB | 5GiB is above the maximum: SO_RCVBUF is 0 B to 256 MiB (0 = the OS default)",
            "run --read-throttle 1e300 | 1e300 is above the maximum: the read throttle is 0 to 100,000 MB/s",
            "run --threads -5 | -5 is below the minimum: threads are 1 to 256",
            "run --packets 0 | 0 is below the minimum: packets are 1 to 4,294,967,295",
            "send --host 127.0.0.1 --port 0 | 0 is below the minimum: ports are 1 to 65535",
            "send --host 127.0.0.1 --sndbuf 3GiB | 3GiB is above the maximum: SO_SNDBUF is 0 B to 256 MiB",
            "run --progress-timeout 1e6 | 1e6 is above the maximum: progress timeouts are 0 to 86,400 s (0 = wait forever)",
            "send --host 127.0.0.1 --progress-timeout NaN | 'NaN' is not a number: progress timeouts are 0 to 86,400 s",
            "run --progress-timeout 0.05 | progress timeout 0.05 s is outside 0.1-86400 s (0 = wait forever)",
            "serve --idle-timeout NaN | 'NaN' is not a number: idle timeouts are 0.001 to 86,400 s",
            "serve --idle-timeout 1e6 | 1e6 is above the maximum: idle timeouts are 0.001 to 86,400 s",
    })
    void everyBadValueExitsTwoNamingItAndItsRange(String args, String message) {
        assertThat(InterleaveCommand.execute(args.split(" "))).isEqualTo(2);
        assertThat(stderr()).contains(message).doesNotContain("-1 B").doesNotContain("listening on");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"native", "channel", "socket-per-thread"})
    void sendingToAClosedPortSaysSoInOneLineAndExitsOne(String strategy) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int code = InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--strategy", strategy, "--threads", "3", "--packets", "10");
        assertThat(code).isEqualTo(1);
        assertThat(stderr().strip()).isEqualTo("error: could not connect to 127.0.0.1:" + port + ": connection refused");
        assertThat(stdout()).isEmpty(); // no all-zero summary, no "verdicts unknown"

        code = InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--strategy", strategy, "--threads", "3", "--packets", "10", "--json");
        assertThat(code).isEqualTo(1);
        assertThat(stdout()).contains("\"outcome\":\"FAILED\"",
                "\"failure\":\"could not connect to 127.0.0.1:" + port + ": connection refused\"");
        assertThat(stderr()).doesNotContain("WARN");
    }

    @Test
    void theProgressTimeoutIsTheCommandLines() throws Exception {
        // A verifier that reads nothing: with --progress-timeout 0.5 the send fails after about half a
        // second (not the default 30), in those words, and keeps its partial result.
        try (SinkServer silent = SinkServer.silent(4096)) {
            int code = InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port",
                    String.valueOf(silent.address().getPort()), "--strategy", "channel", "--threads", "2",
                    "--packets", "1000", "--size", "1MiB", "--progress-timeout", "0.5");
            assertThat(code).isEqualTo(1);
            assertThat(stdout() + stderr()).contains("read nothing for 0.5 s");
        }
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        assertThat(InterleaveCommand.execute("-V")).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>interleave</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(stdout().strip()).startsWith("interleave " + m.group(1) + " on Java ").doesNotContain("dev");
    }

    @Test
    void serveRefusesAnAddressThatIsNotThisMachines() {
        assertThat(InterleaveCommand.execute("serve", "--port", "0", "--bind", "8.8.8.8")).isEqualTo(2);
        assertThat(stderr()).contains("8.8.8.8 is not an address of this machine")
                .doesNotContain("another verifier").doesNotContain("listening on");
    }

    @Test
    void aReportFolderThatCannotBeWrittenIsRefusedWithTheReason() {
        assertThat(InterleaveCommand.execute("serve", "--port", "0", "--report-dir", "/proc/foo")).isEqualTo(2);
        assertThat(stderr()).contains("cannot use /proc/foo as the report folder: the system refuses new files there")
                .doesNotContain("listening on");
    }

    @Test
    void aReportThatCannotBeWrittenIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        // 4,294,967,295 packets would take hours: the check must come first.
        assertThat(InterleaveCommand.execute("run", "--packets", "4294967295", "--report", "/proc/x.csv")).isEqualTo(2);
        assertThat(stderr()).contains("cannot write the report to /proc/x.csv: the system refuses new files there");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertThat(InterleaveCommand.execute("run", "--report", file.resolve("r.csv").toString())).isEqualTo(2);
        assertThat(stderr()).contains("is not a folder");
        assertThat(InterleaveCommand.execute("run", "--report", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("it is a folder");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(stdout()).isEmpty();

        try (ServerSocket verifier = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            verifier.setSoTimeout(300);
            assertThat(InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port",
                    String.valueOf(verifier.getLocalPort()), "--report", "/proc/x.csv")).isEqualTo(2);
            org.assertj.core.api.Assertions.assertThatThrownBy(verifier::accept)
                    .as("send connected before checking its report").isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void failOnTornIsZeroWhenNothingTore() {
        int code = InterleaveCommand.execute("run", "--strategy", "socket-stream", "--threads", "3", "--packets",
                "100", "--size", "1000", "--fail-on-torn", "--json");
        assertThat(code).isZero();
    }

    @Test
    void sendAgainstAVerifierThatSaysNothingFinishesWithUnknownVerdicts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread sink = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = silent.accept(); InputStream in = s.getInputStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (Exception ignored) {
                    // the test ends the socket
                }
            });
            int code = InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port",
                    String.valueOf(silent.getLocalPort()), "--strategy", "channel", "--threads", "2", "--packets",
                    "50", "--size", "1000", "--json");
            sink.join(5000);
            assertThat(code).isZero();
            assertThat(stdout()).contains("\"verdict\":\"UNKNOWN\"", "\"verdictsKnown\":false");
            assertThat(stderr()).doesNotContain("WARN");
        }
    }

    @Test
    void aVerifierThatResetsInsteadOfAnsweringIsReportedInWordsNotInTheLog() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread sink = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = rude.accept()) {
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    s.setSoLinger(true, 0); // close with a reset: the sender's result reader fails
                } catch (Exception ignored) {
                    // the test ends the socket
                }
            });
            int code = InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port",
                    String.valueOf(rude.getLocalPort()), "--strategy", "channel", "--threads", "2", "--packets",
                    "50", "--size", "1000");
            sink.join(5000);
            assertThat(stdout()).contains("could not be read", "Verdicts unknown");
            assertThat(code).isEqualTo(1); // the experiment has no verdicts: a failed run
            assertThat(stderr()).doesNotContain("WARN");
        }
    }
    @Test
    void serveAndSendTalkOverLoopbackAndAgreeOnTheVerdicts() throws Exception {
        int[] serveCode = {-1};
        Path reports = Files.createTempDirectory("serve-reports");
        Thread serve = Thread.ofPlatform().start(() -> serveCode[0] = InterleaveCommand.execute("serve", "--port", "0",
                "--connections", "1", "--json", "--report-dir", reports.toString()));
        java.util.regex.Matcher m = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            m = java.util.regex.Pattern.compile("listening on [^:]+:(\\d+)").matcher(stderr());
            if (m.find()) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(m).isNotNull();
        String port = m.group(1);
        int code = InterleaveCommand.execute("send", "--host", "127.0.0.1", "--port", port, "--strategy",
                "socket-stream", "--threads", "3", "--packets", "120", "--size", "5000", "--json");
        serve.join(20_000);
        assertThat(code).isZero();
        assertThat(serveCode[0]).isZero();
        String[] lines = stdout().strip().split("\n");
        assertThat(lines).hasSize(2);
        String sendLine = java.util.Arrays.stream(lines).filter(l -> l.contains("\"verdictsKnown\"")).findFirst().orElseThrow();
        String serveLine = java.util.Arrays.stream(lines).filter(l -> l.contains("\"connection\"")).findFirst().orElseThrow();
        assertThat(sendLine).contains("\"verdictsKnown\":true", "\"intact\":120", "\"torn\":0", "\"verdict\":\"INTACT\"");
        assertThat(serveLine).contains("\"intact\":120", "\"torn\":0", "\"missing\":0", "\"end\":\"END_OF_STREAM\"");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var sent = json.readTree(sendLine);
        var served = json.readTree(serveLine);
        long reportBytes = sent.get("bytesSent").asLong() - (32 + 120 * 5024);
        assertThat(reportBytes).as("the sender report's bytes").isEqualTo(24 + 32 * 3
                + sent.get("senderReport").get("description").asText().getBytes(StandardCharsets.UTF_8).length + 4);
        assertThat(served.get("bytesReceived").asLong()).isEqualTo(sent.get("bytesSent").asLong());
        // The sender shows the report it wrote; serve the one it received, with its claims beside the frames.
        assertThat(sent.get("senderReport").get("source").asText()).isEqualTo("written by this sender");
        assertThat(sent.get("senderReport").get("totals").get("packets").asLong()).isEqualTo(120);
        assertThat(served.get("senderReport").has("source")).isFalse();
        assertThat(served.get("senderReport").get("runId").asText()).isEqualTo(served.get("runId").asText());
        assertThat(served.get("senderReport").get("totals").get("packets").asLong()).isEqualTo(120);
        assertThat(served.get("senderReport").get("totals").get("partialSends").isNull()).as("not measured").isTrue();
        assertThat(served.get("senderReport").get("claims").asText())
                .isEqualTo("The sender claims 120 packets, and the verifier saw 120, thread by thread as claimed.");
        try (var files = Files.list(reports)) {
            List<Path> csv = files.toList();
            assertThat(csv).hasSize(1);
            String text = Files.readString(csv.getFirst());
            assertThat(text).contains("run,intact,120", "run,end,END_OF_STREAM",
                    "run,bytes_received," + sent.get("bytesSent").asLong(), "run,report_bytes," + reportBytes,
                    "run,report_source,received by the verifier", "\nreport,total,120,,,\n", "run,packet_rows,120\n",
                    "run,packet_rows_omitted,0\n");
            assertThat(text.lines().filter(l -> l.startsWith("packet,")).count()).isEqualTo(120);
            assertThat(text.lines().filter(l -> l.startsWith("missing_range,")).count()).isZero();
        }
    }

    /** Starts {@code serve --port 0 args...} on a thread of its own; returns its port. */
    private int startServe(int[] code, String... args) throws InterruptedException {
        String[] all = new String[args.length + 2];
        all[0] = "serve";
        all[1] = "--port=0";
        System.arraycopy(args, 0, all, 2, args.length);
        Thread.ofPlatform().daemon().start(() -> code[0] = InterleaveCommand.execute(all));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on [^:]+:(\\d+)")
                    .matcher(stderr());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not start: " + stderr());
    }

    @Test
    void serveCallsAStreamWithADuplicateIntactAsARunWould() throws Exception {
        int[] serveCode = {-1};
        int port = startServe(serveCode, "--connections", "1", "--json");
        long runId = 0x1234_5678_9abcL;
        int runIdLow = (int) runId;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            var o = s.getOutputStream();
            o.write(new dev.interleave.protocol.Hello(runId, 3, 1).encode());
            byte[] frame = new byte[24 + 100];
            for (long id : new long[] {0, 1, 2, 2}) { // #2 arrives whole twice
                dev.interleave.protocol.FrameHeader.encodeFrame(frame, id, 0, 100, runIdLow);
                o.write(frame);
            }
            s.shutdownOutput();
            s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!stdout().contains("\"connection\"") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stdout()).contains("\"duplicates\":1", "\"missing\":0", "\"torn\":0", "\"verdict\":\"INTACT\"");
        var counts = new dev.interleave.verify.VerdictCounts(0, 2, 0, 0, 1);
        assertThat(dev.interleave.run.RunVerdict.of(true, true, counts, 3)).isEqualTo(dev.interleave.run.RunVerdict.INTACT);
    }

    @Test
    void serveOnAPortInUseSaysSoAndExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int code = InterleaveCommand.execute("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(code).isEqualTo(1);
            assertThat(stderr()).contains("cannot listen on").contains("another port");
        }
    }
}
