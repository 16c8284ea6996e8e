package dev.interleave.clients;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference clients under {@code clients/}: what each needs, how to build it into
 * {@code target/clients/}, and the command that runs it. A client whose toolchain is missing is
 * skipped by the tests with the package to install; CI installs them all. Builds happen once per
 * test JVM; the test thread only.
 */
enum ReferenceClient {
    C("c", "cc", List.of("send", "send-nonblocking"), List.of("cc"), "a C compiler (apt-get install gcc)"),
    WIN32("c", "win32", List.of("send", "send-nonblocking"), List.of("x86_64-w64-mingw32-gcc", "wine"),
            "MinGW-w64 and Wine (apt-get install gcc-mingw-w64-x86-64 wine64)"),
    PYTHON("python", "python", List.of("sendall", "send"), List.of("python3"), "Python 3.8+ (apt-get install python3)"),
    GO("go", "go", List.of("write", "raw-write"), List.of("go"), "Go 1.19+ (apt-get install golang-go)"),
    DOTNET("dotnet", "mono", List.of("socket-send", "networkstream-write", "send-async"), List.of("mcs", "mono"),
            "Mono (apt-get install mono-mcs mono-runtime)");

    /** The "client" field of the client's JSON line. */
    final String jsonName;
    /** A short name for test names and build folders. */
    final String label;
    final List<String> ways;
    private final List<String> tools;
    private final String install;

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path OUT = ROOT.resolve("target/clients");
    private static final Map<ReferenceClient, Object> BUILT = new EnumMap<>(ReferenceClient.class);

    ReferenceClient(String jsonName, String label, List<String> ways, List<String> tools, String install) {
        this.jsonName = jsonName;
        this.label = label;
        this.ways = ways;
        this.tools = tools;
        this.install = install;
    }

    /** Why this client cannot run here (a missing tool and the package that brings it), or empty. */
    Optional<String> missing() {
        for (String t : tools) {
            if (onPath(t) == null) {
                return Optional.of(label + " client skipped: '" + t + "' is not on PATH; needs " + install);
            }
        }
        if (this == PYTHON) {
            try {
                if (exec(ROOT, 30, List.of("python3", "-c", "import sys; sys.exit(sys.version_info < (3, 8))")).exit != 0) {
                    return Optional.of("python client skipped: python3 is older than 3.8");
                }
            } catch (IOException e) {
                return Optional.of("python client skipped: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Builds the client once (later calls return the first outcome) and returns the command that
     * runs it, arguments to follow. Throws IOException with the compiler's output when the build fails.
     */
    synchronized List<String> command() throws IOException {
        Object b = BUILT.computeIfAbsent(this, c -> {
            try {
                return c.build();
            } catch (IOException e) {
                return e;
            }
        });
        if (b instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        List<String> cmd = (List<String>) b;
        return cmd;
    }

    /** Environment for a run (Wine's debug channels off, so its stderr carries only the client's words). */
    Map<String, String> environment() {
        return this == WIN32 ? Map.of("WINEDEBUG", "-all") : Map.of();
    }

    private List<String> build() throws IOException {
        Path dir = OUT.resolve(label);
        Files.createDirectories(dir);
        Path cSource = ROOT.resolve("clients/c/interleave_client.c");
        return switch (this) {
            case C -> {
                Path exe = dir.resolve("interleave_client");
                run(ROOT, 120, List.of("cc", "-O2", "-Wall", "-pthread", "-o", exe.toString(), cSource.toString()));
                yield List.of(exe.toString());
            }
            case WIN32 -> {
                Path exe = dir.resolve("interleave_client.exe");
                run(ROOT, 120, List.of("x86_64-w64-mingw32-gcc", "-O2", "-Wall", "-o", exe.toString(), cSource.toString(),
                        "-lws2_32"));
                // The first Wine start makes its prefix (~/.wine, about 10-20 s): do it here, not in a timed run.
                Result r = exec(ROOT, 180, List.of("wine", exe.toString(), "--help"), environment());
                if (r.exit != 2) {
                    throw new IOException("wine could not run the Win32 build (exit " + r.exit + "): " + r.stderr);
                }
                yield List.of("wine", exe.toString());
            }
            case PYTHON -> {
                // The interpreter itself, not a version manager's shim that costs half a second per start.
                Result r = exec(ROOT, 30, List.of("python3", "-c", "import sys; print(sys.executable)"));
                String python = r.exit == 0 && !r.stdout.isBlank() ? r.stdout.strip() : "python3";
                yield List.of(python, ROOT.resolve("clients/python/interleave_client.py").toString());
            }
            case GO -> {
                Path exe = dir.resolve("interleave-client");
                // Its own cache and GOPATH: CI may run without $HOME, where Go keeps them by default.
                run(ROOT.resolve("clients/go"), 300, List.of("go", "build", "-o", exe.toString(), "."),
                        Map.of("GOCACHE", dir.resolve("cache").toString(), "GOPATH", dir.resolve("gopath").toString()));
                yield List.of(exe.toString());
            }
            case DOTNET -> {
                Path exe = dir.resolve("interleave-client.exe");
                run(ROOT, 120, List.of("mcs", "-langversion:7", "-warn:4", "-warnaserror+", "-out:" + exe,
                        ROOT.resolve("clients/dotnet/InterleaveClient.cs").toString()));
                yield List.of("mono", exe.toString());
            }
        };
    }

    private static void run(Path dir, int seconds, List<String> cmd) throws IOException {
        run(dir, seconds, cmd, Map.of());
    }

    private static void run(Path dir, int seconds, List<String> cmd, Map<String, String> env) throws IOException {
        Result r = exec(dir, seconds, cmd, env);
        if (r.exit != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + r.exit + "):\n" + r.stdout + r.stderr);
        }
    }

    /** What a finished process printed. */
    record Result(int exit, String stdout, String stderr) {
    }

    static Result exec(Path dir, int seconds, List<String> cmd) throws IOException {
        return exec(dir, seconds, cmd, Map.of());
    }

    /** Runs {@code cmd} in {@code dir} with its output in temporary files; kills it after {@code seconds}. */
    static Result exec(Path dir, int seconds, List<String> cmd, Map<String, String> env) throws IOException {
        Files.createDirectories(OUT);
        Path out = Files.createTempFile(OUT, "run", ".out");
        Path err = Files.createTempFile(OUT, "run", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close(); // no input: a client never waits for a terminal
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", cmd) + " did not finish within " + seconds + " s; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
