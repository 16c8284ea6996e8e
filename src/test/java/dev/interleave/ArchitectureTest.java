package dev.interleave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the import rules of design.md ("Parts, and who may import whom") true. */
class ArchitectureTest {
    private static final Path SRC = Path.of("src/main/java/dev/interleave");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** Which project packages each package may import (beside itself and its sub-packages). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "protocol", Set.of(),
            "stats", Set.of(),
            "telemetry", Set.of(),
            "verify", Set.of("protocol"),
            "send", Set.of("protocol", "telemetry"),
            "run", Set.of("protocol", "telemetry", "verify", "send", "stats"),
            "sweep", Set.of("run", "verify", "stats", "telemetry", "protocol", "send"),
            "report", Set.of("run", "sweep", "telemetry", "verify", "stats"),
            "cli", Set.of("run", "sweep", "report", "verify", "send", "telemetry", "protocol", "stats"),
            "ui", Set.of("run", "sweep", "report", "verify", "send", "telemetry", "protocol", "stats"));

    @Test
    void packagesImportOnlyWhatTheDesignAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        for (var e : ALLOWED.entrySet()) {
            for (Path file : javaFiles(SRC.resolve(e.getKey()))) {
                for (String imp : imports(file)) {
                    if (imp.startsWith("dev.interleave.")) {
                        String other = imp.substring("dev.interleave.".length()).split("\\.")[0];
                        if (!other.equals(e.getKey()) && !e.getValue().contains(other)
                                && Character.isLowerCase(other.charAt(0))) {
                            violations.add(file + " imports " + imp);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyTheUiTouchesJavaFx() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(SRC)) {
            boolean ui = file.startsWith(SRC.resolve("ui"));
            for (String imp : imports(file)) {
                if ((imp.startsWith("javafx.") || imp.startsWith("org.controlsfx.")) && !ui) {
                    violations.add(file + " imports " + imp);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyTheNativeSubPackageTouchesForeignMemory() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(SRC)) {
            boolean nativeio = file.startsWith(SRC.resolve("send/nativeio"));
            String text = Files.readString(file);
            if (text.contains("java.lang.foreign") && !nativeio) {
                violations.add(file.toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noLockOrBlockingQueueOnTheSendPathInstruments() throws IOException {
        // Invariant 1: instrumentation never synchronises the sender threads.
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(SRC.resolve("telemetry"))) {
            String text = Files.readString(file);
            for (String banned : List.of("synchronized", "ReentrantLock", "BlockingQueue", ".lock()", "AtomicLong",
                    "LongAdder", "Platform.runLater")) {
                if (text.contains(banned)) {
                    violations.add(file + " uses " + banned);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> imports(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
