package dev.interleave.ui;

import dev.interleave.run.ListenAddress;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab window. {@link #launchWindow} starts JavaFX and opens it.
 *
 * <p>System properties, for demos and the README's screenshot (run under Xvfb):
 * <ul>
 *   <li>{@code interleave.autorun=article|defaults|current}, or knobs such as
 *       {@code threads=20,packets=1000000,size=100KB,strategy=native}: apply them and start a run at once;</li>
 *   <li>{@code interleave.screenshot=/path/shot.png}: when that run has finished (or, without autorun,
 *       once the window shows), save a picture of the whole window there and exit;</li>
 *   <li>{@code interleave.screenshot.delay=800}: milliseconds to wait before the picture;</li>
 *   <li>{@code interleave.screenshot.timeout=600}: seconds after which the picture is taken anyway;</li>
 *   <li>{@code interleave.perf.log=true}: print the frame figures ({@link PerfMonitor#summary()}) when
 *       the autorun ends; {@code interleave.exit=true}: exit then, also without a screenshot;</li>
 *   <li>{@code interleave.autorun.repeat=3}: without a screenshot, start the autorun again a second after
 *       it ends, this many runs in all (benchmarks: the first run of a process against later ones);</li>
 *   <li>{@code interleave.theme=light|dark}, {@code interleave.window=1600x1000}, {@code interleave.perf=true}
 *       (show the F3 overlay), {@code interleave.prefs.node} (another preferences node).</li>
 * </ul>
 */
public final class LabApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(LabApp.class);
    static final String AUTORUN = "interleave.autorun";
    static final String SCREENSHOT = "interleave.screenshot";
    /** The launch parameter {@code --listen=[ADDR:]PORT}: open already listening for an outside sender. */
    public static final String LISTEN = "listen";
    static final String TITLE = "Interleave — do concurrent send() calls interleave?";
    /** Exit code when the window cannot open (no display, no graphics library): the CLI's "a failure". */
    public static final int NO_WINDOW = 1;

    private LabWindow window;

    /**
     * Starts JavaFX and opens the window; returns when the window closes: 0, or {@link #NO_WINDOW} when it
     * could not open, after saying why on stderr (no stack trace: there is nothing in it to act on).
     * Main thread.
     */
    public static int launchWindow(String[] args) {
        String why = noDisplay(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
        if (why != null) {
            System.err.println(why);
            return NO_WINDOW;
        }
        try {
            Application.launch(LabApp.class, args);
            return 0;
        } catch (RuntimeException e) {
            LOG.debug("the window did not open", e);
            System.err.println("interleave: the window could not open: " + LabExports.message(e)
                    + (LabExports.message(e).contains("GTK") ? " (JavaFX needs GTK 3: e.g. apt-get install libgtk-3-0)" : "")
                    + ". The command line needs no window: interleave run --help.");
            return NO_WINDOW;
        }
    }

    /**
     * Why the window cannot open here, or null when it may: on Linux and the other X11/Wayland systems a
     * window needs $DISPLAY or $WAYLAND_DISPLAY (JavaFX's own Headless or Monocle platforms need neither).
     * Pure.
     */
    static String noDisplay(java.util.Map<String, String> env, String osName, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || glassPlatform != null && !glassPlatform.isBlank()) {
            return null;
        }
        if (!isBlank(env.get("DISPLAY")) || !isBlank(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "interleave: the window needs a display, and none is set (DISPLAY and WAYLAND_DISPLAY are empty)."
                + " Start it on a desktop, or under a virtual one (xvfb-run interleave), or use the command line,"
                + " which needs none: interleave run --help.";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void start(Stage stage) {
        window = open(stage, new LabPrefs());
        window.setHostServices(getHostServices());
        String listen = getParameters().getNamed().get(LISTEN);
        if (listen != null) {
            window.listenAt(ListenAddress.parse(listen)); // before the warm-up: the machine is the sender's
        }
        // An autorun starts once the window has settled (skins, CSS, first layout: about a second on
        // the software pipeline), as a person's first Run would; the frame figures then measure the run.
        PauseTransition settle = new PauseTransition(Duration.millis(Long.getLong("interleave.autorun.delay", 1500)));
        settle.setOnFinished(e -> ScreenshotPilot.install(window, stage));
        Platform.runLater(window::warmUpViews); // the first run should not pay for the JIT
        settle.play();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }

    /** Builds the window into {@code stage}, shows it, and returns it. FX thread. */
    static LabWindow open(Stage stage, LabPrefs prefs) {
        double[] size = windowSize(prefs);
        LabWindow w = new LabWindow(prefs, size[0], size[1]);
        stage.setTitle(TITLE);
        stage.setScene(w.scene());
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> w.shutdown());
        stage.show();
        if (Boolean.getBoolean("interleave.perf")) {
            w.setPerfOverlayVisible(true);
        }
        LOG.info("lab window open ({} x {})", size[0], size[1]);
        return w;
    }

    private static double[] windowSize(LabPrefs prefs) {
        String w = System.getProperty("interleave.window");
        if (w != null && w.matches("\\d+x\\d+")) {
            String[] p = w.split("x");
            return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
        }
        double width = prefs.getDouble("width", 1400);
        double height = prefs.getDouble("height", 900);
        return new double[] {Math.max(800, Math.min(width, 4000)), Math.max(560, Math.min(height, 3000))};
    }
}
