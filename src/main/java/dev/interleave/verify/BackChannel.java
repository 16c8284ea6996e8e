package dev.interleave.verify;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The back channel (verifier -> sender) of docs/PROTOCOL.md: constants and message encoding. Pure;
 * any thread.
 */
public final class BackChannel {
    /** ASCII "ILVB": the 8-byte preamble is magic, version u16 = 1, reserved u16 = 0. */
    public static final int MAGIC = 0x494C5642;
    public static final int VERSION = 1;
    public static final int PREAMBLE_SIZE = 8;
    /** Largest message body a reader accepts; longer claims are garbage. */
    public static final int MAX_BODY = 1 << 20;
    public static final int TYPE_VERDICTS = 1, TYPE_TORN = 2, TYPE_PROBLEM = 3, TYPE_SUMMARY = 4;
    /** The verifier will not verify this connection; the only message, then it closes. */
    public static final int TYPE_REFUSED = 5;
    /** REFUSED reason: the verifier serves its maximum number of connections already. */
    public static final int REFUSED_CONNECTION_LIMIT = 1;
    /** Bytes per entry of a verdict batch: packetId u32, verdict u8, thread i32. */
    public static final int VERDICT_ENTRY = 9;
    /** Entries per verdict batch at most (the body stays well below MAX_BODY). */
    public static final int MAX_BATCH = 8192;
    /** Segments per TORN message at most. */
    public static final int MAX_SEGMENTS = 4096;
    /** UTF-8 bytes of a problem detail at most. */
    public static final int MAX_DETAIL = 1024;

    /**
     * The final summary of one connection.
     *
     * @param droppedMessages live messages the verifier dropped because the sender did not read
     * @param counts          the connection's verdict counts (missing counted against the Hello)
     * @param bytes           the connection's byte account
     * @param problemCounts   exact problem counts by kind
     */
    public record Summary(long droppedMessages, VerdictCounts counts, ByteAccount bytes,
                          Map<StreamProblem.Kind, Long> problemCounts) {
        public Summary {
            problemCounts = Map.copyOf(problemCounts);
        }
    }

    private BackChannel() {
    }

    static byte[] preamble() {
        return new byte[] {0x49, 0x4C, 0x56, 0x42, 0, (byte) VERSION, 0, 0};
    }

    /** A growable message under construction; header (type, length) patched by {@link #done}. */
    static final class Message {
        private final java.io.ByteArrayOutputStream bytes;
        final DataOutputStream out;

        Message(int type) {
            this(type, 64);
        }

        Message(int type, int expectedSize) {
            bytes = new java.io.ByteArrayOutputStream(expectedSize);
            out = new DataOutputStream(bytes);
            try {
                out.writeByte(type);
                out.writeInt(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A detail text: u16 length, then its UTF-8 bytes, cut at {@link #MAX_DETAIL}. */
        void detail(String text) throws IOException {
            byte[] d = text.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(d.length, MAX_DETAIL);
            out.writeShort(n);
            out.write(d, 0, n);
        }

        byte[] done() {
            byte[] b = bytes.toByteArray();
            int len = b.length - 5;
            b[1] = (byte) (len >>> 24);
            b[2] = (byte) (len >>> 16);
            b[3] = (byte) (len >>> 8);
            b[4] = (byte) len;
            return b;
        }
    }

    /** The bytes {@link #torn} makes of {@code t}, without making them. */
    static int tornSize(TornPacket t) {
        return 5 + 19 + Math.min(t.segments().size(), MAX_SEGMENTS) * 25;
    }

    static byte[] torn(TornPacket t) {
        Message m = new Message(TYPE_TORN, tornSize(t));
        try {
            m.out.writeInt((int) t.packetId());
            m.out.writeInt(t.thread());
            m.out.writeInt(t.payloadLength());
            int n = Math.min(t.segments().size(), MAX_SEGMENTS);
            m.out.writeByte((t.complete() ? 1 : 0) | (t.truncated() || n < t.segments().size() ? 2 : 0));
            m.out.writeInt(t.segmentCount());
            m.out.writeShort(n);
            for (int i = 0; i < n; i++) {
                SpliceSegment s = t.segments().get(i);
                m.out.writeByte(s.kind().ordinal());
                m.out.writeLong(s.packetId());
                m.out.writeLong(s.from());
                m.out.writeLong(s.to());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.done();
    }

    static byte[] problem(StreamProblem p) {
        Message m = new Message(TYPE_PROBLEM);
        try {
            m.out.writeByte(p.kind().ordinal());
            m.out.writeLong(p.streamOffset());
            m.out.writeLong(p.packetId());
            m.detail(p.detail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.done();
    }

    /** A REFUSED message: reason u8, limit u32, detail (UTF-8, at most {@link #MAX_DETAIL} bytes). */
    static byte[] refused(int reason, long limit, String detail) {
        Message m = new Message(TYPE_REFUSED);
        try {
            m.out.writeByte(reason);
            m.out.writeInt((int) Math.min(limit, 0xFFFF_FFFFL));
            m.detail(detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.done();
    }

    static byte[] summary(Summary s) {
        Message m = new Message(TYPE_SUMMARY);
        try {
            m.out.writeLong(s.droppedMessages());
            for (Verdict v : Verdict.values()) {
                m.out.writeLong(s.counts().get(v));
            }
            ByteAccount b = s.bytes();
            m.out.writeLong(b.received());
            m.out.writeLong(b.hello());
            m.out.writeLong(b.wholeFrames());
            m.out.writeLong(b.pieces());
            m.out.writeLong(b.unattributable());
            m.out.writeByte(s.problemCounts().size());
            for (var e : new java.util.TreeMap<>(s.problemCounts()).entrySet()) {
                m.out.writeByte(e.getKey().ordinal());
                m.out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.done();
    }

    /** Collects verdict entries into batches of at most {@link #MAX_BATCH}. Not thread-safe. */
    static final class VerdictBatch {
        private final byte[] body = new byte[5 + 4 + MAX_BATCH * VERDICT_ENTRY];
        private int count;

        /** Adds one entry; returns true when the batch is full and must be taken. */
        boolean add(long packetId, Verdict v, int thread) {
            int p = 9 + count * VERDICT_ENTRY;
            putInt(body, p, (int) packetId);
            body[p + 4] = v.code();
            putInt(body, p + 5, thread);
            return ++count == MAX_BATCH;
        }

        boolean isEmpty() {
            return count == 0;
        }

        /** The bytes {@link #take} would make now. */
        int messageSize() {
            return 9 + count * VERDICT_ENTRY;
        }

        /** Empties the batch without making a message (its entries are dropped). */
        void clear() {
            count = 0;
        }

        /** The batch as one message; the batch is empty afterwards. */
        byte[] take() {
            int len = 9 + count * VERDICT_ENTRY;
            byte[] m = java.util.Arrays.copyOf(body, len);
            m[0] = TYPE_VERDICTS;
            putInt(m, 1, len - 5);
            putInt(m, 5, count);
            count = 0;
            return m;
        }
    }

    static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
