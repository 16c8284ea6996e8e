package dev.interleave.ui;

import java.util.Optional;

/**
 * Where the window is in a run's life: one value instead of a set of flags, and one pure rule,
 * {@link #next}, for what may follow what. {@link RunSession} is the only one that moves it; the model
 * and the views read it. Pure; any thread.
 */
enum RunState {
    /** No run yet, and no warm-up going on. */
    IDLE,
    /** The engine's unseen warm-up run is going on (after launch); a Run stops it first. */
    WARMING,
    /** Run.start is on its way on the worker (the verifier binds, the connections open). */
    STARTING,
    /** The run is going on. */
    RUNNING,
    /** Stop was pressed; the run is being cancelled (or will be, as soon as it has started). */
    STOPPING,
    /** The last run has ended (completed, stopped, failed, or could not start); its result stays shown. */
    DONE;

    /** What happens to a run, as the session learns of it. */
    enum Event {
        /** The engine warm-up started at launch. */
        WARM_UP,
        /** The warm-up ended on its own. */
        WARMED,
        /** Run was pressed. */
        START,
        /** Run.start returned: the run is going on. */
        STARTED,
        /** Stop was pressed. */
        STOP,
        /** Run.start threw: there is no run. */
        FAILED_TO_START,
        /** The run's completion arrived (its result, or why it failed). */
        ENDED,
        /** A finished result from elsewhere (a sweep's trial) is shown as the last run. */
        OPENED
    }

    /**
     * The state after {@code event}, or empty when the event is refused here (e.g. Run while a run is
     * going on, Stop when nothing runs, a warm-up's end after a Run took over). A STARTED while
     * stopping stays STOPPING: the session cancels the run the moment it has one. A result opened from
     * elsewhere is shown whenever no run holds the engine (it stops the warm-up).
     */
    Optional<RunState> next(Event event) {
        RunState to = switch (this) {
            case IDLE -> switch (event) {
                case WARM_UP -> WARMING;
                case START -> STARTING;
                case OPENED -> DONE;
                default -> null;
            };
            case WARMING -> switch (event) {
                case WARMED -> IDLE;
                case START -> STARTING;
                case OPENED -> DONE;
                default -> null;
            };
            case STARTING -> switch (event) {
                case STARTED -> RUNNING;
                case STOP -> STOPPING;
                case FAILED_TO_START -> DONE;
                default -> null;
            };
            case RUNNING -> switch (event) {
                case STOP -> STOPPING;
                case ENDED -> DONE;
                default -> null;
            };
            case STOPPING -> switch (event) {
                case STARTED -> STOPPING;
                case FAILED_TO_START, ENDED -> DONE;
                default -> null;
            };
            case DONE -> switch (event) {
                case START -> STARTING;
                case OPENED -> DONE;
                default -> null;
            };
        };
        return Optional.ofNullable(to);
    }

    /** Starting, running or stopping: a run holds the engine and Run is refused. */
    boolean busy() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
