package dev.interleave.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The machine a run measured: the verdict depends on the OS and the JDK, so every report carries
 * them. Immutable.
 *
 * @param senderNice the sending threads' nice value (Linux, -20..19; the lab lowers its senders to 19
 *                   so the verifier and the window keep up): how often a sender is preempted changes the
 *                   tear rate. Empty when unknown (another OS, or no sender started)
 */
public record RunEnvironment(String os, String osVersion, String arch, String kernel, String jdk, int cpus,
                             OptionalInt senderNice) {

    /** The machine without a sender's nice value. */
    public RunEnvironment(String os, String osVersion, String arch, String kernel, String jdk, int cpus) {
        this(os, osVersion, arch, kernel, jdk, cpus, OptionalInt.empty());
    }

    public RunEnvironment {
        senderNice = senderNice == null ? OptionalInt.empty() : senderNice;
    }

    /** This environment with the senders' nice value. Any thread. */
    public RunEnvironment withSenderNice(OptionalInt nice) {
        return new RunEnvironment(os, osVersion, arch, kernel, jdk, cpus, nice);
    }

    /** This machine, now. Any thread. */
    public static RunEnvironment current() {
        String kernel = System.getProperty("os.version");
        try {
            Path release = Path.of("/proc/sys/kernel/osrelease");
            if (Files.isReadable(release)) {
                kernel = Files.readString(release).strip();
            }
        } catch (Exception ignored) {
            // os.version is a fine fallback
        }
        return new RunEnvironment(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), kernel,
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors());
    }
}
