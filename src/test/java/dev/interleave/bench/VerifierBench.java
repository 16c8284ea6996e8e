package dev.interleave.bench;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.verify.ByteAccount;
import dev.interleave.verify.StreamProblem;
import dev.interleave.verify.StreamVerifier;
import dev.interleave.verify.TornPacket;
import dev.interleave.verify.VerdictSink;
import dev.interleave.verify.VerifierLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * StreamVerifier throughput on an in-memory stream of 100,000-byte frames, fed in 256 KiB chunks
 * (what the server reads). The score is streams per second; {@link #main} prints bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class VerifierBench {
    static final int PAYLOAD = 100_000;
    static final int PACKETS = 200;
    static final int CHUNK = 256 * 1024;
    static final long RUN = 0x5EED_1234_ABCD_0001L;

    /** intact: every frame whole; torn: every 4th frame torn by the next one at a random offset. */
    @Param({"intact", "torn"})
    public String shape;

    byte[] stream;

    @Setup(Level.Trial)
    public void build() {
        stream = stream(shape.equals("torn"));
    }

    static byte[] stream(boolean tears) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(RUN, PACKETS, 20).encode());
        byte[] f = new byte[24 + PAYLOAD];
        byte[] g = new byte[24 + PAYLOAD];
        java.util.Random rnd = new java.util.Random(1);
        for (int id = 0; id < PACKETS; id++) {
            FrameHeader.encodeFrame(f, id, id % 20, PAYLOAD, (int) RUN);
            if (tears && id % 4 == 0 && id + 1 < PACKETS) {
                FrameHeader.encodeFrame(g, id + 1, (id + 1) % 20, PAYLOAD, (int) RUN);
                int k = 24 + 8_192 * (1 + rnd.nextInt(10));
                out.write(f, 0, k);
                out.writeBytes(g);
                out.write(f, k, f.length - k);
                id++;
            } else {
                out.writeBytes(f);
            }
        }
        return out.toByteArray();
    }

    /** Counts what it is told, so nothing is optimised away. */
    static final class CountingSink implements VerdictSink {
        long whole, torn, problems;

        @Override public void hello(Hello hello) { }
        @Override public void packetWhole(long packetId, int thread, int payloadLength) { whole++; }
        @Override public void packetTorn(TornPacket t) { torn++; }
        @Override public void problem(StreamProblem problem) { problems++; }
        @Override public void bytes(ByteAccount delta) { }
    }

    @Benchmark
    public void verify(Blackhole bh) {
        CountingSink sink = new CountingSink();
        StreamVerifier v = new StreamVerifier(VerifierLimits.defaults(), sink);
        byte[] s = stream;
        for (int off = 0; off < s.length; off += CHUNK) {
            v.feed(s, off, Math.min(CHUNK, s.length - off));
        }
        v.finish();
        bh.consume(sink.whole + sink.torn + sink.problems);
    }

    /** Runs the benchmark with short iterations and prints bytes per second. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(VerifierBench.class.getName() + ".verify")
                .warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .forks(1).build()).run();
        for (RunResult r : results) {
            String shape = r.getParams().getParam("shape");
            double streamsPerSecond = r.getPrimaryResult().getScore();
            long bytes = stream(shape.equals("torn")).length;
            System.out.printf(Locale.ROOT, "StreamVerifier %-6s %,.0f MB/s (%.2f GB/s)%n", shape,
                    streamsPerSecond * bytes / 1e6, streamsPerSecond * bytes / 1e9);
        }
    }
}
