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
            "report", Set.of("run", "sweep", "telemetry", "verify", "stats", "protocol"),
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

    /** What serialises threads; none of it may sit on a path the sending threads take. */
    private static final List<Pattern> SERIALISING = Stream.of("\\bsynchronized\\b", "\\bReentrantLock\\b",
                    "\\bReadWriteLock\\b", "\\bStampedLock\\b", "\\blocks\\.Lock\\b", "\\.lock\\(", "BlockingQueue\\b",
                    "\\bSemaphore\\b", "\\bCyclicBarrier\\b", "\\bPhaser\\b", "\\bExchanger\\b", "\\bSelector\\b")
            .map(Pattern::compile).toList();

    /**
     * The files of send/ and telemetry/ that may serialise, each for a reason: nothing else may. The
     * lab's one lock is the fix itself; the back channel is read on a reader thread of its own.
     */
    private static final Map<String, String> SERIALISING_ALLOWED = Map.of(
            "send/LockedStrategy.java", "the fix: one application lock held for the whole packet, on purpose",
            "send/nativeio/ResultStream.java", "the back channel's reading thread, never a sending one",
            "send/NonBlockingInputStream.java", "the back channel's reading thread (its own Selector)");

    @Test
    void noLockOrBlockingQueueOnTheSendPath() throws IOException {
        // Invariant 1: nothing serialises the sending threads but the lock the user asks for.
        List<String> violations = new ArrayList<>();
        List<String> allowedButUnused = new ArrayList<>(SERIALISING_ALLOWED.keySet());
        for (String part : List.of("send", "telemetry")) {
            for (Path file : javaFiles(SRC.resolve(part))) {
                String name = SRC.relativize(file).toString().replace('\\', '/');
                String code = withoutComments(Files.readString(file));
                List<String> found = SERIALISING.stream().filter(p -> p.matcher(code).find()).map(Pattern::pattern)
                        .toList();
                if (SERIALISING_ALLOWED.containsKey(name)) {
                    if (!found.isEmpty()) {
                        allowedButUnused.remove(name);
                    }
                } else if (!found.isEmpty()) {
                    violations.add(name + " uses " + found);
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(allowedButUnused).as("exemptions that no longer serialise anything: drop them").isEmpty();
    }

    @Test
    void noSharedCounterOrUiCallInTheInstruments() throws IOException {
        // Each sending thread writes its own counters; a shared one would make them contend.
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(SRC.resolve("telemetry"))) {
            String code = withoutComments(Files.readString(file));
            for (String banned : List.of("AtomicLong", "LongAdder", "Platform.runLater")) {
                if (code.contains(banned)) {
                    violations.add(file + " uses " + banned);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The source without its comments (string literals are kept; none of ours hides a comment marker). */
    static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
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
