package dev.interleave.send;

import dev.interleave.protocol.Hello;
import dev.interleave.protocol.SenderReport;
import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One or more java.net.Socket connections written with OutputStream.write, one call per packet.
 * Thread {@code t} writes on connection {@code t mod connections}: one connection for socket-stream,
 * one per thread for socket-per-thread.
 */
final class SocketConnection implements SenderConnection {
    private final List<Socket> sockets;
    private final List<OutputStream> outputs;
    private final List<AppliedOptions> options;
    private final SendSetup setup;
    private final WriteApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes over {@code sockets} (connected, Hello written); closes them if it cannot. */
    SocketConnection(List<Socket> sockets, SendSetup setup, WriteApi api) throws IOException {
        this.sockets = List.copyOf(sockets);
        this.setup = setup;
        this.api = api;
        try {
            List<OutputStream> outs = new ArrayList<>();
            List<AppliedOptions> opts = new ArrayList<>();
            for (Socket s : sockets) {
                outs.add(s.getOutputStream());
                opts.add(Connect.readBack(s));
            }
            this.outputs = List.copyOf(outs);
            this.options = List.copyOf(opts);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens {@code count} connections, each with {@code hello} written; closes them all if one fails. */
    static SocketConnection open(SendSetup setup, int count, Hello hello, WriteApi api) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(Connect.socket(setup, hello));
            }
        } catch (IOException | RuntimeException e) {
            sockets.forEach(Connect::closeQuietly);
            throw e;
        }
        return new SocketConnection(sockets, setup, api);
    }

    @Override
    public PacketWriter writer(int threadIndex) {
        return new StreamWriter(outputs.get(threadIndex % outputs.size()),
                FrameBuffer.heap(threadIndex, setup.payloadSize(), setup.hello().runIdLow()));
    }

    /**
     * Socket {@code i} carries the rows of the threads that wrote on it ({@code t mod sockets == i}):
     * socket-per-thread's connection of thread t reports thread t, all ones in the other rows.
     */
    @Override
    public long finishSending(SenderReport report) throws IOException {
        long written = 0;
        int n = sockets.size();
        for (int i = 0; i < n; i++) {
            if (report != null) {
                int here = i;
                byte[] b = (n == 1 ? report : SenderReports.only(report, t -> t % n == here)).encode();
                outputs.get(i).write(b);
                written += b.length;
            }
            sockets.get(i).shutdownOutput();
        }
        return written;
    }

    @Override
    public long runId() {
        return setup.hello().runId();
    }

    @Override
    public WriteApi writeApi() {
        return api;
    }

    @Override
    public List<InputStream> resultStreams() {
        List<InputStream> ins = new ArrayList<>(sockets.size());
        for (Socket s : sockets) {
            try {
                ins.add(s.getInputStream());
            } catch (IOException e) {
                ins.add(InputStream.nullInputStream()); // closed already: nothing will come back
            }
        }
        return ins;
    }

    @Override
    public List<AppliedOptions> appliedOptions() {
        return options;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Socket.close signals threads blocked in write, which then fail with a SocketException.
            sockets.forEach(Connect::closeQuietly);
        }
    }

    /** One thread's writer: its own heap frame, one OutputStream.write per packet. */
    private static final class StreamWriter implements FramedWriter {
        private final OutputStream out;
        private final FrameBuffer frame;

        StreamWriter(OutputStream out, FrameBuffer frame) {
            this.out = out;
            this.frame = frame;
        }

        @Override
        public void build(long packetId) {
            frame.build(packetId);
        }

        @Override
        public void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException {
            // The stream writes everything or throws: one call, asked = written.
            int length = frame.length();
            out.write(frame.array(), 0, length);
            recorder.sendCall(packetId, length, length);
        }
    }
}
