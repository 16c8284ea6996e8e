package dev.interleave.run;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.protocol.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * An outside sender written by hand for the listener's tests: one socket, whatever bytes a test
 * chooses (a Hello, frames, a report, garbage), in the order it chooses. Test thread only.
 */
public final class OutsideStreams implements AutoCloseable {
    public static final long RUN_ID = 0x0DD5_EED5_0DD5_EED5L;

    public final Socket socket;
    private final OutputStream out;

    public OutsideStreams(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
    }

    public OutsideStreams hello(long expectedPackets, long threads) throws IOException {
        return write(new Hello(RUN_ID, expectedPackets, threads).encode());
    }

    /** Frame {@code id} of thread {@code thread}, whole. */
    public OutsideStreams frame(long id, int thread, int payload) throws IOException {
        return write(frameBytes(id, thread, payload));
    }

    public static byte[] frameBytes(long id, int thread, int payload) {
        byte[] f = new byte[WireFormat.HEADER_SIZE + payload];
        FrameHeader.encodeFrame(f, id, thread, payload, (int) RUN_ID);
        return f;
    }

    /** A report of this run: per thread {packets, sendCalls, partialSends, wouldBlocks}. */
    public OutsideStreams report(String description, long[]... threads) throws IOException {
        List<SenderReport.ThreadCounts> counts = java.util.Arrays.stream(threads)
                .map(t -> new SenderReport.ThreadCounts(t[0], t[1], t[2], t[3])).toList();
        return write(new SenderReport(RUN_ID, counts, description).encode());
    }

    public OutsideStreams write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The sender's normal end: half-close, then read the verifier's back channel to its end. */
    public void finish() throws IOException {
        socket.shutdownOutput();
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        socket.close();
    }

    /** Vanishes: a reset instead of a close, as a killed process's socket would. */
    public void vanish() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
