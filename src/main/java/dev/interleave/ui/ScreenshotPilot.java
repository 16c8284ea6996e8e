package dev.interleave.ui;

import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the window without a person, for the README's screenshot: sets a preset's knobs and presses Run
 * half a second later ({@code interleave.autorun}) and saves a picture of the window when the run ends
 * ({@code interleave.screenshot}), then exits; for benchmarks, prints the {@link PerfMonitor}'s figures
 * when the run ends ({@code interleave.perf.log}) and exits ({@code interleave.exit}). See {@link LabApp}
 * for the properties. FX thread.
 */
final class ScreenshotPilot {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotPilot.class);
    /** Print the PerfMonitor's summary to stdout when the autorun ends (for benchmarks). */
    static final String PERF_LOG = "interleave.perf.log";
    /** Exit when the autorun ends, also without a screenshot. */
    static final String EXIT = "interleave.exit";
    /** Run the autorun this many times (without a screenshot), to tell a first run from later ones. */
    static final String REPEAT = "interleave.autorun.repeat";

    /** Between the autorun's knobs and its Run. */
    private static final long KNOBS_TO_RUN_MILLIS = 500;

    private final LabWindow window;
    private final Path shot;
    private boolean taken;

    private ScreenshotPilot(LabWindow window, Path shot) {
        this.window = window;
        this.shot = shot;
    }

    static void install(LabWindow window, Stage stage) {
        String autorun = System.getProperty(LabApp.AUTORUN);
        String shotPath = System.getProperty(LabApp.SCREENSHOT);
        if (autorun == null && shotPath == null) {
            return;
        }
        ScreenshotPilot pilot = new ScreenshotPilot(window, shotPath == null ? null : Path.of(shotPath));
        if (autorun == null) {
            pilot.go(false);
            return;
        }
        // A spec that does not parse must not run (and be measured or pictured) as something else.
        if (!window.model().applyPreset(autorun)) {
            pilot.notStarted(autorun);
            return;
        }
        // Run is pressed a moment after the knobs are set, as a person's would be: the knobs' own
        // relayout then stays out of the run's first frames, which the benchmarks measure.
        PauseTransition press = new PauseTransition(Duration.millis(KNOBS_TO_RUN_MILLIS));
        press.setOnFinished(e -> {
            if (window.model().startRun()) {
                pilot.go(true);
            } else {
                pilot.notStarted(autorun);
            }
        });
        press.play();
    }

    private void notStarted(String autorun) {
        LOG.warn("autorun '{}' did not start: {}", autorun, window.model().blockedReasonProperty().get());
        System.err.println("autorun '" + autorun + "' did not start (see the log above)");
        if (Boolean.getBoolean(EXIT) || shot != null) {
            Platform.exit(); // a script waits for this window: nothing will come
        }
    }

    /** The autorun has started ({@code running}), or there is none: wait for its end, or take the picture. */
    private void go(boolean running) {
        int[] left = {Math.max(1, Integer.getInteger(REPEAT, 1))};
        if (running && Boolean.getBoolean(PERF_LOG)) {
            window.model().stateProperty().addListener((o, was, now) -> {
                if (now == RunState.DONE) {
                    System.out.println("perf: " + PerfMonitor.global().summary());
                }
            });
        }
        if (shot == null) {
            if (running && (Boolean.getBoolean(EXIT) || left[0] > 1)) {
                window.model().stateProperty().addListener((o, was, now) -> {
                    if (now != RunState.DONE) {
                        return;
                    }
                    if (--left[0] > 0) {
                        // The same run again after a pause, as a person's next Run would come.
                        PauseTransition pause = new PauseTransition(Duration.seconds(1));
                        pause.setOnFinished(e -> {
                            if (!window.model().startRun()) {
                                notStarted(System.getProperty(LabApp.AUTORUN));
                            }
                        });
                        pause.play();
                    } else if (Boolean.getBoolean(EXIT)) {
                        Platform.exit();
                    }
                });
            }
            return;
        }
        if (running) {
            window.model().stateProperty().addListener((o, was, now) -> {
                if (now == RunState.DONE) {
                    later(Long.getLong("interleave.screenshot.delay", 800));
                }
            });
            PauseTransition timeout = new PauseTransition(Duration.seconds(
                    Long.getLong("interleave.screenshot.timeout", 600)));
            timeout.setOnFinished(e -> {
                LOG.warn("the run did not finish in time; taking the picture anyway");
                take();
            });
            timeout.play();
        } else {
            later(Long.getLong("interleave.screenshot.delay", 800));
        }
    }

    private void later(long millis) {
        PauseTransition wait = new PauseTransition(Duration.millis(Math.max(1, millis)));
        wait.setOnFinished(e -> take());
        wait.play();
    }

    private void take() {
        if (taken) {
            return;
        }
        taken = true;
        window.saveWindowPng(shot).whenComplete((p, ex) -> Platform.runLater(() -> {
            if (ex == null) {
                LOG.info("screenshot saved: {}", p);
                System.out.println("screenshot: " + p.toAbsolutePath());
            } else {
                LOG.error("screenshot not saved", ex);
            }
            Platform.exit();
        }));
    }
}
