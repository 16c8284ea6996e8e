package dev.interleave.send.nativeio;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import dev.interleave.send.FramedWriter;
import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The packet writer of one sending thread: its own off-heap frame buffer, kept between packets and
 * refreshed per packet ({@link FrameFill#refresh}), handed to libc send() on the shared descriptor.
 * Building and writing are apart so that a lock (LockedStrategy) covers only the writes. Built on
 * the control thread; then only its sending thread may call it.
 */
final class NativeWriter implements FramedWriter {
    private final SharedFd socket;
    private final SharedFd.User user;
    private final SendLoop loop;
    private final int threadIndex;
    private final int payloadSize;
    private final int runIdLow;
    private final byte[] header = new byte[WireFormat.HEADER_SIZE];
    private final MemorySegment frame;
    private final long frameLength;

    NativeWriter(SharedFd socket, boolean nonBlocking, int threadIndex, int payloadSize, int runIdLow) {
        this.socket = socket;
        this.user = socket.register();
        this.loop = new SendLoop(socket, nonBlocking);
        this.threadIndex = threadIndex;
        this.payloadSize = payloadSize;
        this.runIdLow = runIdLow;
        this.frameLength = WireFormat.frameLength(payloadSize);
        this.frame = socket.arena().allocate(frameLength, 8);
        FrameFill.payload(frame, WireFormat.HEADER_SIZE, 0, payloadSize); // the parts no packet changes
    }

    /**
     * Builds the frame of {@code packetId} in this writer's buffer. The buffer lives in the
     * connection's memory, so this too runs inside the descriptor's user. Sending thread only.
     */
    @Override
    public void build(long packetId) throws IOException {
        enter();
        try {
            FrameHeader.encode(header, 0, packetId, threadIndex, payloadSize, runIdLow);
            MemorySegment.copy(header, 0, frame, ValueLayout.JAVA_BYTE, 0, header.length);
            FrameFill.refresh(frame, WireFormat.HEADER_SIZE, packetId, payloadSize);
        } catch (IllegalStateException closedMemory) {
            throw closedOr(closedMemory);
        } finally {
            user.exit();
        }
    }

    /**
     * Sends all of the frame last built, reporting every send() call. The caller (SendJob) marks the
     * packet's begin and end on the recorder. Sending thread only.
     */
    @Override
    public void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException {
        enter();
        try {
            loop.sendAll(frame, frameLength, packetId, recorder);
        } catch (IllegalStateException closedMemory) {
            throw closedOr(closedMemory);
        } finally {
            user.exit();
        }
    }

    private void enter() throws ConnectionClosedException {
        if (!user.enter()) {
            throw new ConnectionClosedException("send()");
        }
    }

    // Only reachable if the protocol of SharedFd were broken; report it as the cancel it is.
    private ConnectionClosedException closedOr(IllegalStateException closedMemory) {
        if (socket.isClosed()) {
            return new ConnectionClosedException("send()");
        }
        throw closedMemory;
    }
}
