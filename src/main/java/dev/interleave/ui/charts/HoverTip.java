package dev.interleave.ui.charts;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The tooltip of a canvas whose cells each have their own words (the packet grid, the sweep's
 * heatmaps): it names the cell under the pointer, wraps within {@link #WIDTH}, and is installed only
 * while the pointer is over a cell, so empty space shows none. FX thread.
 */
public final class HoverTip {
    /** The tooltip wraps inside this width: a torn packet's splice or a cell's figures are long lines. */
    public static final double WIDTH = 420;

    private final Node owner;
    private final Tooltip tooltip = new Tooltip();
    private boolean installed;

    /** A tooltip for {@code owner}, shown 250 ms after the pointer rests. FX thread. */
    public HoverTip(Node owner) {
        this.owner = owner;
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setHideDelay(Duration.millis(100));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(WIDTH);
    }

    /** The pointer is over a cell that {@code text} names. FX thread. */
    public void show(String text) {
        tooltip.setText(text);
        if (!installed) {
            Tooltip.install(owner, tooltip);
            installed = true;
        }
    }

    /** The pointer left the cells: no tooltip. FX thread. */
    public void hide() {
        if (installed) {
            Tooltip.uninstall(owner, tooltip);
            installed = false;
        }
    }

    /** The cell under the pointer changed its figures: new words, shown or not as before. FX thread. */
    public void setText(String text) {
        tooltip.setText(text);
    }

    /** The tooltip itself, for tests that read what it says. FX thread. */
    public Tooltip tooltip() {
        return tooltip;
    }
}
