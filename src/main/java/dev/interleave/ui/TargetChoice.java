package dev.interleave.ui;

/**
 * Where a run's packets go, as the knobs panel offers it: one radio button per constant, in this
 * order, with these words. A new kind of target is one more constant here, a case where the knobs
 * build the config ({@link KnobsPanel}), and a case where the session starts it ({@link RunSession}).
 * Pure; any thread.
 */
enum TargetChoice {
    IN_PROCESS("in this process", "Run the verifier in this process, on loopback", false),
    REMOTE("interleave serve at", "Send to an 'interleave serve' running at host:port", true),
    /** The window only verifies: it listens, and a program of any language sends (Run becomes Listen). */
    OUTSIDE("an outside sender", "Listen here for a program of yours or a reference client (clients/): the"
            + " window verifies its stream live. Run becomes Listen; the commands to start a client show above"
            + " the views", false);

    private final String label;
    private final String tooltip;
    private final boolean needsAddress;

    TargetChoice(String label, String tooltip, boolean needsAddress) {
        this.label = label;
        this.tooltip = tooltip;
        this.needsAddress = needsAddress;
    }

    /** The radio button's words. */
    String label() {
        return label;
    }

    String tooltip() {
        return tooltip;
    }

    /** Whether the address field (host:port) applies. */
    boolean needsAddress() {
        return needsAddress;
    }

    /** Whether the window listens for a sender instead of sending (the listen address applies). */
    boolean listens() {
        return this == OUTSIDE;
    }
}
