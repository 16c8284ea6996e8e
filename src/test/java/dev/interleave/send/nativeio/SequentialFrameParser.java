package dev.interleave.send.nativeio;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;
import java.io.IOException;
import java.io.InputStream;

/**
 * A naive reader for tests and the experiment: it expects the Hello, then whole frames back to back,
 * as the article's server does. A frame whose header is fine but whose payload is not is counted as
 * torn; then it scans on for the next valid header. Not the project's verifier: it only counts.
 */
final class SequentialFrameParser {
    long bytes;
    Hello.Problem helloProblem = Hello.Problem.BAD_MAGIC;
    long intact;
    long tornPayloads;
    long badHeaders;
    long skippedBytes;

    private final int runIdLow;
    private byte[] buf;
    private int start;
    private int end;
    private boolean eof;
    private InputStream in;

    SequentialFrameParser(int runIdLow, int payloadSize) {
        this.runIdLow = runIdLow;
        this.buf = new byte[Math.max(1 << 20, 2 * (WireFormat.HEADER_SIZE + payloadSize))];
    }

    /** Reads {@code in} to its end. */
    SequentialFrameParser parse(InputStream stream) throws IOException {
        this.in = stream;
        if (!ensure(WireFormat.HELLO_SIZE)) {
            drain();
            return this;
        }
        helloProblem = Hello.check(buf, start);
        start += WireFormat.HELLO_SIZE;
        boolean scanning = false;
        while (ensure(WireFormat.HEADER_SIZE)) {
            if (FrameHeader.check(buf, start, runIdLow, WireFormat.MAX_PAYLOAD) != FrameHeader.Problem.NONE) {
                if (!scanning) {
                    badHeaders++;
                    scanning = true;
                }
                start++;
                skippedBytes++;
                continue;
            }
            scanning = false;
            FrameHeader h = FrameHeader.decodeUnchecked(buf, start);
            int frame = WireFormat.HEADER_SIZE + h.payloadLength();
            if (!ensure(frame)) {
                tornPayloads++; // ends mid frame
                skippedBytes += end - start;
                start = end;
                break;
            }
            if (payloadMatches(h.packetId(), start + WireFormat.HEADER_SIZE, h.payloadLength())) {
                intact++;
                start += frame;
            } else {
                tornPayloads++;
                start += WireFormat.HEADER_SIZE;
                skippedBytes += WireFormat.HEADER_SIZE;
                scanning = true;
            }
        }
        skippedBytes += end - start;
        drain();
        return this;
    }

    private boolean payloadMatches(long packetId, int off, int len) {
        long high = (packetId << 32) ^ WireFormat.WORD_SALT;
        int words = len >>> 3;
        for (int i = 0; i < words; i++) {
            if (WireFormat.getLong(buf, off + 8 * i) != (high ^ i)) {
                return false;
            }
        }
        for (int j = words << 3; j < len; j++) {
            if (buf[off + j] != WireFormat.payloadByte(packetId, j)) {
                return false;
            }
        }
        return true;
    }

    private boolean ensure(int n) throws IOException {
        while (end - start < n) {
            if (eof) {
                return false;
            }
            if (buf.length - start < n) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
                bytes += r;
            }
        }
        return true;
    }

    private void drain() throws IOException {
        byte[] sink = new byte[1 << 16];
        int r;
        while ((r = in.read(sink)) >= 0) {
            bytes += r;
        }
    }
}
