package dev.interleave.verify;

/**
 * Where the received bytes went. Immutable; any thread. At the end of a stream
 * {@code received == hello + wholeFrames + pieces + unattributable}; while a stream is being read
 * the difference is {@link #pending()} (bytes still waiting for a decision).
 *
 * @param received       bytes read from the stream
 * @param hello          bytes of a valid Hello
 * @param wholeFrames    bytes of frames that arrived whole (intact or duplicate)
 * @param pieces         bytes of torn packets: their headers and payload pieces
 * @param unattributable bytes that belong to no frame of the run
 */
public record ByteAccount(long received, long hello, long wholeFrames, long pieces, long unattributable) {

    public static final ByteAccount ZERO = new ByteAccount(0, 0, 0, 0, 0);

    /** Bytes read but not decided yet. */
    public long pending() {
        return received - hello - wholeFrames - pieces - unattributable;
    }

    /** Field-wise sum. */
    public ByteAccount plus(ByteAccount o) {
        return new ByteAccount(received + o.received, hello + o.hello, wholeFrames + o.wholeFrames,
                pieces + o.pieces, unattributable + o.unattributable);
    }

    /** Field-wise difference. */
    public ByteAccount minus(ByteAccount o) {
        return new ByteAccount(received - o.received, hello - o.hello, wholeFrames - o.wholeFrames,
                pieces - o.pieces, unattributable - o.unattributable);
    }

    /** True when every field is zero. */
    public boolean isZero() {
        return received == 0 && hello == 0 && wholeFrames == 0 && pieces == 0 && unattributable == 0;
    }
}
