package dev.interleave.send.nativeio;

import dev.interleave.protocol.Hello;
import dev.interleave.send.SendSetup;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.SenderConnection;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.TelemetrySnapshot;

/**
 * Not a test: the article's experiment against a naive sequential reader, for a look by hand.
 * {@code java --enable-native-access=ALL-UNNAMED ... TearingExperiment [strategy] [threads] [packets] [payload] [sndbuf]}
 */
public final class TearingExperiment {
    private TearingExperiment() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "native";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long packets = args.length > 2 ? Long.parseLong(args[2]) : 2_000;
        int payload = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int sndbuf = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        SendStrategy strategy = name.equals("native") ? NativeStrategies.blocking() : NativeStrategies.nonBlocking();
        long runId = 0x5EED_0000_0000_0001L;
        SenderTelemetry telemetry = new SenderTelemetry(threads, packets, 1 << 16);
        try (LoopbackServer server = LoopbackServer.parsing((int) runId, payload);
             SenderConnection conn = strategy.open(new SendSetup(server.address(), threads, payload,
                     new Hello(runId, packets, threads), sndbuf, true))) {
            long t0 = System.nanoTime();
            Senders senders = Senders.start(conn, telemetry, threads, packets);
            senders.join(Long.MAX_VALUE / 2_000_000L);
            conn.finishSending(null);
            SequentialFrameParser seen = server.result(600);
            double secs = (System.nanoTime() - t0) / 1e9;
            TelemetrySnapshot s = telemetry.snapshot();
            System.out.printf("%s %d threads x %d packets x %d B (SO_SNDBUF %s): %.1f s, %.0f MB/s%n",
                    name, threads, packets, payload, sndbuf == 0 ? "default" : sndbuf, secs, seen.bytes / secs / 1e6);
            System.out.printf("  reader: hello %s, %d intact, %d torn (header ok, payload not), %d bad-header runs, "
                            + "%d bytes skipped; packets not parsed intact: %d (%.2f%%)%n",
                    seen.helloProblem, seen.intact, seen.tornPayloads, seen.badHeaders, seen.skippedBytes,
                    packets - seen.intact, 100.0 * (packets - seen.intact) / packets);
            System.out.printf("  sender: %d send calls, %d partial sends, %d would-blocks, failures %s%n",
                    s.sendCalls(), s.partialSends(), s.wouldBlocks(), senders.failures);
        }
    }
}
