package dev.interleave.send.nativeio;

import dev.interleave.send.SendSetup;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.SenderConnection;
import java.io.IOException;
import java.util.Optional;

/** libc send() from every thread on one socket, blocking or not. Immutable; any thread. */
final class NativeSendStrategy implements SendStrategy {
    private final String name;
    private final String reason;
    private final boolean nonBlocking;

    NativeSendStrategy(String name, String reason, boolean nonBlocking) {
        this.name = name;
        this.reason = reason;
        this.nonBlocking = nonBlocking;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public Optional<String> unavailableReason() {
        return LibC.unavailableReason().map(why -> name + " " + why);
    }

    @Override
    public SenderConnection open(SendSetup setup) throws IOException {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new IOException(why.get());
        }
        return NativeConnection.open(setup, nonBlocking);
    }

    @Override
    public String toString() {
        return name;
    }
}
