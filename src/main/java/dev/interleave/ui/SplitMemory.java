package dev.interleave.ui;

import java.util.Arrays;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Keeps a split pane's dividers where the person put them (or where the window first put them). A
 * SplitPane moves a divider when a window too small for its sides' minimum sizes squeezes it, and
 * keeps it there when the window grows again; this puts it back at each resize. A divider the person
 * drags is the new place to keep. FX thread.
 */
final class SplitMemory {
    private double[] wanted;
    private boolean dragging;

    private SplitMemory(SplitPane split) {
        wanted = split.getDividerPositions().clone();
        split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = onDivider(e.getPickResult().getIntersectedNode()));
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging) {
                dragging = false;
                wanted = split.getDividerPositions().clone();
            }
        });
        split.widthProperty().addListener(o -> restore(split));
        split.heightProperty().addListener(o -> restore(split));
    }

    /** Keeps {@code split}'s dividers (at their positions now) through resizes. Returns {@code split}. */
    static SplitPane keep(SplitPane split) {
        split.getProperties().put(SplitMemory.class, new SplitMemory(split));
        return split;
    }

    /** The positions kept for {@code split}, or null when it has no memory. */
    static double[] wanted(SplitPane split) {
        return split.getProperties().get(SplitMemory.class) instanceof SplitMemory m ? m.wanted.clone() : null;
    }

    private void restore(SplitPane split) {
        if (!dragging && !Arrays.equals(wanted, split.getDividerPositions())) {
            split.setDividerPositions(wanted);
        }
    }

    private static boolean onDivider(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
            if (p instanceof SplitPane) {
                return false;
            }
        }
        return false;
    }
}
