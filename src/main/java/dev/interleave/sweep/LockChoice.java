package dev.interleave.sweep;

import java.util.List;

/** Which lock settings a sweep measures: without the application lock, with it, or both. */
public enum LockChoice {
    NO(List.of(false)),
    YES(List.of(true)),
    BOTH(List.of(false, true));

    private final List<Boolean> locks;

    LockChoice(List<Boolean> values) {
        this.locks = values;
    }

    /** The lock settings, without before with. */
    public List<Boolean> locks() {
        return locks;
    }
}
