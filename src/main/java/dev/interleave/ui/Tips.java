package dev.interleave.ui;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/** Every knob and button says what it does when pointed at. FX thread. */
final class Tips {
    private Tips() {
    }

    /** Gives {@code control} a tooltip of {@code text}; returns {@code control}. */
    static <C extends Control> C tip(C control, String text) {
        control.setTooltip(new Tooltip(text));
        return control;
    }
}
