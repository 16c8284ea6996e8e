package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;

/**
 * A packet writer whose send splits into building the frame (touches only this writer's own buffer)
 * and writing it (touches the shared socket). {@link LockedStrategy} builds outside its lock and holds
 * the lock only for the writes, as an application that fills its buffer first and then locks the
 * socket would. Like every {@link PacketWriter}, only its sending thread may call it.
 */
public interface FramedWriter extends PacketWriter {

    /**
     * Builds the frame of {@code packetId} in this writer's own buffer, without touching the socket.
     * Sending thread only.
     *
     * @throws IOException when the connection was closed (cancel) and the buffer is gone with it
     */
    void build(long packetId) throws IOException;

    /**
     * Writes the frame last built, all of it, reporting every send call to {@code recorder}. Returns
     * when the whole frame is written. Sending thread only, after {@link #build} for the same packet.
     */
    void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException;

    /** Builds, then writes. Sending thread only. */
    @Override
    default void send(long packetId, ThreadRecorder recorder) throws IOException {
        build(packetId);
        writeBuilt(packetId, recorder);
    }
}
