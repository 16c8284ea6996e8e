package dev.interleave.verify;

/**
 * Where the received bytes went. Immutable; any thread. At the end of a stream
 * {@code received == hello + wholeFrames + pieces + report + unattributable}; while a stream is being
 * read the difference is {@link #pending()} (bytes still waiting for a decision).
 *
 * @param received       bytes read from the stream
 * @param hello          bytes of a valid Hello
 * @param wholeFrames    bytes of frames that arrived whole (intact or duplicate)
 * @param pieces         bytes of torn packets: their headers and payload pieces
 * @param report         bytes of the sender report (docs/PROTOCOL.md, "Sender report"): its record
 *                       when both CRCs held and its run id was the Hello's; 0 without one
 * @param unattributable bytes that belong to no frame of the run
 */
public record ByteAccount(long received, long hello, long wholeFrames, long pieces, long report,
                          long unattributable) {

    public static final ByteAccount ZERO = new ByteAccount(0, 0, 0, 0, 0, 0);

    /** Bytes read but not decided yet. */
    public long pending() {
        return received - hello - wholeFrames - pieces - report - unattributable;
    }

    /** Field-wise sum. */
    public ByteAccount plus(ByteAccount o) {
        return new ByteAccount(received + o.received, hello + o.hello, wholeFrames + o.wholeFrames,
                pieces + o.pieces, report + o.report, unattributable + o.unattributable);
    }

    /** Field-wise difference. */
    public ByteAccount minus(ByteAccount o) {
        return new ByteAccount(received - o.received, hello - o.hello, wholeFrames - o.wholeFrames,
                pieces - o.pieces, report - o.report, unattributable - o.unattributable);
    }

    /** True when every field is zero. */
    public boolean isZero() {
        return received == 0 && hello == 0 && wholeFrames == 0 && pieces == 0 && report == 0 && unattributable == 0;
    }
}
