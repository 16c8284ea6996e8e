package dev.interleave.bench;

import dev.interleave.verify.BackChannelReader;
import dev.interleave.verify.VerdictBoard;
import dev.interleave.verify.VerifierLimits;
import dev.interleave.verify.VerifierRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hostile peers of bench/abuse.sh: opens N connections at once to an {@code interleave serve}, of
 * every kind of issue 10 in turn, checks that a connection over the limit is told why while they are
 * open, waits until every one has ended, and prints one line per kind. Main thread starts one thread per
 * peer; a peer's outcome is its own line of text.
 *
 * <pre>java -cp … dev.interleave.bench.AbusePeers HOST PORT CONNECTIONS [CPU_OPEN CPU_TAIL [KIND,KIND…]]</pre>
 */
public final class AbusePeers {
    /** What each kind of peer does; the same kinds, in this order, fill the connections in turn. */
    enum Kind {
        /** A Hello claiming every id (0xFFFFFFFF packets), then FIN. */
        HUGE_HELLO,
        /** 20,000 empty frames with ids 65,536 apart (each a verdict range of its own), then FIN. */
        FORGED_HEADERS,
        /** 1,000,000 empty frames (a verdict each) with a 4 KiB receive buffer, and the back channel never read. */
        NON_READING,
        /** A Hello, then nothing: the server drops it after its idle timeout. */
        IDLE,
        /** Open packets with colliding payload prefixes, then payload words nobody expects. */
        CPU,
        /** 10,000 packets torn by each other, 64 segments each: splice details. */
        SPLICE_HEAVY
    }

    private AbusePeers() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int cpuOpen = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int cpuTail = args.length > 4 ? Integer.parseInt(args[4]) : 64 * 1024;
        List<Kind> kinds = args.length > 5
                ? java.util.Arrays.stream(args[5].split(",")).map(k -> Kind.valueOf(k.trim().toUpperCase(Locale.ROOT))).toList()
                : List.of(Kind.values());
        InetSocketAddress target = new InetSocketAddress(host, port);

        Map<Kind, byte[]> streams = new EnumMap<>(Kind.class);
        streams.put(Kind.HUGE_HELLO, HostileStreams.hello(0xFFFF_FFFFL));
        streams.put(Kind.FORGED_HEADERS, HostileStreams.forgedHeaders(20_000, 1 << 16));
        streams.put(Kind.NON_READING, HostileStreams.tinyFrames(1_000_000));
        streams.put(Kind.IDLE, HostileStreams.hello(10));
        streams.put(Kind.CPU, HostileStreams.collidingOpenPackets(cpuOpen, cpuTail));
        streams.put(Kind.SPLICE_HEAVY, HostileStreams.spliceHeavy(400, 25, 70));

        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch release = new CountDownLatch(1); // opened once every peer is connected
        Map<Kind, List<String>> outcomes = new ConcurrentHashMap<>();
        AtomicInteger failedToConnect = new AtomicInteger();
        List<Thread> peers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Kind kind = kinds.get(i % kinds.size());
            peers.add(Thread.ofPlatform().name("peer-" + i + "-" + kind).start(() -> {
                String outcome;
                try {
                    outcome = peer(kind, target, streams.get(kind), connected, release);
                } catch (IOException | RuntimeException | InterruptedException e) {
                    outcome = "failed: " + e;
                    if (connected.getCount() > 0) {
                        failedToConnect.incrementAndGet();
                    }
                }
                outcomes.computeIfAbsent(kind, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(outcome);
            }));
        }
        boolean allIn = connected.await(60, TimeUnit.SECONDS);
        // While all of them are connected, one more: the server must still accept, and say why it refuses.
        String refusal = overTheLimit(target);
        release.countDown();
        for (Thread t : peers) {
            t.join(TimeUnit.MINUTES.toMillis(5));
        }
        System.out.printf(Locale.ROOT, "hostile connections: %d (all connected: %s), done in %.1f s%n", connections,
                allIn, (System.nanoTime() - t0) / 1e9);
        System.out.println("connection over the limit: " + refusal);
        for (Kind k : Kind.values()) {
            List<String> o = outcomes.getOrDefault(k, List.of());
            Map<String, Long> counts = new java.util.TreeMap<>();
            o.forEach(s -> counts.merge(s, 1L, Long::sum));
            System.out.printf(Locale.ROOT, "  %-15s %,11d B each: %s%n", k, streams.get(k).length, counts);
        }
        for (Thread t : peers) {
            if (t.isAlive()) {
                System.out.println("  still running: " + t.getName());
            }
        }
    }

    private static String peer(Kind kind, InetSocketAddress target, byte[] stream, CountDownLatch connected,
                               CountDownLatch release) throws IOException, InterruptedException {
        try (Socket s = new Socket()) {
            if (kind == Kind.NON_READING) {
                s.setReceiveBufferSize(4096); // the back channel backs up at once
            }
            s.connect(target, 10_000);
            connected.countDown();
            awaitQuietly(release); // all connected first, so the limit is reached before anything is sent
            long t0 = System.nanoTime();
            s.getOutputStream().write(stream);
            switch (kind) {
                case NON_READING -> {
                    s.shutdownOutput();
                    Thread.sleep(8_000); // longer than the summary timeout: the server gives up on us
                    return "sent all, never read";
                }
                case IDLE -> {
                    // Read (the protocol allows it) but send nothing more: the server must drop us.
                    long n = drain(s.getInputStream());
                    return String.format(Locale.ROOT, "dropped by the server after ~%d s (%s)",
                            Math.round((System.nanoTime() - t0) / 1e9), n > 0 ? "back channel closed" : "closed");
                }
                default -> {
                    s.shutdownOutput();
                    VerdictBoard board = new VerdictBoard(VerifierLimits.defaults(), VerdictBoard.SMALL_CHUNK_BITS);
                    BackChannelReader.Result r = BackChannelReader.read(s.getInputStream(), board);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (!r.summaryArrived()) {
                        return "no summary";
                    }
                    var c = r.summary().counts();
                    return switch (kind) {
                        case HUGE_HELLO -> String.format(Locale.ROOT, "summary: missing %,d", c.missing());
                        case FORGED_HEADERS -> String.format(Locale.ROOT, "summary: %,d of 20,000 tracked "
                                + "(the rest past the verdict budget)", c.intact());
                        case CPU -> String.format(Locale.ROOT, "verified in %.0f s (%.3f MB/s)", seconds,
                                stream.length / seconds / 1e6);
                        case SPLICE_HEAVY -> String.format(Locale.ROOT, "summary: torn %,d", c.torn());
                        default -> "summary";
                    };
                }
            }
        }
    }

    private static String overTheLimit(InetSocketAddress target) {
        try (Socket s = new Socket()) {
            s.connect(target, 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(HostileStreams.hello(1));
            BackChannelReader.read(s.getInputStream(), new VerdictBoard());
            return "accepted, not refused";
        } catch (VerifierRefusedException e) {
            return "accepted and refused: " + e.getMessage();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    private static long drain(InputStream in) {
        long n = 0;
        byte[] buf = new byte[8192];
        try {
            int k;
            while ((k = in.read(buf)) >= 0) {
                n += k;
            }
        } catch (IOException reset) {
            // closed with a reset: ended all the same
        }
        return n;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
