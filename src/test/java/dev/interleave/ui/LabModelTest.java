package dev.interleave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** The model's derived properties, driven by the session's events as the session sends them. */
class LabModelTest {

    private static LabModel model() {
        RunSession session = new RunSession(Runnable::run, Runnable::run);
        LabExports exports = new LabExports(() -> null, new LabPrefs(Preferences.userRoot().node("dev/interleave-test-model")),
                Runnable::run, n -> { });
        return new LabModel(RunConfig.defaults(), session, exports);
    }

    /** What the session tells its listeners when a run starts with {@code c}. */
    private static void starting(LabModel m, RunConfig c) {
        m.starting(c);
        m.stateChanged(RunState.STARTING);
    }

    /** ... and when it ends (here: without a result). */
    private static void ended(LabModel m) {
        m.ended(null, null, new IllegalStateException("no run in this test"));
        m.stateChanged(RunState.DONE);
    }

    @Test
    void runIsBlockedWithTheReasonsInWords() {
        LabModel m = model();
        assertThat(m.canRunProperty().get()).isTrue();
        assertThat(m.blockedReasonProperty().get()).isEmpty();

        m.setInputProblems(List.of("threads: 'abc' is not a whole number"));
        assertThat(m.canRunProperty().get()).isFalse();
        assertThat(m.blockedReasonProperty().get()).isEqualTo("Can't run: threads: 'abc' is not a whole number");

        m.setInputProblems(List.of());
        m.setConfig(RunConfig.defaults().withThreads(0));
        assertThat(m.canRunProperty().get()).isFalse();
        assertThat(m.blockedReasonProperty().get()).contains("0 is below the minimum: threads are 1 to 256");
        assertThat(m.startRun()).isFalse(); // a blocked Run does nothing
        assertThat(m.state()).isEqualTo(RunState.IDLE);
    }

    @Test
    void aChangeDuringARunAppliesToTheNextOne() {
        LabModel m = model();
        starting(m, m.config());
        assertThat(m.busyProperty().get()).isTrue();
        assertThat(m.canRunProperty().get()).isFalse();
        assertThat(m.changedSinceStartProperty().get()).isFalse();
        m.setConfig(m.config().withThreads(3));
        assertThat(m.changedSinceStartProperty().get()).isTrue();
        ended(m);
        assertThat(m.changedSinceStartProperty().get()).isFalse();
        assertThat(m.canRunProperty().get()).isTrue();
    }

    @Test
    void theKnobsReasonIsEmptyDuringARunAndChangesOnlyWhenItDoes() {
        LabModel m = model();
        int[] changes = {0};
        m.knobsBlockedProperty().addListener(o -> {
            changes[0]++;
            m.knobsBlockedProperty().get(); // valid again, so that the next invalidation is heard
        });
        // Valid knobs: a run's start and end leave it empty, and fire nothing (a hidden label binds to it).
        starting(m, m.config());
        ended(m);
        assertThat(m.knobsBlockedProperty().get()).isEmpty();
        assertThat(changes[0]).isZero();

        m.setConfig(m.config().withThreads(0));
        assertThat(m.knobsBlockedProperty().get()).contains("0 is below the minimum: threads are 1 to 256");
        starting(m, m.config().withThreads(1));
        assertThat(m.knobsBlockedProperty().get()).isEmpty(); // the toolbar says a run is going on
        ended(m);
        assertThat(m.knobsBlockedProperty().get()).contains("0 is below the minimum: threads are 1 to 256");
    }

    @Test
    void presetsAreAppliedThroughWhoeverShowsTheKnobs() {
        LabModel m = model();
        List<RunConfig> shown = new java.util.ArrayList<>();
        m.onApply(shown::add);
        assertThat(m.applyPreset("article")).isTrue();
        assertThat(m.applyPreset("threads=7,size=4KiB")).isTrue();
        assertThat(m.applyPreset("threads=seven")).isFalse();
        assertThat(shown).extracting(RunConfig::threads).containsExactly(20, 7);
        assertThat(shown.get(1).payloadSize()).isEqualTo(4096);
    }
}
