package dev.interleave.run;

import java.util.List;

/** A RunConfig with values out of range; the message names each value and its range. */
public final class InvalidConfigException extends Exception {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per bad value. */
    public List<String> problems() {
        return problems;
    }
}
