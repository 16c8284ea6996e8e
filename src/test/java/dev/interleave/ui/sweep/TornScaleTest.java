package dev.interleave.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** The log colour scale: each decade an equal step, ends clamped, colours ordered light to dark. */
class TornScaleTest {

    @Test
    void eachDecadeIsAnEqualStepFromOneInAMillionToAll() {
        assertThat(TornScale.position(1e-6)).isZero();
        assertThat(TornScale.position(1e-5)).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(TornScale.position(1e-3)).isCloseTo(0.5, within(1e-12));
        assertThat(TornScale.position(0.1)).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(TornScale.position(1)).isEqualTo(1);
        // A factor of ten is the same step anywhere on the scale.
        assertThat(TornScale.position(3e-4) - TornScale.position(3e-5))
                .isCloseTo(TornScale.position(0.03) - TornScale.position(0.003), within(1e-12));
    }

    @Test
    void ratesBeyondTheEndsTakeTheEndColours() {
        assertThat(TornScale.position(1e-9)).isZero();
        assertThat(TornScale.position(0)).isZero();
        assertThat(TornScale.position(Double.NaN)).isZero();
        assertThat(TornScale.position(2)).isEqualTo(1);
        assertThat(TornScale.colour(1e-9)).isEqualTo(TornScale.colourAt(0));
        assertThat(TornScale.colour(1)).isEqualTo(TornScale.colourAt(1));
    }

    @Test
    void higherRatesAreDarkerSoTheOrderReadsAtAGlance() {
        double last = Double.MAX_VALUE;
        for (int i = 0; i <= 60; i++) {
            Color c = TornScale.colourAt(i / 60.0);
            double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertThat(luminance).as("position %d/60", i).isLessThan(last);
            last = luminance;
        }
    }

    @Test
    void theLowestRateIsStillAColourNotTheNeutralOfAnUntornCell() {
        Color lowest = TornScale.colourAt(0);
        assertThat(lowest.getSaturation()).as("a tint, not grey").isGreaterThan(0.3);
    }

    @Test
    void theLegendMarksEveryDecadeInPercent() {
        List<Double> d = TornScale.decades();
        assertThat(d).hasSize(7);
        assertThat(d.stream().map(TornScale::label).toList())
                .containsExactly("0.0001%", "0.001%", "0.01%", "0.1%", "1%", "10%", "100%");
    }

    @Test
    void textReadsOnEveryFill() {
        assertThat(TornScale.textOn(TornScale.colourAt(0))).isNotEqualTo(Color.WHITE);
        assertThat(TornScale.textOn(TornScale.colourAt(1))).isEqualTo(Color.WHITE);
    }
}
