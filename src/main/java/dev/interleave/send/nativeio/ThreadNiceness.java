package dev.interleave.send.nativeio;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Lowers a sending thread's scheduling priority on Linux (its nice value) so that, on a machine with
 * few cores, twenty busy senders do not starve the verifier that must keep up with them, nor the
 * window that shows them. Every sender gets the same value, so it changes the senders' share of the
 * CPU against the rest of the process, not their order against each other. Java's
 * Thread.setPriority is ignored on Linux, hence setpriority(2) on the thread id. Elsewhere, or
 * without native access, it does nothing.
 */
public final class ThreadNiceness {
    private static final int PRIO_PROCESS = 0;

    private ThreadNiceness() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (0-19; higher yields more). Returns whether
     * it was applied. Calling thread only; never throws.
     */
    public static boolean lowerCurrentThread(int nice) {
        if (LibC.unavailableReason().isPresent() || Fns.SETPRIORITY == null) {
            return false;
        }
        try {
            int tid = (int) Fns.GETTID.invokeExact();
            return (int) Fns.SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * The calling thread's nice value as the kernel reports it (Linux: field 19 of
     * /proc/thread-self/stat); empty elsewhere or when it cannot be read. Calling thread only; never throws.
     */
    public static OptionalInt currentThreadNice() {
        try {
            Path stat = Path.of("/proc/thread-self/stat");
            if (!Files.isReadable(stat)) {
                return OptionalInt.empty();
            }
            return niceOfStat(Files.readString(stat));
        } catch (Exception e) {
            return OptionalInt.empty();
        }
    }

    /** Field 19 (nice) of a /proc stat line; the command name (field 2) may hold spaces and parentheses. */
    static OptionalInt niceOfStat(String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return OptionalInt.empty();
        }
        String[] f = line.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field 19 is f[16].
        try {
            return f.length > 16 ? OptionalInt.of(Integer.parseInt(f[16])) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Bound on first use; null when this libc lacks them (gettid needs glibc 2.30). */
    private static final class Fns {
        static final MethodHandle GETTID;
        static final MethodHandle SETPRIORITY;

        static {
            MethodHandle gettid = null;
            MethodHandle setpriority = null;
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                ValueLayout.OfInt i = ValueLayout.JAVA_INT;
                gettid = bind(linker, libc, "gettid", FunctionDescriptor.of(i));
                setpriority = bind(linker, libc, "setpriority", FunctionDescriptor.of(i, i, i, i));
            } catch (RuntimeException | LinkageError e) {
                gettid = null;
                setpriority = null;
            }
            GETTID = gettid;
            SETPRIORITY = setpriority;
        }

        @SuppressWarnings("restricted") // two argument-free or int-only calls: no memory is passed
        private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
            return linker.downcallHandle(lookup.find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name)), fd);
        }
    }
}
