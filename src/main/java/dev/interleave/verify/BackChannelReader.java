package dev.interleave.verify;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sender's side of the back channel: reads the verifier's messages and applies them to a
 * {@link VerdictBoard}, so a remote run's board ends like an in-process one.
 *
 * <p>Call {@link #read} from one thread (typically a reader thread the sender starts next to its
 * send threads); the board may be read by any thread meanwhile.
 */
public final class BackChannelReader {

    /**
     * What the back channel said.
     *
     * @param summaryArrived false: the verifier ended the stream without a summary ("verdicts unknown")
     * @param summary        the final summary, or null
     * @param messages       messages read
     */
    public record Result(boolean summaryArrived, BackChannel.Summary summary, long messages) {
    }

    private BackChannelReader() {
    }

    /**
     * Reads until the summary (or the end of the stream) and applies every message to {@code board}.
     * Never allocates more than {@link BackChannel#MAX_BODY} on a length it read.
     *
     * @throws VerifierRefusedException when the verifier refused the connection (a REFUSED message)
     * @throws IOException on garbage (bad preamble, unknown type, length over the limit, truncation)
     *                     or a failing stream, with a message that says which
     */
    public static Result read(InputStream in, VerdictBoard board) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] pre = new byte[BackChannel.PREAMBLE_SIZE];
        int got = d.readNBytes(pre, 0, pre.length);
        if (got == 0) {
            return new Result(false, null, 0);
        }
        if (got < pre.length) {
            throw new EOFException("back channel: stream ended inside the preamble (" + got + " of 8 bytes)");
        }
        int magic = ((pre[0] & 0xFF) << 24) | ((pre[1] & 0xFF) << 16) | ((pre[2] & 0xFF) << 8) | (pre[3] & 0xFF);
        if (magic != BackChannel.MAGIC) {
            throw new IOException(String.format("back channel: bad magic 0x%08X (expected \"ILVB\")", magic));
        }
        int version = ((pre[4] & 0xFF) << 8) | (pre[5] & 0xFF);
        if (version != BackChannel.VERSION) {
            throw new IOException("back channel: unsupported version " + version);
        }
        Map<StreamProblem.Kind, Long> problemsSeen = new EnumMap<>(StreamProblem.Kind.class);
        long messages = 0;
        while (true) {
            int type = d.read();
            if (type < 0) {
                return new Result(false, null, messages);
            }
            int len;
            try {
                len = d.readInt();
            } catch (EOFException e) {
                throw new EOFException("back channel: stream ended inside a message header");
            }
            if (len < 0 || len > BackChannel.MAX_BODY) {
                throw new IOException("back channel: message length " + Integer.toUnsignedString(len)
                        + " over the limit of " + BackChannel.MAX_BODY);
            }
            byte[] body = new byte[len];
            if (d.readNBytes(body, 0, len) < len) {
                throw new EOFException("back channel: stream ended inside a message of type " + type);
            }
            messages++;
            DataInputStream b = new DataInputStream(new java.io.ByteArrayInputStream(body));
            try {
                switch (type) {
                    case BackChannel.TYPE_VERDICTS -> verdicts(b, len, board);
                    case BackChannel.TYPE_TORN -> board.packetTorn(torn(b));
                    case BackChannel.TYPE_PROBLEM -> {
                        StreamProblem p = problem(b);
                        problemsSeen.merge(p.kind(), 1L, Long::sum);
                        board.problem(p);
                    }
                    case BackChannel.TYPE_SUMMARY -> {
                        BackChannel.Summary s = summary(b);
                        board.bytes(s.bytes());
                        // Only the first problems travel one by one: make the counts exact.
                        s.problemCounts().forEach((k, n) -> {
                            long extra = n - problemsSeen.getOrDefault(k, 0L);
                            if (extra > 0) {
                                board.addProblemCount(k, extra);
                            }
                        });
                        return new Result(true, s, messages);
                    }
                    case BackChannel.TYPE_REFUSED -> throw refused(b);
                    default -> throw new IOException("back channel: unknown message type " + type);
                }
            } catch (EOFException e) {
                throw new IOException("back channel: message of type " + type + " shorter than its fields", e);
            }
            if (b.available() != 0) {
                throw new IOException("back channel: message of type " + type + " has " + b.available() + " extra bytes");
            }
        }
    }

    private static void verdicts(DataInputStream b, int len, VerdictBoard board) throws IOException {
        int n = b.readInt();
        if (n < 0 || (long) n * BackChannel.VERDICT_ENTRY != len - 4) {
            throw new IOException("back channel: verdict batch of " + n + " entries in " + len + " bytes");
        }
        for (int i = 0; i < n; i++) {
            long id = Integer.toUnsignedLong(b.readInt());
            int code = b.readUnsignedByte();
            int thread = b.readInt();
            if (code >= Verdict.values().length) {
                throw new IOException("back channel: unknown verdict code " + code);
            }
            board.applyVerdict(id, Verdict.ofCode(code), thread);
        }
    }

    private static TornPacket torn(DataInputStream b) throws IOException {
        long id = Integer.toUnsignedLong(b.readInt());
        int thread = b.readInt();
        int len = b.readInt();
        int flags = b.readUnsignedByte();
        int count = b.readInt();
        int n = b.readUnsignedShort();
        List<SpliceSegment> segs = new ArrayList<>(Math.min(n, BackChannel.MAX_SEGMENTS));
        for (int i = 0; i < n; i++) {
            int k = b.readUnsignedByte();
            if (k >= SpliceSegment.Kind.values().length) {
                throw new IOException("back channel: unknown segment kind " + k);
            }
            segs.add(new SpliceSegment(SpliceSegment.Kind.values()[k], b.readLong(), b.readLong(), b.readLong()));
        }
        return new TornPacket(id, thread, len, (flags & 1) != 0, segs, count, (flags & 2) != 0);
    }

    private static StreamProblem problem(DataInputStream b) throws IOException {
        int k = b.readUnsignedByte();
        StreamProblem.Kind kind = StreamProblem.Kind.ofCode(k);
        if (kind == null) {
            throw new IOException("back channel: unknown problem kind " + k);
        }
        long off = b.readLong();
        long id = b.readLong();
        int n = b.readUnsignedShort();
        byte[] d = b.readNBytes(n);
        if (d.length < n) {
            throw new EOFException();
        }
        return new StreamProblem(kind, off, id, new String(d, StandardCharsets.UTF_8));
    }

    private static VerifierRefusedException refused(DataInputStream b) throws IOException {
        int reason = b.readUnsignedByte();
        long limit = Integer.toUnsignedLong(b.readInt());
        int n = b.readUnsignedShort();
        byte[] d = b.readNBytes(n);
        if (d.length < n || b.available() != 0) {
            throw new IOException("back channel: REFUSED message of the wrong length");
        }
        return new VerifierRefusedException(reason, limit, new String(d, StandardCharsets.UTF_8));
    }

    private static BackChannel.Summary summary(DataInputStream b) throws IOException {
        long dropped = b.readLong();
        long[] c = new long[Verdict.values().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = b.readLong();
        }
        long received = b.readLong(), hello = b.readLong(), whole = b.readLong(), pieces = b.readLong();
        // SUMMARY v1 carries no report bytes: they stay in the difference (ByteAccount.pending).
        ByteAccount bytes = new ByteAccount(received, hello, whole, pieces, 0, b.readLong());
        int n = b.readUnsignedByte();
        Map<StreamProblem.Kind, Long> pc = new EnumMap<>(StreamProblem.Kind.class);
        for (int i = 0; i < n; i++) {
            int k = b.readUnsignedByte();
            StreamProblem.Kind kind = StreamProblem.Kind.ofCode(k);
            if (kind == null) {
                throw new IOException("back channel: unknown problem kind " + k);
            }
            pc.put(kind, b.readLong());
        }
        return new BackChannel.Summary(dropped, new VerdictCounts(c[0], c[1], c[2], c[3], c[4]), bytes, pc);
    }
}
