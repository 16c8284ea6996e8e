package dev.interleave.sweep;

import dev.interleave.protocol.WireFormat;
import dev.interleave.run.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much one trial sends: a fixed number of packets, or a number of bytes that each cell turns into
 * packets of its size (so that a trial of 100-byte packets and one of 1 MB packets cost about the same
 * time). Immutable; any thread.
 *
 * @param unit   what {@code amount} counts
 * @param amount packets or frame bytes per trial
 */
public record TrialBudget(Unit unit, long amount) {
    /** The most bytes a trial may be given: 1 TB. */
    public static final long MAX_BYTES = 1_000_000_000_000L;
    /**
     * A budget in bytes gives at most this many packets per trial (20 MB of 0-byte packets would be
     * 833,333): it bounds a trial's time and the per-packet state the sweep keeps of a cell's last trial.
     */
    public static final long MAX_PACKETS_FROM_BYTES = 1_000_000;

    /** What a budget counts. */
    public enum Unit {
        PACKETS,
        BYTES
    }

    /** {@code n} packets per trial. */
    public static TrialBudget ofPackets(long n) {
        return new TrialBudget(Unit.PACKETS, n);
    }

    /** About {@code b} bytes per trial. */
    public static TrialBudget ofBytes(long b) {
        return new TrialBudget(Unit.BYTES, b);
    }

    /** Whether the budget is in bytes. */
    public boolean inBytes() {
        return unit == Unit.BYTES;
    }

    /** Packets per trial of a budget in packets; 0 for one in bytes. */
    public long packets() {
        return inBytes() ? 0 : amount;
    }

    /** Bytes per trial of a budget in bytes; 0 for one in packets. */
    public long bytes() {
        return inBytes() ? amount : 0;
    }

    /**
     * Packets a trial of {@code cell} sends: the fixed count, or {@code bytes / (24 + size)}, at least one
     * per thread (a cell of 64 threads must have 64 senders, so its thread count is real, even when that
     * overshoots the bytes) and at most {@link #MAX_PACKETS_FROM_BYTES}.
     */
    public long packetsFor(Cell cell) {
        if (!inBytes()) {
            return amount;
        }
        long n = amount / WireFormat.frameLength(Math.max(0, cell.payloadSize()));
        return Math.max(Math.max(1, cell.threads()), Math.min(MAX_PACKETS_FROM_BYTES, n));
    }

    /** One sentence per bad value, naming it and its range; empty when valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (unit == null) {
            out.add("the trial budget needs a unit: packets or bytes");
        } else if (!inBytes() && (amount < 1 || amount > RunConfig.MAX_PACKETS)) {
            out.add("packets per trial " + amount + " is outside 1-" + RunConfig.MAX_PACKETS);
        } else if (inBytes() && (amount < 1 || amount > MAX_BYTES)) {
            out.add("bytes per trial " + amount + " is outside 1-" + MAX_BYTES + " (1 TB)");
        }
        return out;
    }

    /** "10,000 packets per trial" or "20,000,000 bytes per trial". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d %s per trial", amount, inBytes() ? "bytes" : "packets");
    }
}
