package dev.interleave.send;

import dev.interleave.telemetry.ThreadRecorder;
import java.io.IOException;

/**
 * A writer whose send splits into building the frame (touches only this thread's buffer) and writing
 * it (touches the socket). {@link LockedStrategy} holds its lock only around the writing, as an
 * application that fills its buffer first and then locks the socket would. Owner thread only.
 */
interface FramedWriter extends PacketWriter {

    /** Rebuilds this writer's frame for {@code packetId}. */
    void build(long packetId);

    /** Writes the frame last built, all of it, reporting every send call. */
    void writeBuilt(long packetId, ThreadRecorder recorder) throws IOException;

    @Override
    default void send(long packetId, ThreadRecorder recorder) throws IOException {
        build(packetId);
        writeBuilt(packetId, recorder);
    }
}
