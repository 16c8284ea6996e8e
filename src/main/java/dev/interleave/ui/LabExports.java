package dev.interleave.ui;

import dev.interleave.report.CsvReport;
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
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window saves: the run report as CSV (the engine's {@link CsvReport}, written atomically)
 * and pictures as PNG. Files are written off the FX thread; an error shows in a dialog and leaves no
 * half-written file. Methods on the FX thread; returned futures complete after the window has shown
 * the outcome.
 */
final class LabExports {
    private static final Logger LOG = LoggerFactory.getLogger(LabExports.class);
    private static final String LAST_DIR = "lastDir";

    /** A view that can take a picture of itself (the grid, each chart). FX thread. */
    @FunctionalInterface
    interface PngSource {
        BufferedImage picture();
    }

    private final Scene scene;
    private final LabPrefs prefs;
    private final Executor worker;
    private final Consumer<String> status;
    private final Runnable beforePicture;

    /**
     * @param status shows one line of what happened (the status bar)
     * @param beforePicture brings the views up to date before any picture is taken (an ended run's
     *                      last pictures, which the window otherwise draws one per frame)
     */
    LabExports(Scene scene, LabPrefs prefs, Executor worker, Consumer<String> status, Runnable beforePicture) {
        this.scene = scene;
        this.prefs = prefs;
        this.worker = worker;
        this.status = status;
        this.beforePicture = beforePicture;
    }

    /** Asks where (a save dialog), then exports {@code result} there. */
    void exportCsvWithDialog(RunResult result) {
        if (result == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the run report as CSV");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        fc.setInitialFileName("interleave-" + result.config().strategyLabel().replace('+', '-') + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        initialDir(fc::setInitialDirectory);
        File f = fc.showSaveDialog(window());
        if (f != null) {
            prefs.put(LAST_DIR, f.getAbsoluteFile().getParent());
            exportCsv(result, f.toPath());
        }
    }

    /** Writes {@code result}'s report to {@code file}. */
    CompletableFuture<Path> exportCsv(RunResult result, Path file) {
        if (result == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run to export"));
        }
        return offThread(file, "Export failed", "The report was not saved to " + file,
                p -> "Report saved: " + p.getFileName(), () -> {
                    CsvReport.write(result, file);
                    return file;
                });
    }

    /** Asks where, then saves a picture of {@code views}. */
    void savePngWithDialog(Node views) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save a picture of the grid and the charts");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        fc.setInitialFileName("interleave-views.png");
        initialDir(fc::setInitialDirectory);
        File f = fc.showSaveDialog(window());
        if (f != null) {
            prefs.put(LAST_DIR, f.getAbsoluteFile().getParent());
            savePng(views, f.toPath());
        }
    }

    /** Asks for a folder, then saves each view as a PNG of its own in a new folder inside it. */
    void saveEachPngWithDialog(Map<String, PngSource> views, String label) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Save each view as a PNG into…");
        initialDir(dc::setInitialDirectory);
        File d = dc.showDialog(window());
        if (d != null) {
            prefs.put(LAST_DIR, d.getAbsolutePath());
            saveEachPng(views, d.toPath(), label);
        }
    }

    /** A picture of {@code node} as it is now. */
    CompletableFuture<Path> savePng(Node node, Path file) {
        beforePicture.run();
        return writePng(Png.capture(node), file);
    }

    /** A picture of the whole window. */
    CompletableFuture<Path> saveWindowPng(Path file) {
        beforePicture.run();
        return writePng(Png.captureScene(scene), file);
    }

    private CompletableFuture<Path> writePng(BufferedImage image, Path file) {
        return offThread(file, "Picture not saved", "Could not save " + file,
                p -> "Picture saved: " + p.getFileName(), () -> {
                    PngWriter.write(image, file);
                    return file;
                });
    }

    /**
     * Each view as {@code <name>.png} in a new folder {@code interleave-<label>-<date-time>} inside
     * {@code parent}, so that nothing there is overwritten. The pictures are taken now, on the FX thread;
     * encoding and writing happen on the worker. Completes with the files written, in order, after the
     * window has shown the outcome (an error in a dialog; each file is whole or absent).
     */
    CompletableFuture<List<Path>> saveEachPng(Map<String, PngSource> views, Path parent, String label) {
        Map<String, BufferedImage> pictures = new LinkedHashMap<>();
        try {
            beforePicture.run();
            views.forEach((name, view) -> pictures.put(name, view.picture()));
        } catch (RuntimeException e) {
            LOG.warn("views not captured", e);
            error("Pictures not saved", "Could not take the pictures:\n" + message(e));
            return CompletableFuture.failedFuture(e);
        }
        String stem = "interleave-" + label.replaceAll("[^A-Za-z0-9._-]", "-") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return offThread(parent, "Pictures not saved", "Could not save the views in " + parent,
                files -> "Pictures saved in " + (files.isEmpty() ? parent : files.get(0).getParent()), () -> {
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
                        removeQuietly(out, dir); // all the pictures or none: no half-filled folder is left
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
     * Runs {@code write} on the worker; then, on the FX thread, shows {@code saved} of its result in the
     * status bar, or the error in a dialog ({@code errorTitle}, {@code errorText}: the cause). The future
     * completes after that.
     */
    private <T> CompletableFuture<T> offThread(Path where, String errorTitle, String errorText,
                                               Function<T, String> saved, Write<T> write) {
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
                LOG.warn("{}: {}", errorTitle, where, cause);
                error(errorTitle, errorText + ":\n" + message(cause));
                done.completeExceptionally(cause);
            } else {
                String text = saved.apply(v);
                LOG.info("{}", text);
                status.accept(text);
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

    private Window window() {
        return scene.getWindow();
    }

    private void error(String title, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setTitle(title);
        a.setHeaderText(title);
        if (window() != null) {
            a.initOwner(window());
        }
        a.show();
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
