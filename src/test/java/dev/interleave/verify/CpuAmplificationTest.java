package dev.interleave.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crafted streams that made the verifier's work per byte grow with the cube of the open packets
 * (issue 10, "CPU amplification") finish with exact counts, and the work per byte stays under a
 * constant whatever the number of open packets. The rates are in bench/verifier-abuse.sh.
 */
class CpuAmplificationTest {
    private static final int OPEN = VerifierLimits.defaults().maxOpenPackets();
    private static final int GARBAGE = 20_000;
    /**
     * Steps of decision work allowed per byte of these streams (they take 0.1 to 0.7); before the open
     * packets were indexed a byte of the first cost about open^3 = 7 x 10^10 steps.
     */
    private static final int STEPS_PER_BYTE = 4;

    private static StreamVerifier verify(byte[] s, Streams.Recorder r) {
        return CraftedStreams.verify(s, 4096, r);
    }

    @Test
    void openPacketsWithCollidingBytesThenGarbage() {
        byte[] s = CraftedStreams.openThenGarbage(OPEN, GARBAGE);
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = verify(s, r);
        assertThat(r.whole).containsExactly(65535L, 65534L);
        assertThat(r.torn).hasSize(OPEN).allMatch(t -> !t.complete() && t.segmentCount() == 1);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 48, OPEN * 40L, 0, GARBAGE));
        assertThat(v.workSteps()).isLessThan((long) STEPS_PER_BYTE * s.length);
    }

    @Test
    void splitHeadersThenGarbage() {
        byte[] s = CraftedStreams.prefixesThenGarbage(OPEN, GARBAGE, 7);
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = verify(s, r);
        assertThat(r.whole).hasSize(OPEN + 1);
        // The prefixes never joined: held, never proven, so nobody's (and no packet is torn by them).
        assertThat(r.torn).isEmpty();
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 24L * (OPEN + 1), 0, 0,
                s.length - 32 - 24L * (OPEN + 1)));
        assertThat(v.workSteps()).isLessThan((long) STEPS_PER_BYTE * s.length);
    }

    @Test
    void openPacketsThenManyWholeFrames() {
        byte[] s = CraftedStreams.openThenWholeFrames(OPEN, GARBAGE);
        Streams.Recorder r = new Streams.Recorder();
        StreamVerifier v = verify(s, r);
        assertThat(r.whole).hasSize(GARBAGE);
        assertThat(r.torn).hasSize(OPEN).allMatch(t -> !t.complete() && t.segmentCount() == 1);
        assertThat(r.bytes).isEqualTo(new ByteAccount(s.length, 32, 24L * GARBAGE, OPEN * 40L, 0, 0));
        assertThat(v.workSteps()).isLessThan((long) STEPS_PER_BYTE * s.length);
    }
}
