package dev.interleave.ui;

import dev.interleave.run.Knob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void scaleRunsFromZeroToSixtyFourMebibytesThroughTheRoundValues() {
        assertThat(Sizes.valueAt(0)).isZero();
        assertThat(Sizes.valueAt(Sizes.maxIndex())).isEqualTo(64L * 1024 * 1024);
        assertThat(Sizes.STEPS).contains(0, 1, 10, 100, 1_000, 4_096, 10_000, 65_536, 100_000, 1_000_000,
                1_048_576, 10_000_000, 16_777_216, 67_108_864);
        assertThat(Sizes.STEPS).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void positionsSnapToTheNearestRoundValue() {
        int i = Sizes.indexOf(100_000);
        assertThat(Sizes.valueAt(i)).isEqualTo(100_000);
        assertThat(Sizes.valueAt(i + 0.4)).isEqualTo(100_000);
        assertThat(Sizes.valueAt(i - 0.4)).isEqualTo(100_000);
        assertThat(Sizes.valueAt(-3)).isZero();
        assertThat(Sizes.valueAt(99)).isEqualTo(64L << 20);
        for (int k = 0; k <= Sizes.maxIndex(); k++) {
            assertThat(Sizes.indexOf(Sizes.valueAt(k))).isEqualTo(k);
        }
        assertThat(Sizes.valueAt(Sizes.indexOf(99_000))).isEqualTo(100_000);
        assertThat(Sizes.valueAt(Sizes.indexOf(3))).isEqualTo(2);
        assertThat(Sizes.valueAt(Sizes.indexOf(4))).isEqualTo(5);
    }

    @Test
    void ticksAreReadable() {
        assertThat(Sizes.tickLabel(0)).isEqualTo("0 B");
        assertThat(Sizes.tickLabel(Sizes.indexOf(10_000))).isEqualTo("10 KB");
        assertThat(Sizes.tickLabel(Sizes.indexOf(1_000_000))).isEqualTo("1 MB");
        assertThat(Sizes.tickLabel(Sizes.maxIndex())).isEqualTo("64 MiB");
        assertThat(Sizes.tickLabel(Sizes.indexOf(20))).isEmpty();
    }

    @Test
    void readsWhatPeopleType() throws InputException {
        assertThat(Sizes.parse("100000")).isEqualTo(100_000);
        assertThat(Sizes.parse("100,000")).isEqualTo(100_000);
        assertThat(Sizes.parse("100 KB")).isEqualTo(100_000);
        assertThat(Sizes.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(Sizes.parse(" 4 kib ")).isEqualTo(4096);
        assertThat(Sizes.parse("1.5 MB")).isEqualTo(1_500_000);
        assertThat(Sizes.parse("0")).isZero();
        assertThatThrownBy(() -> Sizes.parse("abc")).isInstanceOf(InputException.class).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Sizes.parse("1.5 B")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Sizes.parse("10 parsecs")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Sizes.parse("")).hasMessageContaining("enter a size");
    }

    @Test
    void aNegativeNumberIsNamedAsBelowTheMinimumWithItsRange() {
        // A number, only a negative one: not "not a number".
        assertThatThrownBy(() -> Inputs.threads("-5")).hasMessage("-5 is below the minimum: threads are 1 to 256");
        assertThatThrownBy(() -> Inputs.packets("-5")).hasMessage("-5 is below the minimum: packets are 1 to 4,294,967,295");
        assertThatThrownBy(() -> Inputs.payload("-5")).hasMessage("-5 is below the minimum: payload sizes are 0 B to 64 MiB");
        assertThatThrownBy(() -> Inputs.payload("-1 KB")).hasMessage("-1 KB is below the minimum: payload sizes are 0 B to 64 MiB");
        assertThatThrownBy(() -> Inputs.socketBuffer("-4096", Knob.SEND_BUFFER))
                .hasMessage("-4096 is below the minimum: SO_SNDBUF is 0 B to 256 MiB (0 = the OS default)");
        assertThatThrownBy(() -> Inputs.throttle("-5")).hasMessage("-5 is below the minimum: the read throttle is 0 to 100,000 MB/s (0 = no limit)");
        // what is not a number still says so
        assertThatThrownBy(() -> Inputs.payload("-lots")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Inputs.packets("many")).hasMessageContaining("not a whole number");
    }

    @Test
    void refusesOutOfRangeInsteadOfClamping() throws InputException {
        assertThat(Inputs.payload("64 MiB")).isEqualTo(64 << 20);
        assertThatThrownBy(() -> Inputs.payload("65 MiB")).hasMessageContaining("64 MiB");
        assertThat(Inputs.threads("256")).isEqualTo(256);
        assertThatThrownBy(() -> Inputs.threads("257")).hasMessage("257 is above the maximum: threads are 1 to 256");
        assertThatThrownBy(() -> Inputs.threads("0")).hasMessage("0 is below the minimum: threads are 1 to 256");
        assertThatThrownBy(() -> Inputs.threads("99999999999999999999999")).hasMessageContaining("above the maximum");
        assertThatThrownBy(() -> Inputs.threads("abc")).hasMessageContaining("not a whole number");
        assertThat(Inputs.packets("10k")).isEqualTo(10_000);
        assertThat(Inputs.packets("1,000,000")).isEqualTo(1_000_000);
        assertThatThrownBy(() -> Inputs.packets("0")).hasMessageContaining("below the minimum: packets are 1 to");
        assertThatThrownBy(() -> Inputs.packets("5000000000")).hasMessageContaining("above the maximum: packets are 1 to 4,294,967,295");
        assertThat(Inputs.socketBuffer("", Knob.SEND_BUFFER)).isZero();
        assertThat(Inputs.socketBuffer("4 KiB", Knob.SEND_BUFFER)).isEqualTo(4096);
        assertThat(Inputs.throttle("")).isZero();
        assertThat(Inputs.throttle("1.5")).isEqualTo(1.5);
        assertThatThrownBy(() -> Inputs.throttle("fast")).hasMessageContaining("not a number");
    }
}
