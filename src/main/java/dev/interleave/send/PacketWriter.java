package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;

/** Writes the packets of one sending thread. Only that thread may call it. */
public interface PacketWriter {

    /**
     * Builds the frame of {@code packetId} in this writer's own buffer and writes all of it, reporting
     * every send call to {@code recorder}. Returns when the whole frame is written.
     */
    void send(long packetId, ThreadRecorder recorder) throws IOException;
}
