package dev.interleave.verify;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;

/**
 * What a {@link StreamVerifier} reports as it reads: calls come per packet, per problem or per fed
 * chunk, never per byte. A verifier calls its sink only from the thread that feeds it; a sink shared
 * by several verifiers (one board, several connections) must be thread-safe.
 */
public interface VerdictSink {

    /** A valid Hello opened the stream. */
    void hello(Hello hello);

    /** Packet {@code packetId} arrived whole (24 + L contiguous, exact bytes); a second time means duplicate. */
    void packetWhole(long packetId, int thread, int payloadLength);

    /** Packet {@code torn.packetId()} is torn (or incomplete). */
    void packetTorn(TornPacket torn);

    /** Something was wrong with the stream. */
    void problem(StreamProblem problem);

    /**
     * The sender's report arrived (once per stream at most): the sender's claims, to show as such, never
     * to decide a verdict with. Does nothing unless overridden.
     */
    default void senderReport(SenderReport report) {
    }

    /** Bytes decided since the last call (a delta; {@code received} counts bytes fed). */
    void bytes(ByteAccount delta);

    /** A sink that ignores everything. */
    VerdictSink NONE = new VerdictSink() {
        @Override public void hello(Hello hello) { }
        @Override public void packetWhole(long packetId, int thread, int payloadLength) { }
        @Override public void packetTorn(TornPacket torn) { }
        @Override public void problem(StreamProblem problem) { }
        @Override public void bytes(ByteAccount delta) { }
    };

    /** Both sinks, in order. */
    static VerdictSink tee(VerdictSink a, VerdictSink b) {
        return new VerdictSink() {
            @Override public void hello(Hello hello) { a.hello(hello); b.hello(hello); }
            @Override public void packetWhole(long id, int thread, int len) { a.packetWhole(id, thread, len); b.packetWhole(id, thread, len); }
            @Override public void packetTorn(TornPacket torn) { a.packetTorn(torn); b.packetTorn(torn); }
            @Override public void problem(StreamProblem p) { a.problem(p); b.problem(p); }
            @Override public void bytes(ByteAccount d) { a.bytes(d); b.bytes(d); }
            @Override public void senderReport(SenderReport r) { a.senderReport(r); b.senderReport(r); }
        };
    }
}
