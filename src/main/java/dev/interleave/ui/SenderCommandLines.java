package dev.interleave.ui;

import dev.interleave.run.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that point a sender at the window's listener: each reference client under
 * {@code clients/} (built into {@code target/}, which git ignores and the build made) and the lab's own
 * {@code interleave send}, with the knobs' threads, packets, size and lock filled in. Paths are relative
 * to the project's folder (where {@code clients/} is). Pure; any thread.
 */
final class SenderCommandLines {
    private SenderCommandLines() {
    }

    /**
     * One sender's command.
     *
     * @param id   a short name for ids and tests: "c", "python", "go", "mono", "wine", "send"
     * @param name what it is, for a person: "C (POSIX send() loop)"
     * @param line the whole command, ready to paste into a shell in the project's folder
     */
    record Command(String id, String name, String line) {
    }

    /**
     * The commands for a listener senders reach at {@code host}:{@code port} ({@code port} 0: not known
     * yet, written PORT), with the knobs of {@code knobs}. {@code launcher} is the path of the
     * {@code interleave} launcher to show.
     */
    static List<Command> of(String host, int port, RunConfig knobs, String launcher) {
        String at = host + " " + (port == 0 ? "PORT" : String.valueOf(port));
        String args = " --threads " + knobs.threads() + " --packets " + knobs.packets() + " --size " + knobs.payloadSize()
                + (knobs.lock() ? " --lock" : "");
        String out = "target/";
        List<Command> c = new ArrayList<>();
        c.add(new Command("c", "C (POSIX send() loop)", "cc -O2 -pthread -o " + out + "interleave_client"
                + " clients/c/interleave_client.c && " + out + "interleave_client " + at + args));
        c.add(new Command("python", "Python (socket.sendall)", "python3 clients/python/interleave_client.py " + at + args));
        c.add(new Command("go", "Go (net.Conn.Write)", "(cd clients/go && go build -o ../../" + out + "interleave-client .)"
                + " && " + out + "interleave-client " + at + args));
        c.add(new Command("mono", "C# under Mono (Socket.Send loop)", "mcs -out:" + out + "interleave-client.exe"
                + " clients/dotnet/InterleaveClient.cs && mono " + out + "interleave-client.exe " + at + args));
        c.add(new Command("wine", "C for Win32, under Wine", "x86_64-w64-mingw32-gcc -O2 -o " + out
                + "interleave_client.exe clients/c/interleave_client.c -lws2_32 && WINEDEBUG=-all wine " + out
                + "interleave_client.exe " + at + args));
        String strategy = knobs.strategy() == null || knobs.isOutsideSender() ? "native" : knobs.strategy();
        c.add(new Command("send", "interleave send (this lab, Java)", launcher + " send --host " + host + " --port "
                + (port == 0 ? "PORT" : String.valueOf(port)) + " --strategy " + strategy + args));
        return List.copyOf(c);
    }

    /** Where the part of {@code line} that runs the sender begins (after its build step, if any). */
    static int runStart(String line) {
        int and = line.lastIndexOf(" && ");
        return and < 0 ? 0 : and + 4;
    }

    /**
     * Where a sender on this machine connects to a listener bound to {@code bound}: the address itself,
     * or loopback for a wildcard ("0.0.0.0", "::"), which takes connections on every interface.
     */
    static String connectHost(String bound) {
        return switch (bound) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "::1";
            default -> bound;
        };
    }

    /**
     * The project's folder, where {@code clients/} is: the working directory, or the one the launcher
     * was built in ({@code interleave.home} is its {@code target/interleave}); null when neither has it.
     */
    static Path projectDir(String workingDir, String launcherHome) {
        List<Path> candidates = new ArrayList<>();
        if (workingDir != null) {
            candidates.add(Path.of(workingDir));
        }
        if (launcherHome != null) {
            Path home = Path.of(launcherHome).toAbsolutePath().normalize();
            if (home.getParent() != null && home.getParent().getParent() != null) {
                candidates.add(home.getParent().getParent());
            }
        }
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("clients"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** The launcher as the commands show it: relative to the project's folder when it is in it. */
    static String launcher(Path project, String launcherHome) {
        if (launcherHome == null) {
            return "target/interleave/bin/interleave";
        }
        Path bin = Path.of(launcherHome).toAbsolutePath().normalize().resolve("bin/interleave");
        return project != null && bin.startsWith(project) ? project.relativize(bin).toString() : bin.toString();
    }
}
