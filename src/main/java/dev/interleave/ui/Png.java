package dev.interleave.ui;

import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;

/** Pictures of the window, to be written by {@link dev.interleave.ui.charts.PngWriter#write}. */
final class Png {
    private Png() {
    }

    /**
     * Takes a picture of {@code node} as it is now, on the window's background colour (the views' split
     * panes paint none of their own). FX thread.
     */
    static BufferedImage capture(Node node) {
        javafx.scene.paint.Color fill = javafx.scene.paint.Color.WHITE;
        if (node.getScene() != null && node.getScene().getRoot() instanceof javafx.scene.layout.Region r
                && r.getBackground() != null && !r.getBackground().getFills().isEmpty()
                && r.getBackground().getFills().get(0).getFill() instanceof javafx.scene.paint.Color c) {
            fill = c;
        }
        return dev.interleave.ui.charts.PngWriter.capture(node, fill);
    }

    /** Takes a picture of the whole scene of {@code node}. FX thread. */
    static BufferedImage captureScene(javafx.scene.Scene scene) {
        WritableImage image = scene.snapshot(null);
        return SwingFXUtils.fromFXImage(image, null);
    }
}
