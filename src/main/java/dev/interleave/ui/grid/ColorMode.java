package dev.interleave.ui.grid;

/** What a packet grid cell's colour says. */
public enum ColorMode {
    /** The verifier's verdict: intact, torn, missing, duplicate, pending, or not sent yet. */
    VERDICT,
    /** The thread that sent the packet. */
    THREAD
}
