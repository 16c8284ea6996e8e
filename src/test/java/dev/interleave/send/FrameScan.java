package dev.interleave.send;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A strict sequential reading of one test stream: a Hello, then back-to-back frames of this run, each
 * intact. Anything else is reported as the first problem found. Not the lab's verifier: a test oracle
 * that only says whether the stream is perfect.
 */
final class FrameScan {
    final Hello hello;
    final BitSet seen = new BitSet();
    int frames;
    String problem; // null when the whole stream is Hello + intact, unique frames

    private FrameScan(Hello hello) {
        this.hello = hello;
    }

    static Hello hello(byte[] stream) {
        if (stream.length < WireFormat.HELLO_SIZE) {
            throw new AssertionError("stream shorter than a Hello: " + stream.length);
        }
        Hello.Problem p = Hello.check(stream, 0);
        if (p != Hello.Problem.NONE) {
            throw new AssertionError("first 32 bytes are not a Hello: " + p);
        }
        return Hello.decode(stream, 0);
    }

    /** Scans {@code stream}, adding the packet ids to {@code seen} (shared across connections). */
    static FrameScan scan(byte[] stream, int payloadLength, BitSet seen) {
        FrameScan s = new FrameScan(hello(stream));
        int runIdLow = s.hello.runIdLow();
        byte[] expected = new byte[WireFormat.HEADER_SIZE + payloadLength];
        int pos = WireFormat.HELLO_SIZE;
        while (pos < stream.length) {
            if (stream.length - pos < expected.length) {
                s.problem = "stream ends mid frame at " + pos;
                return s;
            }
            FrameHeader.Problem hp = FrameHeader.check(stream, pos, runIdLow, payloadLength);
            if (hp != FrameHeader.Problem.NONE) {
                s.problem = "bad header at " + pos + ": " + hp;
                return s;
            }
            FrameHeader h = FrameHeader.decodeUnchecked(stream, pos);
            if (h.payloadLength() != payloadLength) {
                s.problem = "payload length " + h.payloadLength() + " at " + pos;
                return s;
            }
            FrameHeader.encodeFrame(expected, h.packetId(), h.threadIndex(), payloadLength, runIdLow);
            if (!Arrays.equals(stream, pos, pos + expected.length, expected, 0, expected.length)) {
                s.problem = "packet " + h.packetId() + " torn at " + pos;
                return s;
            }
            int id = Math.toIntExact(h.packetId());
            if (seen.get(id)) {
                s.problem = "packet " + id + " twice";
                return s;
            }
            seen.set(id);
            s.frames++;
            pos += expected.length;
        }
        return s;
    }
}
