package dev.interleave.verify;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds streams with known damage for the verifier tests. */
final class Streams {
    static final long RUN_ID = 0x1234_5678_9ABC_DEF1L;

    private Streams() {
    }

    static byte[] frame(long id, int thread, int len) {
        return frame(id, thread, len, (int) RUN_ID);
    }

    static byte[] frame(long id, int thread, int len, int runIdLow) {
        byte[] f = new byte[WireFormat.HEADER_SIZE + len];
        FrameHeader.encodeFrame(f, id, thread, len, runIdLow);
        return f;
    }

    /** A header with any length claim and a valid CRC. */
    static byte[] header(long id, int thread, int rawLength, int runIdLow) {
        byte[] h = new byte[24];
        FrameHeader.encode(h, 0, id, thread, 0, runIdLow);
        h[12] = (byte) (rawLength >>> 24);
        h[13] = (byte) (rawLength >>> 16);
        h[14] = (byte) (rawLength >>> 8);
        h[15] = (byte) rawLength;
        int crc = WireFormat.crc32c(h, 0, 20);
        h[20] = (byte) (crc >>> 24);
        h[21] = (byte) (crc >>> 16);
        h[22] = (byte) (crc >>> 8);
        h[23] = (byte) crc;
        return h;
    }

    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder() {
            this(0);
        }

        Builder(long expected) {
            out.writeBytes(new Hello(RUN_ID, expected, 4).encode());
        }

        static Builder noHello() {
            Builder b = new Builder();
            b.out.reset();
            return b;
        }

        Builder frame(long id, int len) {
            out.writeBytes(Streams.frame(id, (int) (id % 7), len));
            return this;
        }

        /** Frame bytes [from, to) (frame offsets) of packet id. */
        Builder part(long id, int len, int from, int to) {
            out.write(Streams.frame(id, (int) (id % 7), len), from, to - from);
            return this;
        }

        Builder raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        int size() {
            return out.size();
        }
    }

    /** Records every sink call as text (bytes deltas summed), so two runs can be compared. */
    static final class Recorder implements VerdictSink {
        final List<String> events = new ArrayList<>();
        final List<Long> whole = new ArrayList<>();
        final List<TornPacket> torn = new ArrayList<>();
        final List<StreamProblem> problems = new ArrayList<>();
        ByteAccount bytes = ByteAccount.ZERO;
        Hello hello;
        final List<SenderReport> reports = new ArrayList<>();

        @Override public void hello(Hello h) { hello = h; events.add("hello " + h); }
        @Override public void packetWhole(long id, int thread, int len) { whole.add(id); events.add("whole " + id + " t" + thread + " L" + len); }
        @Override public void packetTorn(TornPacket t) { torn.add(t); events.add("torn " + t); }
        @Override public void problem(StreamProblem p) { problems.add(p); events.add("problem " + p); }
        @Override public void bytes(ByteAccount d) { bytes = bytes.plus(d); }
        @Override public void senderReport(SenderReport r) { reports.add(r); events.add("report " + r); }

        long problems(StreamProblem.Kind k) {
            return problems.stream().filter(p -> p.kind() == k).count();
        }

        TornPacket torn(long id) {
            return torn.stream().filter(t -> t.packetId() == id).findFirst().orElseThrow();
        }
    }

    static Recorder verify(byte[] stream, int chunk) {
        return verify(stream, chunk, VerifierLimits.defaults());
    }

    static Recorder verify(byte[] stream, int chunk, VerifierLimits limits) {
        Recorder r = new Recorder();
        StreamVerifier v = new StreamVerifier(limits, r);
        for (int off = 0; off < stream.length; off += chunk) {
            v.feed(stream, off, Math.min(chunk, stream.length - off));
        }
        v.finish();
        return r;
    }

    /** Frame offsets of the first payload byte equal to {@code b} at or after {@code from}. */
    static int payloadOffsetWithByte(long id, int from, int len, byte b) {
        for (int j = from; j < len; j++) {
            if (WireFormat.payloadByte(id, j) == b) {
                return j;
            }
        }
        throw new AssertionError("no payload byte " + b + " in #" + id);
    }
}
