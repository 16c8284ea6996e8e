package dev.interleave.ui;

import dev.interleave.run.RunResult;
import dev.interleave.run.RunVerdict;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pop-up with a run's verdict, for a person who is looking elsewhere: shown only while the window
 * is showing but another window has the focus, since over a window being looked at it would cover the
 * lower charts for seconds. It follows the theme (ControlsFX's light pop-up takes the dark theme's base
 * colour under its dark text, which cannot be read). FX thread.
 */
final class EndOfRunPopup {
    private static final Logger LOG = LoggerFactory.getLogger(EndOfRunPopup.class);
    /** System property: false turns the end-of-run pop-ups off. */
    static final String NOTIFICATIONS = "interleave.notifications";

    private final Supplier<Window> window;
    private final Supplier<Theme> theme;
    private int shown;

    /**
     * @param window the window (its owner, and whether it has the focus)
     * @param theme  the theme shown
     */
    EndOfRunPopup(Supplier<Window> window, Supplier<Theme> theme) {
        this.window = window;
        this.theme = theme;
    }

    /**
     * Pops {@code text} up for {@code result}'s end, unless the window has the focus, is not showing,
     * pop-ups are off ({@link #NOTIFICATIONS}) or a screenshot is being taken. FX thread.
     */
    void show(RunResult result, String text) {
        Window w = window.get();
        LOG.debug("a run ended; the window is {}", w == null ? "gone" : w.isFocused() ? "focused" : "not focused");
        if (!Boolean.parseBoolean(System.getProperty(NOTIFICATIONS, "true"))
                || System.getProperty(LabApp.SCREENSHOT) != null
                || w == null || !w.isShowing() || w.isFocused()) {
            return;
        }
        try {
            Notifications n = notification(result.verdict(), text, w, theme.get());
            shown++;
            if (result.verdict() == RunVerdict.TORN) {
                n.showWarning();
            } else {
                n.showInformation();
            }
        } catch (RuntimeException e) {
            LOG.debug("no notification", e);
        }
    }

    /** The pop-up for a run's end with {@code verdict}; dark in the dark theme. FX thread. */
    static Notifications notification(RunVerdict verdict, String text, Window owner, Theme theme) {
        Notifications n = Notifications.create().owner(owner)
                .title("Interleave: " + verdict.name().toLowerCase(Locale.ROOT))
                .text(text).hideAfter(Duration.seconds(6));
        if (theme == Theme.DARK) {
            n.darkStyle();
        }
        return n;
    }

    /** Pop-ups shown so far, for tests. FX thread. */
    int shown() {
        return shown;
    }
}
