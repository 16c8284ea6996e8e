package dev.interleave.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.TrialBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep form's lists and numbers, read by the lab's knobs and refused with their words. */
class SweepInputsTest {

    @Test
    void theDefaultsReadBackAsThemselves() {
        assertThat(SweepInputs.threads(SweepInputs.threadsText(SweepPlan.DEFAULT_THREADS)))
                .isEqualTo(SweepPlan.DEFAULT_THREADS);
        assertThat(SweepInputs.sizes(SweepInputs.sizesText(SweepPlan.DEFAULT_SIZES))).isEqualTo(SweepPlan.DEFAULT_SIZES);
        assertThat(SweepInputs.sizesText(SweepPlan.DEFAULT_SIZES)).isEqualTo("100 B, 1 KB, 10 KB, 100 KB, 1 MB");
    }

    @Test
    void listsTakeUnitsSpacesAndSemicolonsAndKeepEachValueOnce() {
        assertThat(SweepInputs.threads(" 4;1 , 4, 2 ")).containsExactly(4, 1, 2);
        assertThat(SweepInputs.sizes("100, 1KB, 64 KiB, 0")).containsExactly(100, 1_000, 65_536, 0);
    }

    @Test
    void badValuesAreNamedWithTheirRange() {
        assertThatThrownBy(() -> SweepInputs.threads("1, 300")).hasMessage("300 is above the maximum: threads are 1 to 256");
        assertThatThrownBy(() -> SweepInputs.threads("1, x")).hasMessage("'x' is not a whole number: threads are 1 to 256");
        assertThatThrownBy(() -> SweepInputs.threads("1,,2")).hasMessage("an empty thread count between two commas in '1,,2'");
        assertThatThrownBy(() -> SweepInputs.threads("")).hasMessageStartingWith("enter at least one thread count");
        assertThatThrownBy(() -> SweepInputs.sizes("100, 65 MiB")).hasMessage(
                "65 MiB is above the maximum: payload sizes are 0 B to 64 MiB");
        assertThatThrownBy(() -> SweepInputs.trials("0")).hasMessage("0 is below the minimum: trials per cell are 1 to 1,000");
        assertThatThrownBy(() -> SweepInputs.trials("1001")).hasMessage(
                "1001 is above the maximum: trials per cell are 1 to 1,000");
        assertThatThrownBy(() -> SweepInputs.trials("2.5")).hasMessage(
                "'2.5' is not a whole number: trials per cell are 1 to 1,000");
    }

    @Test
    void aThousandsSeparatorIsNotReadAsTwoValues() {
        // "10,000" in a comma-separated list would be 10 and 0 B; it is refused, and says how to write it.
        assertThatThrownBy(() -> SweepInputs.sizes("100, 10,000")).hasMessageContaining("'000'")
                .hasMessageContaining("write 10000 or 10 KB");
        assertThat(SweepInputs.sizes("0, 100")).containsExactly(0, 100); // a lone 0 is a size
    }

    @Test
    void aBudgetIsBytesOrPackets() {
        assertThat(SweepInputs.budget("20 MB", true)).isEqualTo(TrialBudget.ofBytes(20_000_000));
        assertThat(SweepInputs.budget("10k", false)).isEqualTo(TrialBudget.ofPackets(10_000));
        assertThatThrownBy(() -> SweepInputs.budget("0", true)).hasMessage(
                "0 is below the minimum: bytes per trial are 1 B to 1 TB");
        assertThatThrownBy(() -> SweepInputs.budget("2 TB", true)).hasMessage(
                "2 TB is above the maximum: bytes per trial are 1 B to 1 TB");
        assertThatThrownBy(() -> SweepInputs.budget("lots", true)).hasMessageEndingWith(
                ": bytes per trial are 1 B to 1 TB");
        assertThatThrownBy(() -> SweepInputs.budget("0", false)).hasMessageContaining("packets are 1 to");
    }

    @Test
    void listsDropNothingTyped() {
        List<Integer> t = SweepInputs.threads("64, 1, 8");
        assertThat(t).containsExactly(64, 1, 8); // the typed order; the heatmaps sort their axes themselves
    }
}
