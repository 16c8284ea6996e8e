package dev.interleave.verify;

import java.io.IOException;

/**
 * The verifier refused a connection and said why on its back channel (a REFUSED message,
 * docs/PROTOCOL.md §6), instead of verifying it. Thrown by {@link BackChannelReader#read}; any thread.
 */
public final class VerifierRefusedException extends IOException {
    private final int reason;
    private final long limit;
    private final String detail;

    /**
     * @param reason the REFUSED reason code ({@link BackChannel#REFUSED_CONNECTION_LIMIT}, …)
     * @param limit  the verifier's limit the reason names (its maximum number of connections)
     * @param detail the verifier's own words, shown only for reasons this side does not know
     */
    public VerifierRefusedException(int reason, long limit, String detail) {
        super(describe(reason, limit, detail));
        this.reason = reason;
        this.limit = limit;
        this.detail = detail;
    }

    /** The reason code. Any thread. */
    public int reason() {
        return reason;
    }

    /** The limit the reason names. Any thread. */
    public long limit() {
        return limit;
    }

    /** The verifier's own words (control characters replaced). Any thread. */
    public String detail() {
        return printable(detail);
    }

    /** Why, in words a user can act on, e.g. "64 connections already open (its --max-connections)". */
    private static String describe(int reason, long limit, String detail) {
        if (reason == BackChannel.REFUSED_CONNECTION_LIMIT && limit == 1) {
            // A window listening for an outside sender takes one at a time, as does serve --max-connections 1.
            return "it takes one sender at a time and one is connected now (a window showing another sender's run,"
                    + " or --max-connections 1): try again when that one ends";
        }
        if (reason == BackChannel.REFUSED_CONNECTION_LIMIT) {
            return String.format(java.util.Locale.ROOT, "%,d connection%s already open (its --max-connections)", limit,
                    limit == 1 ? "" : "s");
        }
        return "reason " + reason + (detail == null || detail.isBlank() ? "" : ": " + printable(detail));
    }

    // The peer's text is shown, never interpreted: no control characters reach a terminal.
    private static String printable(String s) {
        return s == null ? "" : s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
