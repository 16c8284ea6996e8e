package dev.interleave.ui;

import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.skin.ScrollPaneSkin;

/** Scroll panes as the window uses them. FX thread. */
final class ScrollPanes {
    private ScrollPanes() {
    }

    /**
     * Turns off the image cache of {@code pane}'s viewport. ScrollPaneSkin caches its viewport as an
     * image (setCache(true)): then any change inside, a button turning disabled or a label's text,
     * redraws the whole image; under the software pipeline the control panel's 260 x 860 pixels cost the
     * renderer 60 ms in the frame where a run starts. The window's panes scroll rarely; they do without
     * the cache. Returns {@code pane}.
     */
    static ScrollPane uncached(ScrollPane pane) {
        InvalidationListener uncache = o -> {
            if (pane.getSkin() instanceof ScrollPaneSkin) {
                for (Node n : pane.getChildrenUnmodifiable()) {
                    if (n.getStyleClass().contains("viewport")) {
                        n.setCache(false);
                    }
                }
            }
        };
        pane.skinProperty().addListener(uncache);
        uncache.invalidated(null);
        return pane;
    }
}
