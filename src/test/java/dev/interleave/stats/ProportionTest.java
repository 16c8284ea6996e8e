package dev.interleave.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Known values from the literature and from R's binom package (method "wilson", conf.level 0.95). */
class ProportionTest {
    private static final double EPS = 5e-6;

    @Test
    void wilsonMatchesKnownValues() {
        assertInterval(Proportion.wilson(0, 10), 0.0, 0.2775328);
        assertInterval(Proportion.wilson(1, 10), 0.01787621, 0.4041500);
        assertInterval(Proportion.wilson(5, 100), 0.02154368, 0.1117505);
        assertInterval(Proportion.wilson(50, 100), 0.4038315, 0.5961685);
        assertInterval(Proportion.wilson(10, 10), 0.7224672, 1.0);
    }

    @Test
    void zeroEventsGiveTheExactOneSidedBound() {
        assertThat(Proportion.zeroEventUpperBound(1)).isCloseTo(0.95, within(1e-12));
        assertThat(Proportion.zeroEventUpperBound(10)).isCloseTo(1 - Math.pow(0.05, 0.1), within(1e-12));
        assertThat(Proportion.zeroEventUpperBound(10)).isCloseTo(0.2588656, within(EPS));
        assertThat(Proportion.zeroEventUpperBound(10_000)).isCloseTo(2.995284e-4, within(1e-9));
        // Rule of three: close to 3/n for large n, and never below the exact value's definition.
        assertThat(Proportion.zeroEventUpperBound(1_000_000) * 1_000_000).isCloseTo(2.9957, within(1e-3));
        assertThat(Proportion.zeroEventUpperBound(4_294_967_295L)).isPositive();
    }

    @Test
    void intervalEndsDependOnWhetherAnythingWasSeen() {
        Proportion none = new Proportion(0, 10_000);
        assertThat(none.rate()).isZero();
        assertThat(none.low()).isZero();
        assertThat(none.high()).isEqualTo(Proportion.zeroEventUpperBound(10_000));
        assertThat(none.isUpperBoundOnly()).isTrue();

        Proportion some = new Proportion(5, 100);
        assertThat(some.rate()).isEqualTo(0.05);
        assertThat(some.low()).isCloseTo(0.02154368, within(EPS));
        assertThat(some.high()).isCloseTo(0.1117505, within(EPS));
        assertThat(some.isUpperBoundOnly()).isFalse();

        Proportion nothing = new Proportion(0, 0);
        assertThat(nothing.low()).isZero();
        assertThat(nothing.high()).isEqualTo(1.0);
        assertThat(nothing.isUpperBoundOnly()).isFalse();
    }

    @Test
    void wordsSayHowSure() {
        assertThat(new Proportion(0, 10_000).inWords("torn", "tear"))
                .isEqualTo("0 of 10,000 torn: with 95% confidence fewer than 3 in 10,000 tear under these conditions");
        assertThat(new Proportion(0, 423_881).inWords("torn", "tear"))
                .isEqualTo("0 of 423,881 torn: with 95% confidence fewer than 7.1 in 1,000,000 tear under these conditions");
        assertThat(new Proportion(0, 10).inWords("torn", "tear"))
                .isEqualTo("0 of 10 torn: with 95% confidence fewer than 26% tear under these conditions");
        assertThat(new Proportion(412, 10_000).inWords("torn", "tear"))
                .isEqualTo("412 of 10,000 torn (4.1%; 95% interval 3.7% to 4.5%)");
        assertThat(new Proportion(0, 0).inWords("torn", "tear")).isEqualTo("0 of 0 torn: nothing to go by");
    }

    @Test
    void pooling() {
        assertThat(new Proportion(3, 100).plus(new Proportion(0, 50))).isEqualTo(new Proportion(3, 150));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> new Proportion(11, 10)).hasMessageContaining("11 of 10");
        assertThatThrownBy(() -> new Proportion(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportion.zeroEventUpperBound(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void intervalContainsTheRateAndStaysInsideZeroOne(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long n,
                                                      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long k0) {
        long k = k0 % (n + 1);
        Proportion p = new Proportion(k, n);
        assertThat(p.low()).isBetween(0.0, p.rate());
        assertThat(p.high()).isBetween(p.rate(), 1.0);
    }

    private static void assertInterval(double[] interval, double low, double high) {
        assertThat(interval[0]).isCloseTo(low, within(EPS));
        assertThat(interval[1]).isCloseTo(high, within(EPS));
    }
}
