package dev.interleave.ui;

import java.util.Locale;

/** The window's colour scheme: a stylesheet of looked-up colours, and a style class on the root. */
enum Theme {
    LIGHT, DARK;

    /** "theme-light.css" or "theme-dark.css", beside lab.css. */
    String stylesheet() {
        return "theme-" + name().toLowerCase(Locale.ROOT) + ".css";
    }

    /** "theme-light" or "theme-dark", on the scene's root, for other features' CSS to key on. */
    String styleClass() {
        return "theme-" + name().toLowerCase(Locale.ROOT);
    }

    Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    static Theme parse(String s, Theme fallback) {
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return t;
            }
        }
        return fallback;
    }
}
