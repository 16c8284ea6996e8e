package dev.interleave.send.nativeio;

import dev.interleave.send.SendStrategy;

/**
 * The two strategies that call libc directly through the FFM API (Linux x86_64 and aarch64). Loading
 * this class is safe on any OS: libc is looked up only when a strategy is asked whether it can run.
 */
public final class NativeStrategies {
    private static final SendStrategy BLOCKING = new NativeSendStrategy("native",
            "libc send() from every thread: the kernel may interleave bytes inside a single send()", false);
    private static final SendStrategy NON_BLOCKING = new NativeSendStrategy("native-nonblocking",
            "non-blocking send() loops: partial sends let other threads' bytes in between", true);

    private NativeStrategies() {
    }

    /** {@code native}: blocking libc send() with MSG_NOSIGNAL, looping on partial sends. */
    public static SendStrategy blocking() {
        return BLOCKING;
    }

    /** {@code native-nonblocking}: send() with MSG_DONTWAIT, and poll() whenever the buffer is full. */
    public static SendStrategy nonBlocking() {
        return NON_BLOCKING;
    }
}
