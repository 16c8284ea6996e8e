package dev.interleave.bench;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;
import java.io.ByteArrayOutputStream;

/**
 * Streams a hostile peer sends to a verifier (issue 10, "Hostile peers"): each is valid enough to get
 * past the Hello, and each aims at one resource of the server. Used by the server's hostile-peer tests
 * at small scale and by bench/abuse.sh at full scale. Pure; any thread.
 */
public final class HostileStreams {
    /** The run id every hostile stream claims. */
    public static final long RUN_ID = 0x0BAD_5EED_0BAD_5EEDL;

    private HostileStreams() {
    }

    /** A Hello claiming {@code expected} packets (0xFFFFFFFF: the whole id space). */
    public static byte[] hello(long expected) {
        return new Hello(RUN_ID, expected, 1).encode();
    }

    /** One frame of the run, whole: header and payload words. */
    public static byte[] frame(long id, int thread, int payload) {
        byte[] f = new byte[WireFormat.HEADER_SIZE + payload];
        FrameHeader.encodeFrame(f, id, thread, payload, (int) RUN_ID);
        return f;
    }

    /**
     * A Hello, then {@code count} empty frames with ids {@code spacing} apart (0, spacing, 2·spacing, …):
     * 24 bytes each, and each lands in a verdict range of its own.
     */
    public static byte[] forgedHeaders(int count, long spacing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hello(0));
        for (int k = 0; k < count; k++) {
            out.writeBytes(frame((k * spacing) & WireFormat.MAX_PACKET_ID, 0, 0));
        }
        return out.toByteArray();
    }

    /** A Hello, then {@code count} empty frames 0, 1, 2, …: a verdict (a back-channel entry) per 24 bytes. */
    public static byte[] tinyFrames(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(WireFormat.HELLO_SIZE + 24 * count);
        out.writeBytes(hello(count));
        for (int id = 0; id < count; id++) {
            out.writeBytes(frame(id, id % 20, 0));
        }
        return out.toByteArray();
    }

    /**
     * A Hello, then {@code open} packets each cut after its header and 8 payload bytes by the next one's
     * header (every one stays open: torn, waiting for its rest), all with ids below 65,536 so that their
     * payloads begin alike (9E 37), then {@code tailBytes} of payload words of those packets at offsets
     * they do not expect: every byte makes the verifier look through its open packets.
     */
    public static byte[] collidingOpenPackets(int open, int tailBytes) {
        int payload = 1 << 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hello(0));
        byte[] f = new byte[WireFormat.HEADER_SIZE + payload];
        for (int id = 0; id < open; id++) {
            FrameHeader.encodeFrame(f, id, id % 20, payload, (int) RUN_ID);
            out.write(f, 0, WireFormat.HEADER_SIZE + 8);
        }
        byte[] word = new byte[8];
        for (int i = 0; i < tailBytes / 8; i++) {
            long id = (i * 7919L) % open;
            WireFormat.fillPayload(word, 0, id, 8L * (3 + (i % 1000)), 8);
            word[7] ^= 0x5A; // never the word itself: no continuation, no orphan piece
            out.writeBytes(word);
        }
        return out.toByteArray();
    }

    /**
     * A Hello, then rounds of {@code perRound} packets that tear each other: each round cuts every
     * packet after its header and 16 payload bytes, lets {@code wholeBetween} empty frames in, then sends
     * every packet's rest, so each of the {@code rounds · perRound} packets is torn with a long splice
     * (up to the verifier's segment bound).
     */
    public static byte[] spliceHeavy(int rounds, int perRound, int wholeBetween) {
        int payload = 64;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hello(0));
        byte[] f = new byte[WireFormat.HEADER_SIZE + payload];
        long next = 0;
        long filler = 1L << 31;
        for (int r = 0; r < rounds; r++) {
            long first = next;
            for (int k = 0; k < perRound; k++) {
                FrameHeader.encodeFrame(f, next++, k % 20, payload, (int) RUN_ID);
                out.write(f, 0, WireFormat.HEADER_SIZE + 16);
            }
            for (int k = 0; k < wholeBetween; k++) {
                out.writeBytes(frame(filler++, 0, 0));
            }
            for (long id = first; id < next; id++) {
                FrameHeader.encodeFrame(f, id, (int) ((id - first) % 20), payload, (int) RUN_ID);
                out.write(f, WireFormat.HEADER_SIZE + 16, payload - 16);
            }
        }
        return out.toByteArray();
    }
}
