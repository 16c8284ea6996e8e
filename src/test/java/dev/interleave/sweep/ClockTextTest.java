package dev.interleave.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A sweep's times as clock times. */
class ClockTextTest {

    @Test
    void durationsReadAsClockTimes() {
        assertThat(ClockText.of(7_400_000_000L)).isEqualTo("0:07");
        assertThat(ClockText.of(724_000_000_000L)).isEqualTo("12:04");
        assertThat(ClockText.of(3_723_000_000_000L)).isEqualTo("1:02:03");
        assertThat(ClockText.of(-1)).isEqualTo("0:00");
    }
}
