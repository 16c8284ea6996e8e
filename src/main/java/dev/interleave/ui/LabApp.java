package dev.interleave.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
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
    static final String TITLE = "Interleave — do concurrent send() calls interleave?";

    private LabController controller;

    /** Starts JavaFX and opens the window; returns when the window closes. Main thread. */
    public static void launchWindow(String[] args) {
        Application.launch(LabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        controller = open(stage, new LabPrefs());
        // An autorun starts once the window has settled (skins, CSS, first layout: about a second on
        // the software pipeline), as a person's first Run would; the frame figures then measure the run.
        PauseTransition settle = new PauseTransition(Duration.millis(Long.getLong("interleave.autorun.delay", 1500)));
        settle.setOnFinished(e -> ScreenshotPilot.install(controller, stage));
        Platform.runLater(controller::warmUpViews); // the first run should not pay for the JIT
        settle.play();
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }

    /** Loads the window into {@code stage}, shows it, and returns its controller. FX thread. */
    static LabController open(Stage stage, LabPrefs prefs) {
        LabController c = new LabController(prefs);
        FXMLLoader loader = new FXMLLoader(LabApp.class.getResource("lab.fxml"));
        loader.setController(c);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("lab.fxml did not load", e);
        }
        double[] size = windowSize(prefs);
        Scene scene = new Scene(root, size[0], size[1]);
        c.attach(scene);
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> c.shutdown());
        stage.show();
        if (Boolean.getBoolean("interleave.perf")) {
            c.setPerfOverlayVisible(true);
        }
        LOG.info("lab window open ({} x {})", size[0], size[1]);
        return c;
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
