package dev.interleave.verify;

import dev.interleave.protocol.WireFormat;

/**
 * Bounds on what a verifier may remember: memory depends on these, never on the input. Immutable
 * numbers and one shared budget; any thread.
 *
 * @param maxPayload           largest payload length accepted in a header (≤ 64 MiB)
 * @param maxOpenPackets       torn packets waiting for the rest of their bytes, per connection
 * @param maxSegmentsPerPacket splice segments kept per torn packet (the count stays exact)
 * @param maxTornDetails       torn packets reported with their segments, per connection / board
 * @param maxProblemDetails    problems kept with their stream offsets (counts stay exact)
 * @param maxPackets           packet ids tracked by a board: ids ≥ this are counted, not stored
 * @param spliceBudget         splice segments the verifier may keep in torn packets' details, shared with
 *                             other verifiers (a server's connections); past it a torn packet goes out
 *                             without details, its counts exact. {@link Budget#UNLIMITED} by default
 */
public record VerifierLimits(int maxPayload, int maxOpenPackets, int maxSegmentsPerPacket,
                             int maxTornDetails, int maxProblemDetails, long maxPackets, Budget spliceBudget) {

    /** Limits with no shared splice budget. Any thread. */
    public VerifierLimits(int maxPayload, int maxOpenPackets, int maxSegmentsPerPacket, int maxTornDetails,
                          int maxProblemDetails, long maxPackets) {
        this(maxPayload, maxOpenPackets, maxSegmentsPerPacket, maxTornDetails, maxProblemDetails, maxPackets,
                Budget.UNLIMITED);
    }

    public VerifierLimits {
        if (maxPayload < 0 || maxPayload > WireFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be 0.." + WireFormat.MAX_PAYLOAD + ": " + maxPayload);
        }
        if (maxOpenPackets < 1 || maxOpenPackets > 1 << 20) {
            throw new IllegalArgumentException("maxOpenPackets must be 1..2^20: " + maxOpenPackets);
        }
        if (maxSegmentsPerPacket < 2 || maxSegmentsPerPacket > 1 << 16) {
            throw new IllegalArgumentException("maxSegmentsPerPacket must be 2..65536: " + maxSegmentsPerPacket);
        }
        if (maxTornDetails < 0 || maxTornDetails > 1 << 24) {
            throw new IllegalArgumentException("maxTornDetails must be 0..2^24: " + maxTornDetails);
        }
        if (maxProblemDetails < 0 || maxProblemDetails > 1 << 16) {
            throw new IllegalArgumentException("maxProblemDetails must be 0..65536: " + maxProblemDetails);
        }
        if (maxPackets < 1 || maxPackets > WireFormat.MAX_PACKET_ID + 1) {
            throw new IllegalArgumentException("maxPackets must be 1..2^32: " + maxPackets);
        }
        if (spliceBudget == null) {
            throw new IllegalArgumentException("spliceBudget (Budget.UNLIMITED for none)");
        }
    }

    /** 64 MiB payloads, 4096 open packets, 64 segments each, 10,000 torn details, 64 problems, all 2^32 ids. */
    public static VerifierLimits defaults() {
        return new VerifierLimits(WireFormat.MAX_PAYLOAD, 4096, 64, 10_000, 64, WireFormat.MAX_PACKET_ID + 1);
    }

    /** A copy with another open-packet bound. Any thread. */
    public VerifierLimits withMaxOpenPackets(int n) {
        return new VerifierLimits(maxPayload, n, maxSegmentsPerPacket, maxTornDetails, maxProblemDetails, maxPackets,
                spliceBudget);
    }

    /** A copy with another payload limit. Any thread. */
    public VerifierLimits withMaxPayload(int n) {
        return new VerifierLimits(n, maxOpenPackets, maxSegmentsPerPacket, maxTornDetails, maxProblemDetails, maxPackets,
                spliceBudget);
    }

    /** A copy with other detail bounds. Any thread. */
    public VerifierLimits withDetails(int segmentsPerPacket, int tornDetails, int problemDetails) {
        return new VerifierLimits(maxPayload, maxOpenPackets, segmentsPerPacket, tornDetails, problemDetails, maxPackets,
                spliceBudget);
    }

    /** A copy that keeps splice details only while {@code budget} gives segments. Any thread. */
    public VerifierLimits withSpliceBudget(Budget budget) {
        return new VerifierLimits(maxPayload, maxOpenPackets, maxSegmentsPerPacket, maxTornDetails, maxProblemDetails,
                maxPackets, budget);
    }
}
