package dev.interleave.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a report can be written before a run begins, so that a long run never ends in "cannot
 * write the report". The check is the write itself in small: a file is created in the target folder
 * and deleted again, so permissions, read-only mounts and pseudo file systems (/proc) all answer. Any
 * thread but the FX thread (it touches the disk).
 */
public final class ReportPaths {
    private ReportPaths() {
    }

    /**
     * Throws IOException with a message that names {@code file} and the reason, e.g. "cannot write the
     * report to /proc/x.csv: permission denied", unless a report can be written there.
     */
    public static void checkWritable(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException("cannot write the report to " + target + ": it is not a file name");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write the report to " + target + ": it is a folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write the report to " + target + ": folder " + dir
                    + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        try {
            probe(dir, target.getFileName().toString());
        } catch (IOException e) {
            throw new IOException("cannot write the report to " + target + ": " + reason(e), e);
        }
    }

    /**
     * Creates {@code dir} (and its parents) if needed and checks that files can be written in it;
     * throws IOException naming the folder and the reason otherwise.
     */
    public static void prepareFolder(Path dir) throws IOException {
        Path target = dir.toAbsolutePath();
        try {
            Files.createDirectories(target);
            probe(target, "report");
        } catch (IOException e) {
            throw new IOException("cannot use " + target + " as the report folder: " + reason(e), e);
        }
    }

    private static void probe(Path dir, String name) throws IOException {
        Path probe = dir.resolve("." + name + "." + Long.toHexString(System.nanoTime()) + ".probe");
        Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        Files.delete(probe);
    }

    /**
     * Why creating or writing a file failed, in words a person can act on: "permission denied",
     * "read-only file system", "the system refuses new files there (no such file or directory)".
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            // Raised on a create in a folder that exists too: a pseudo file system such as /proc.
            return "the system refuses new files there (no such file or directory)";
        }
        if (e instanceof NotDirectoryException n) {
            return n.getFile() + " is not a folder";
        }
        if (e instanceof FileAlreadyExistsException n) {
            return n.getFile() + " exists and is not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
