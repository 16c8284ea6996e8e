package dev.interleave.send.nativeio;

import dev.interleave.protocol.FrameHeader;
import dev.interleave.protocol.WireFormat;
import dev.interleave.send.PacketWriter;
import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The packet writer of one sending thread: its own off-heap frame buffer, refilled per packet and
 * handed to libc send() on the shared descriptor. Built on the control thread; then only its
 * sending thread may call {@link #send}.
 */
final class NativeWriter implements PacketWriter {
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
    }

    /**
     * Builds the frame in this writer's buffer and sends all of it, reporting every send() call. The
     * caller (SendJob) marks the packet's begin and end on the recorder. Sending thread only.
     */
    @Override
    public void send(long packetId, ThreadRecorder recorder) throws IOException {
        if (!user.enter()) {
            throw new ConnectionClosedException("send()");
        }
        try {
            FrameHeader.encode(header, 0, packetId, threadIndex, payloadSize, runIdLow);
            MemorySegment.copy(header, 0, frame, ValueLayout.JAVA_BYTE, 0, header.length);
            FrameFill.payload(frame, WireFormat.HEADER_SIZE, packetId, payloadSize);
            loop.sendAll(frame, frameLength, packetId, recorder);
        } catch (IllegalStateException closedMemory) {
            // Only reachable if the protocol of SharedFd were broken; report it as the cancel it is.
            if (socket.isClosed()) {
                throw new ConnectionClosedException("send()");
            }
            throw closedMemory;
        } finally {
            user.exit();
        }
    }
}
