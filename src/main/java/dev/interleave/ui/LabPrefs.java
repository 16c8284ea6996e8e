package dev.interleave.ui;

import dev.interleave.run.RunConfig;
import dev.interleave.run.Target;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last settings, remembered between sessions in the user's {@link Preferences} under
 * {@code dev/interleave} (the system property {@code interleave.prefs.node} names another node, which
 * tests use so as not to touch a person's settings). FX thread.
 */
final class LabPrefs {
    private static final Logger LOG = LoggerFactory.getLogger(LabPrefs.class);
    static final String NODE_PROPERTY = "interleave.prefs.node";

    private final Preferences prefs;

    LabPrefs() {
        this(Preferences.userRoot().node(System.getProperty(NODE_PROPERTY, "dev/interleave")));
    }

    LabPrefs(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The remembered config; any value that is missing or bad comes from {@code fallback}. */
    RunConfig config(RunConfig fallback) {
        try {
            RunConfig c = new RunConfig(
                    prefs.get("strategy", fallback.strategy()),
                    prefs.getBoolean("lock", fallback.lock()),
                    prefs.getInt("threads", fallback.threads()),
                    prefs.getLong("packets", fallback.packets()),
                    prefs.getInt("payloadSize", fallback.payloadSize()),
                    prefs.getInt("sendBuffer", fallback.sendBuffer()),
                    prefs.getBoolean("tcpNoDelay", fallback.tcpNoDelay()),
                    prefs.getInt("receiveBuffer", fallback.receiveBuffer()),
                    prefs.getDouble("readThrottle", fallback.readThrottleMBps()),
                    Target.parse(prefs.get("target", fallback.target().toString())));
            if (!c.problems().isEmpty()) {
                LOG.info("remembered settings have problems {}; using defaults", c.problems());
                return fallback;
            }
            return c;
        } catch (RuntimeException e) {
            LOG.warn("could not read remembered settings; using defaults", e);
            return fallback;
        }
    }

    void saveConfig(RunConfig c) {
        prefs.put("strategy", c.strategy() == null ? "" : c.strategy());
        prefs.putBoolean("lock", c.lock());
        prefs.putInt("threads", c.threads());
        prefs.putLong("packets", c.packets());
        prefs.putInt("payloadSize", c.payloadSize());
        prefs.putInt("sendBuffer", c.sendBuffer());
        prefs.putBoolean("tcpNoDelay", c.tcpNoDelay());
        prefs.putInt("receiveBuffer", c.receiveBuffer());
        prefs.putDouble("readThrottle", c.readThrottleMBps());
        prefs.put("target", c.target() == null ? "in-process" : c.target().toString());
    }

    Theme theme() {
        return Theme.parse(prefs.get("theme", ""), Theme.LIGHT);
    }

    void saveTheme(Theme t) {
        prefs.put("theme", t.name());
    }

    String get(String key, String fallback) {
        return prefs.get(key, fallback);
    }

    void put(String key, String value) {
        prefs.put(key, value);
    }

    double getDouble(String key, double fallback) {
        return prefs.getDouble(key, fallback);
    }

    void putDouble(String key, double value) {
        prefs.putDouble(key, value);
    }

    /** Writes through to the backing store (on exit). */
    void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            LOG.warn("could not save settings", e);
        }
    }
}
