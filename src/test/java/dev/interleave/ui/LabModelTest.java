package dev.interleave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabModelTest {

    @Test
    void runIsBlockedWithTheReasonsInWords() {
        LabModel m = new LabModel(RunConfig.defaults());
        assertThat(m.canRunProperty().get()).isTrue();
        assertThat(m.blockedReasonProperty().get()).isEmpty();

        m.setInputProblems(List.of("threads: 'abc' is not a whole number"));
        assertThat(m.canRunProperty().get()).isFalse();
        assertThat(m.blockedReasonProperty().get()).isEqualTo("Can't run: threads: 'abc' is not a whole number");

        m.setInputProblems(List.of());
        m.setConfig(RunConfig.defaults().withThreads(0));
        assertThat(m.canRunProperty().get()).isFalse();
        assertThat(m.blockedReasonProperty().get()).contains("0 is below the minimum: threads are 1 to 256");
    }

    @Test
    void aChangeDuringARunAppliesToTheNextOne() {
        LabModel m = new LabModel(RunConfig.defaults());
        m.starting(m.config());
        assertThat(m.busyProperty().get()).isTrue();
        assertThat(m.canRunProperty().get()).isFalse();
        assertThat(m.changedSinceStartProperty().get()).isFalse();
        m.setConfig(m.config().withThreads(3));
        assertThat(m.changedSinceStartProperty().get()).isTrue();
        m.finished(null);
        assertThat(m.changedSinceStartProperty().get()).isFalse();
        assertThat(m.canRunProperty().get()).isTrue();
    }

    @Test
    void theKnobsReasonIsEmptyDuringARunAndChangesOnlyWhenItDoes() {
        LabModel m = new LabModel(RunConfig.defaults());
        int[] changes = {0};
        m.knobsBlockedProperty().addListener(o -> {
            changes[0]++;
            m.knobsBlockedProperty().get(); // valid again, so that the next invalidation is heard
        });
        // Valid knobs: a run's start and end leave it empty, and fire nothing (a hidden label binds to it).
        m.starting(m.config());
        m.finished(null);
        assertThat(m.knobsBlockedProperty().get()).isEmpty();
        assertThat(changes[0]).isZero();

        m.setConfig(m.config().withThreads(0));
        assertThat(m.knobsBlockedProperty().get()).contains("0 is below the minimum: threads are 1 to 256");
        m.starting(m.config().withThreads(1));
        assertThat(m.knobsBlockedProperty().get()).isEmpty(); // the toolbar says a run is going on
        m.finished(null);
        assertThat(m.knobsBlockedProperty().get()).contains("0 is below the minimum: threads are 1 to 256");
    }
}
