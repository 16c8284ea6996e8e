package dev.interleave.verify;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.WireFormat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Streams woven as the kernel tears them: each of several threads writes its packets in order, each
 * packet in chunks of random size (some only a few bytes, so headers split anywhere), and the chunks of
 * the threads are interleaved at random. Packet ids come from one counter as the threads take them.
 * Seeded, so a seed is a reproducible stream; the generator keeps where it cut every chunk, so a test
 * can check the verifier's every claim against the truth.
 */
final class WovenStreams {

    /** One chunk: frame bytes [from, to) of packet {@code id} at stream offset {@code at}. */
    record Chunk(long id, int thread, int length, int from, int to, long at) {
        int size() {
            return to - from;
        }
    }

    /** A woven stream and where its chunks are. */
    record Woven(byte[] stream, List<Chunk> chunks, int packets, long seed) {
    }

    /**
     * Weaves {@code packets} packets of {@code threads} threads.
     *
     * @param maxPayload payloads are 0..maxPayload bytes (a third of the packets at maxPayload)
     * @param tiny       chance (0..1) that a chunk is 1..4 bytes long
     */
    static Woven weave(long seed, int threads, int packets, int maxPayload, double tiny) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Hello(Streams.RUN_ID, packets, threads).encode());
        List<Chunk> chunks = new ArrayList<>();
        long nextId = 0;
        // Per thread: the frame it is writing and how far it got.
        byte[][] frame = new byte[threads][];
        long[] id = new long[threads];
        int[] written = new int[threads];
        int active = 0;
        while (true) {
            for (int t = 0; t < threads; t++) {
                if (frame[t] == null && nextId < packets) {
                    int len = rnd.nextInt(3) == 0 ? maxPayload : rnd.nextInt(maxPayload + 1);
                    frame[t] = new byte[WireFormat.HEADER_SIZE + len];
                    id[t] = nextId++;
                    FrameHeader.encodeFrame(frame[t], id[t], t, len, (int) Streams.RUN_ID);
                    written[t] = 0;
                    active++;
                }
            }
            if (active == 0) {
                break;
            }
            int t;
            do {
                t = rnd.nextInt(threads);
            } while (frame[t] == null);
            byte[] f = frame[t];
            int left = f.length - written[t];
            int size;
            double r = rnd.nextDouble();
            if (r < tiny) {
                size = 1 + rnd.nextInt(4);
            } else if (r < tiny + 0.3) {
                size = 1 + rnd.nextInt(64);
            } else {
                size = 1 + rnd.nextInt(Math.max(1, f.length));
            }
            size = Math.min(size, left);
            chunks.add(new Chunk(id[t], t, f.length - WireFormat.HEADER_SIZE, written[t], written[t] + size, out.size()));
            out.write(f, written[t], size);
            written[t] += size;
            if (written[t] == f.length) {
                frame[t] = null;
                active--;
            }
        }
        return new Woven(out.toByteArray(), chunks, packets, seed);
    }
}
