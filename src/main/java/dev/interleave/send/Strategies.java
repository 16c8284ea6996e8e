package dev.interleave.send;

import dev.interleave.send.nativeio.NativeStrategies;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The registry of send strategies, in the order the window and the CLI list them. Any thread. */
public final class Strategies {
    private static final List<SendStrategy> ALL = List.of(
            nativeOrUnavailable("native", NativeStrategies::blocking),
            nativeOrUnavailable("native-nonblocking", NativeStrategies::nonBlocking),
            new SocketStreamStrategy(),
            new ChannelStrategy(),
            new NonBlockingChannelStrategy(),
            new AsyncChannelStrategy(),
            new SocketPerThreadStrategy());
    private static final List<String> NAMES = ALL.stream().map(SendStrategy::name).toList();

    private Strategies() {
    }

    /**
     * Every strategy: native, native-nonblocking, socket-stream, channel, channel-nonblocking,
     * async-channel, socket-per-thread (unavailable ones included; ask unavailableReason()). Any thread.
     */
    public static List<SendStrategy> all() {
        return ALL;
    }

    /** The names of {@link #all()}, in order (without the {@code +lock} forms). Any thread. */
    public static List<String> names() {
        return NAMES;
    }

    /** The strategy called {@code name}; {@code name+lock} gives it under the lock. Any thread. */
    public static Optional<SendStrategy> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.endsWith(LockedStrategy.SUFFIX)) {
            return byName(name.substring(0, name.length() - LockedStrategy.SUFFIX.length())).map(Strategies::withLock);
        }
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** {@code strategy} under one application lock (the fix); a locked one is returned as is. Any thread. */
    public static SendStrategy withLock(SendStrategy strategy) {
        return strategy instanceof LockedStrategy ? strategy : new LockedStrategy(strategy);
    }

    // A native part that fails to link must not take the Java strategies down with it.
    private static SendStrategy nativeOrUnavailable(String name, Supplier<SendStrategy> factory) {
        try {
            return factory.get();
        } catch (RuntimeException | LinkageError e) {
            return new Unavailable(name, "The native part could not be loaded: " + e);
        }
    }

    private record Unavailable(String name, String why) implements SendStrategy {
        @Override
        public String reason() {
            return why;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.of(why);
        }

        @Override
        public SenderConnection open(SendSetup setup) throws IOException {
            throw new IOException(why);
        }
    }
}
