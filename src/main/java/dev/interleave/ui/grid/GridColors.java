package dev.interleave.ui.grid;

import javafx.scene.paint.Color;

/** Colour conversions for pixel writing. */
final class GridColors {
    private GridColors() {
    }

    /** A colour as premultiplied ARGB (what the grid's IntArgbPre pixel buffer stores). */
    static int argb(Color c) {
        double a = c.getOpacity();
        int ai = (int) Math.round(a * 255);
        int r = (int) Math.round(c.getRed() * a * 255);
        int g = (int) Math.round(c.getGreen() * a * 255);
        int b = (int) Math.round(c.getBlue() * a * 255);
        return ai << 24 | r << 16 | g << 8 | b;
    }
}
