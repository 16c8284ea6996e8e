package dev.interleave.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;

/** Pictures of the window as PNG files, written atomically (a temp file beside, then a move). */
final class Png {
    private Png() {
    }

    /** Takes a picture of {@code node} as it is now. FX thread. */
    static BufferedImage capture(Node node) {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** Takes a picture of the whole scene of {@code node}. FX thread. */
    static BufferedImage captureScene(javafx.scene.Scene scene) {
        WritableImage image = scene.snapshot(null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** Writes {@code image} to {@code file}; on failure no half-written file is left. Any thread. */
    static void write(BufferedImage image, Path file) throws IOException {
        dev.interleave.ui.charts.PngWriter.write(image, file);
    }
}
