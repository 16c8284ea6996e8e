package dev.interleave.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run measured: the verdict depends on the OS and the JDK, so every report carries
 * them. Immutable.
 */
public record RunEnvironment(String os, String osVersion, String arch, String kernel, String jdk, int cpus) {

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
