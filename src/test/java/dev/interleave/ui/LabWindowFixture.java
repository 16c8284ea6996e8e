package dev.interleave.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the real lab window for a TestFX test, on a preferences node of its own. */
final class LabWindowFixture {
    static final String PREFS_NODE = "dev/interleave-test";

    private LabWindowFixture() {
    }

    /**
     * Uses JavaFX 26's own Headless glass platform. {@code testfx.headless=true} makes TestFX look for
     * Monocle instead, which is not on the test class path; with {@code glass.platform=Headless} set,
     * that property is dropped. Call from a test class's static initialiser (before TestFX starts).
     */
    static void useJavaFxHeadless() {
        QuietJavaFx.install();
        if ("Headless".equalsIgnoreCase(System.getProperty("glass.platform"))
                && Boolean.getBoolean("testfx.headless") && !monocleOnClassPath()) {
            System.clearProperty("testfx.headless");
        }
    }

    private static boolean monocleOnClassPath() {
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false,
                    LabWindowFixture.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A fresh window with no remembered settings. FX thread (a TestFX {@code @Start}). */
    static LabWindow open(Stage stage) {
        Preferences node = Preferences.userRoot().node(PREFS_NODE);
        try {
            node.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("interleave.notifications", "false");
        return LabApp.open(stage, new LabPrefs(node));
    }

    /** Removes the tests' preferences node (after a test class). */
    static void forgetPrefs() {
        try {
            Preferences node = Preferences.userRoot().node(PREFS_NODE);
            node.removeNode();
            Preferences.userRoot().flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // nothing to forget
        }
    }

    /** Runs {@code r} on the FX thread and waits for it. */
    static void fx(FxRobot robot, Runnable r) {
        robot.interact(r);
    }

    /** Calls {@code c} on the FX thread and returns its value. */
    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds (checked on the FX thread). */
    static void await(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** A picture of {@code node} now. */
    static Image picture(Node node) {
        return fx(() -> node.snapshot(null, null));
    }

    /** Pixels that differ between two pictures of the same node. */
    static long differingPixels(Image a, Image b) {
        int w = (int) Math.min(a.getWidth(), b.getWidth());
        int h = (int) Math.min(a.getHeight(), b.getHeight());
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        long n = Math.abs((long) a.getWidth() * (long) a.getHeight() - (long) b.getWidth() * (long) b.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }
}
