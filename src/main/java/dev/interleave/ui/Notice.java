package dev.interleave.ui;

import java.nio.file.Path;

/**
 * One thing the window tells a person about what it did outside a run (a report or a picture saved,
 * or not): the words, and the file or folder it concerns (absolute; null when none). The status
 * presenter shows it. Immutable; any thread.
 */
record Notice(Kind kind, String text, Path path) {

    enum Kind {
        /** It worked: the status bar says where the file went. */
        DONE,
        /** It did not: the status bar and a dialog say why; nothing half-written is left. */
        FAILED
    }

    static Notice done(String text, Path path) {
        return new Notice(Kind.DONE, text, path == null ? null : path.toAbsolutePath());
    }

    static Notice failed(String text, Path path) {
        return new Notice(Kind.FAILED, text, path == null ? null : path.toAbsolutePath());
    }
}
