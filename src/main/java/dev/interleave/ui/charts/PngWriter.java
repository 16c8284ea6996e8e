package dev.interleave.ui.charts;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;

/**
 * Pictures of nodes as PNG files: a picture is taken on the FX thread ({@link #capture}) and encoded and
 * written on any thread ({@link #write}), through a temporary file so no half-written file is left.
 */
public final class PngWriter {

    private PngWriter() {
    }

    /** A picture of {@code node} as it is now, on {@code fill}. FX thread only. */
    public static BufferedImage capture(Node node, Color fill) {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(fill);
        WritableImage image = node.snapshot(params, null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** Writes an image as PNG through a temporary file beside {@code file}. Any thread. */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the picture after the move.
        Path tmp = (dir == null ? Path.of(".") : dir).resolve(".interleave-" + Long.toHexString(System.nanoTime())
                + ".png.tmp");
        try {
            try (var out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
