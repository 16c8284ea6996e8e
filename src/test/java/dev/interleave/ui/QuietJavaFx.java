package dev.interleave.ui;

import java.util.logging.Logger;

/**
 * Silences the one JavaFX warning every test run would print: "Unsupported JavaFX configuration:
 * classes were loaded from 'unnamed module'". The tests run on the class path on purpose (TestFX, jqwik
 * and JMH are not modules; the module graph is checked by the launcher and by ArchitectureTest), so
 * the warning says nothing about the code under test. Only that message is dropped; every other
 * JavaFX warning still prints. Install before the toolkit starts.
 */
public final class QuietJavaFx {
    /** JavaFX logs through java.util.logging's "javafx"; a logger only weakly held would lose the filter. */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private QuietJavaFx() {
    }

    public static synchronized void install() {
        if (JAVAFX.getFilter() == null) {
            JAVAFX.setFilter(r -> r.getMessage() == null
                    || !r.getMessage().startsWith("Unsupported JavaFX configuration: classes were loaded from"));
        }
    }
}
