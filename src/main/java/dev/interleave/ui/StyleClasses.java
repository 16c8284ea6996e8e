package dev.interleave.ui;

import javafx.css.PseudoClass;

/** Style-class names the window's CSS (lab.css, theme-*.css, perf-overlay.css) keys on. */
final class StyleClasses {
    static final String LAB = "lab";
    static final String CONTROL_PANEL = "control-panel";
    static final String SECTION_TITLE = "section-title";
    static final String VALUE_LABEL = "value-label";
    static final String HINT = "hint";
    static final String RUN_BLOCKED = "run-blocked";
    static final String NEXT_RUN_NOTE = "next-run-note";
    static final String VERDICT_BANNER = "verdict-banner";
    static final String VERDICT_IDLE = "verdict-idle";
    static final String VERDICT_RUNNING = "verdict-running";
    static final String VERDICT_INTACT = "verdict-intact";
    static final String VERDICT_TORN = "verdict-torn";
    static final String VERDICT_INCOMPLETE = "verdict-incomplete";
    static final String VERDICT_FAILED = "verdict-failed";
    static final String VIEW_TITLE = "view-title";
    static final String VIEW_CARD = "view-card";
    static final String VIEWS_SPLIT = "views-split";
    static final String PACKET_DETAILS = "packet-details";
    static final String STRATEGY_CELL = "strategy-cell";
    static final String STRATEGY_NAME = "strategy-name";
    static final String STRATEGY_REASON = "strategy-reason";
    static final String STRATEGY_UNAVAILABLE = "strategy-unavailable";
    static final String PERF_OVERLAY = "perf-overlay";
    static final String RUN_BUTTON = "run-button";
    static final String STOP_BUTTON = "stop-button";

    /** Every verdict style, so one can be swapped for another. */
    static final String[] VERDICTS = {VERDICT_IDLE, VERDICT_RUNNING, VERDICT_INTACT, VERDICT_TORN,
            VERDICT_INCOMPLETE, VERDICT_FAILED};

    /** A field whose text is not a valid value. */
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private StyleClasses() {
    }
}
