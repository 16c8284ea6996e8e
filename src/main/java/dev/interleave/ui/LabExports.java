package dev.interleave.ui;

import dev.interleave.report.CsvReport;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.ui.charts.PngWriter;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window saves: the run report as CSV (the engine's {@link CsvReport}, written atomically)
 * and pictures as PNG. Files are written off the FX thread; what became of each save is one
 * {@link Notice} (where it went, or why not: a bad folder is the person's to fix, so it is no error
 * of the program and logs no stack trace), and a failed save leaves no half-written file. Methods on
 * the FX thread; returned futures complete after the notice is out.
 */
final class LabExports {
    private static final Logger LOG = LoggerFactory.getLogger(LabExports.class);
    private static final String LAST_DIR = "lastDir";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A view that can take a picture of itself (the grid, each chart). FX thread. */
    @FunctionalInterface
    interface PngSource {
        BufferedImage picture();
    }

    private final Supplier<Window> window;
    private final LabPrefs prefs;
    private final Executor worker;
    private final Consumer<Notice> notices;
    private Runnable beforePicture = () -> { };

    /**
     * @param window  the owner of the file dialogs (may supply null)
     * @param notices where each save's outcome goes (the status presenter)
     */
    LabExports(Supplier<Window> window, LabPrefs prefs, Executor worker, Consumer<Notice> notices) {
        this.window = window;
        this.prefs = prefs;
        this.worker = worker;
        this.notices = notices;
    }

    /**
     * Brings the views up to date before any picture is taken: an ended run's last pictures, which the
     * window otherwise draws one per frame.
     */
    void beforeEachPicture(Runnable r) {
        beforePicture = r;
    }

    // ---- where ----

    /** Asks where to save {@code result}'s report (a save dialog); null when cancelled. */
    Path askCsvFile(RunResult result) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the run report as CSV");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        fc.setInitialFileName("interleave-" + label(result) + "-" + LocalDateTime.now().format(STAMP) + ".csv");
        initialDir(fc::setInitialDirectory);
        return remember(fc, fc.showSaveDialog(window.get()));
    }

    /** Asks where to save a picture of the views; null when cancelled. */
    Path askPngFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save a picture of the grid and the charts");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        fc.setInitialFileName("interleave-views.png");
        initialDir(fc::setInitialDirectory);
        return remember(fc, fc.showSaveDialog(window.get()));
    }

    /** Asks for the folder in which each view's picture goes (in a new folder); null when cancelled. */
    Path askPngFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Save each view as a PNG into…");
        initialDir(dc::setInitialDirectory);
        File d = dc.showDialog(window.get());
        if (d == null) {
            return null;
        }
        prefs.put(LAST_DIR, d.getAbsolutePath());
        return d.toPath();
    }

    private Path remember(FileChooser fc, File chosen) {
        if (chosen == null) {
            return null;
        }
        prefs.put(LAST_DIR, chosen.getAbsoluteFile().getParent());
        return chosen.toPath();
    }

    // ---- writing ----

    /** Writes {@code result}'s report to {@code file}. */
    CompletableFuture<Path> exportCsv(RunResult result, Path file) {
        if (result == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run to export"));
        }
        return offThread(file, "The report was not saved to " + file.toAbsolutePath(),
                p -> Notice.done("Report saved: " + p.toAbsolutePath(), p), () -> {
                    CsvReport.write(result, file);
                    return file;
                });
    }

    /** A picture of {@code node} as it is now. */
    CompletableFuture<Path> savePng(Node node, Path file) {
        beforePicture.run();
        return writePng(Png.capture(node), file);
    }

    /** A picture of the whole window. */
    CompletableFuture<Path> saveWindowPng(Scene scene, Path file) {
        beforePicture.run();
        return writePng(Png.captureScene(scene), file);
    }

    private CompletableFuture<Path> writePng(BufferedImage image, Path file) {
        return offThread(file, "The picture was not saved to " + file.toAbsolutePath(),
                p -> Notice.done("Picture saved: " + p.toAbsolutePath(), p), () -> {
                    PngWriter.write(image, file);
                    return file;
                });
    }

    /**
     * Each view as {@code <name>.png} in a new folder {@code interleave-<label>-<date-time>} inside
     * {@code parent}, so that nothing there is overwritten. The pictures are taken now, on the FX thread;
     * encoding and writing happen on the worker. Completes with the files written, in order (all of them,
     * or none: no half-filled folder is left).
     */
    CompletableFuture<List<Path>> saveEachPng(Map<String, PngSource> views, Path parent, String label) {
        Map<String, BufferedImage> pictures = new LinkedHashMap<>();
        try {
            beforePicture.run();
            views.forEach((name, view) -> pictures.put(name, view.picture()));
        } catch (RuntimeException e) {
            LOG.warn("views not captured", e); // a view that cannot draw itself is the program's fault
            notices.accept(Notice.failed("The pictures were not taken: " + message(e), null));
            return CompletableFuture.failedFuture(e);
        }
        String stem = "interleave-" + label.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + LocalDateTime.now().format(STAMP);
        return offThread(parent, "The pictures were not saved in " + parent.toAbsolutePath(),
                files -> {
                    Path dir = files.isEmpty() ? parent : files.get(0).getParent();
                    return Notice.done("Pictures saved in " + dir.toAbsolutePath(), dir);
                }, () -> {
                    Path dir = null;
                    List<Path> out = new ArrayList<>();
                    try {
                        dir = newFolder(parent, stem);
                        for (Map.Entry<String, BufferedImage> e : pictures.entrySet()) {
                            Path p = dir.resolve(e.getKey() + ".png");
                            PngWriter.write(e.getValue(), p);
                            out.add(p);
                        }
                        return out;
                    } catch (IOException e) {
                        removeQuietly(out, dir);
                        throw e;
                    }
                });
    }

    private static void removeQuietly(List<Path> files, Path dir) {
        try {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            LOG.debug("could not tidy up {}", dir, e);
        }
    }

    /** Creates {@code parent/stem}, or {@code stem-2}, {@code stem-3}… when taken. Any thread. */
    static Path newFolder(Path parent, String stem) throws IOException {
        Files.createDirectories(parent);
        for (int n = 1; ; n++) {
            Path dir = parent.resolve(n == 1 ? stem : stem + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** Work on the worker that writes files and returns what it wrote. */
    @FunctionalInterface
    private interface Write<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code write} on the worker; then, on the FX thread, sends the notice {@code saved} makes of
     * its result, or a failure ({@code failed}: the cause). The future completes after that.
     */
    private <T> CompletableFuture<T> offThread(Path where, String failed, Function<T, Notice> saved, Write<T> write) {
        CompletableFuture<T> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return write.run();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, worker).whenComplete((v, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                Throwable cause = cause(ex);
                // A folder that cannot be written is the person's to fix: one line, the stack only at debug.
                LOG.info("{}: {}", failed, message(cause));
                LOG.debug("save failed", cause);
                notices.accept(Notice.failed(failed + ":\n" + message(cause), where));
                done.completeExceptionally(cause);
            } else {
                Notice n = saved.apply(v);
                LOG.info("{}", n.text());
                notices.accept(n);
                done.complete(v);
            }
        }));
        return done;
    }

    private void initialDir(Consumer<File> set) {
        File d = new File(prefs.get(LAST_DIR, System.getProperty("user.home")));
        if (d.isDirectory()) {
            set.accept(d);
        }
    }

    /** Names files after the run: its strategy, e.g. "native" or "native-lock". */
    static String label(RunResult result) {
        return label(result.config());
    }

    /**
     * A file name's part for a run of {@code c}: "native", "native-lock", or "outside-sender" (the sender's
     * own description, any text, is in the report, not in a file name).
     */
    static String label(RunConfig c) {
        return c.isOutsideSender() ? "outside-sender" : c.strategyLabel().replace('+', '-');
    }

    /** What went wrong, without the CompletionException a future wraps it in. */
    static Throwable cause(Throwable ex) {
        return ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
    }

    static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
