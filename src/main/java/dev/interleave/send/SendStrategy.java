package dev.interleave.send;

import java.io.IOException;
import java.util.Optional;

/**
 * One way of writing packets from many threads (design.md, "Send strategies"). Implementations are
 * stateless and immutable; any thread may call them.
 */
public interface SendStrategy {

    /** The CLI name, e.g. {@code native} or {@code socket-stream}. */
    String name();

    /** One line for the window: what this strategy will show, and why. */
    String reason();

    /** Empty when this strategy can run on this machine, else a plain sentence saying why not. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Opens the connection (or connections) to the verifier and writes the Hello on each. Called once
     * per run on the run's control thread, before the start gate opens.
     */
    SenderConnection open(SendSetup setup) throws IOException;
}
