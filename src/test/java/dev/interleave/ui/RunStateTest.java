package dev.interleave.ui;

import static dev.interleave.ui.RunState.DONE;
import static dev.interleave.ui.RunState.Event.ENDED;
import static dev.interleave.ui.RunState.Event.FAILED_TO_START;
import static dev.interleave.ui.RunState.Event.OPENED;
import static dev.interleave.ui.RunState.Event.START;
import static dev.interleave.ui.RunState.Event.STARTED;
import static dev.interleave.ui.RunState.Event.STOP;
import static dev.interleave.ui.RunState.Event.WARMED;
import static dev.interleave.ui.RunState.Event.WARM_UP;
import static dev.interleave.ui.RunState.IDLE;
import static dev.interleave.ui.RunState.RUNNING;
import static dev.interleave.ui.RunState.STARTING;
import static dev.interleave.ui.RunState.STOPPING;
import static dev.interleave.ui.RunState.WARMING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pair of state and event: the allowed transitions by name, every other one refused. */
class RunStateTest {

    /** The whole table of allowed transitions; anything not here must be refused. */
    private static final Map<RunState, Map<RunState.Event, RunState>> ALLOWED = new EnumMap<>(RunState.class);

    static {
        allow(IDLE, WARM_UP, WARMING);
        allow(IDLE, START, STARTING);
        allow(WARMING, WARMED, IDLE);
        allow(WARMING, START, STARTING);
        allow(STARTING, STARTED, RUNNING);
        allow(STARTING, STOP, STOPPING);
        allow(STARTING, FAILED_TO_START, DONE);
        allow(RUNNING, STOP, STOPPING);
        allow(RUNNING, ENDED, DONE);
        allow(STOPPING, STARTED, STOPPING);
        allow(STOPPING, FAILED_TO_START, DONE);
        allow(STOPPING, ENDED, DONE);
        allow(DONE, START, STARTING);
        allow(IDLE, OPENED, DONE);
        allow(WARMING, OPENED, DONE);
        allow(DONE, OPENED, DONE);
    }

    private static void allow(RunState from, RunState.Event event, RunState to) {
        ALLOWED.computeIfAbsent(from, k -> new EnumMap<>(RunState.Event.class)).put(event, to);
    }

    @Test
    void everyAllowedTransitionLandsWhereTheTableSays() {
        int allowed = 0;
        for (var from : ALLOWED.entrySet()) {
            for (var e : from.getValue().entrySet()) {
                assertThat(from.getKey().next(e.getKey())).as("%s on %s", from.getKey(), e.getKey())
                        .contains(e.getValue());
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(16);
    }

    @Test
    void everyOtherTransitionIsRefused() {
        int refused = 0;
        for (RunState from : RunState.values()) {
            for (RunState.Event e : RunState.Event.values()) {
                if (!ALLOWED.getOrDefault(from, Map.of()).containsKey(e)) {
                    assertThat(from.next(e)).as("%s on %s", from, e).isEmpty();
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(RunState.values().length * RunState.Event.values().length - 16);
    }

    @Test
    void onlyStartingRunningAndStoppingAreBusy() {
        for (RunState s : RunState.values()) {
            assertThat(s.busy()).as(s.name()).isEqualTo(s == STARTING || s == RUNNING || s == STOPPING);
        }
    }

    @Test
    void aResultOpenedFromTheSweepShowsOnlyWhileNoRunHoldsTheEngine() {
        assertThat(WARMING.next(OPENED)).contains(DONE); // the warm-up is stopped for it
        for (RunState busy : new RunState[] {STARTING, RUNNING, STOPPING}) {
            assertThat(busy.next(OPENED)).as(busy.name()).isEmpty();
        }
        assertThat(DONE.next(OPENED).orElseThrow().next(START)).contains(STARTING);
    }

    @Test
    void aRunPressedDuringTheWarmUpWinsOverTheWarmUpsEnd() {
        RunState s = WARMING.next(START).orElseThrow();
        assertThat(s.next(WARMED)).isEmpty(); // the late end of the warm-up changes nothing
        assertThat(s.next(STARTED)).contains(RUNNING);
    }
}
