package dev.interleave.ui;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The window's theme: a property the menu and the toolbar bind to; each change swaps the theme's
 * stylesheet of looked-up colours on the scene, the theme's style class on the window's root (where
 * other features' CSS keys on it), and is remembered. FX thread.
 */
final class ThemeSwitch {
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");

    /**
     * @param root the window's own root (ControlsFX may wrap it in a pane of its own for decorations,
     *             so the scene's root is not always it)
     */
    ThemeSwitch(Scene scene, Parent root, LabPrefs prefs, Theme initial) {
        theme.addListener((o, was, now) -> {
            for (Theme other : Theme.values()) {
                scene.getStylesheets().remove(stylesheet(other));
                root.getStyleClass().remove(other.styleClass());
            }
            scene.getStylesheets().add(Math.min(1, scene.getStylesheets().size()), stylesheet(now));
            root.getStyleClass().add(now.styleClass());
            prefs.saveTheme(now);
        });
        theme.set(initial);
    }

    ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    Theme get() {
        return theme.get();
    }

    void set(Theme t) {
        theme.set(Objects.requireNonNull(t));
    }

    private static String stylesheet(Theme t) {
        return LabWindow.resource(t.stylesheet());
    }
}
