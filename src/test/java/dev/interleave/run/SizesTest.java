package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0 B",
            "1 | 1 B",
            "999 | 999 B",
            "1000 | 1 KB",
            "1024 | 1 KiB",
            "4096 | 4 KiB",
            "12345 | 12,345 B",
            "100000 | 100 KB",
            "65536 | 64 KiB",
            // the two places used to disagree on this one ("1000 KiB" and "1,024 KB")
            "1024000 | 1,024 KB",
            "1000000 | 1 MB",
            "1048576 | 1 MiB",
            "1500000 | 1,500 KB",
            "67108864 | 64 MiB",
            "268435456 | 256 MiB",
            "2147483648 | 2 GiB",
            "3221225472 | 3 GiB",
            "5368709120 | 5 GiB",
            "5000000000 | 5 GB",
            "3000000000000 | 3 TB",
            "1152921504606846976 | 1 EiB",
            "9223372036854775807 | 9,223,372,036,854,775,807 B",
            "-1 | -1 B",
    })
    void formatsExactlyDecimalFirst(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }

    @Test
    void theLongFormAddsTheExactBytes() {
        assertThat(Sizes.formatLong(100_000)).isEqualTo("100 KB (100,000 B)");
        assertThat(Sizes.formatLong(1_024_000)).isEqualTo("1,024 KB (1,024,000 B)");
        assertThat(Sizes.formatLong(512)).isEqualTo("512 B");
        assertThat(Sizes.formatLong(5L << 30)).isEqualTo("5 GiB (5,368,709,120 B)");
    }

    @Test
    void whatIsPrintedReadsBackAsTheSameCount() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long bytes = switch (i % 4) {
                case 0 -> random.nextLong(0, Long.MAX_VALUE);
                case 1 -> random.nextLong(0, 1 << 20) * (long) Math.pow(1000, 1 + random.nextInt(4));
                case 2 -> random.nextLong(0, 1 << 20) << (10 * (1 + random.nextInt(4)));
                default -> random.nextLong(0, 100_000);
            };
            assertThat(Sizes.parse(Sizes.format(bytes))).as("%d", bytes).isEqualTo(bytes);
        }
    }

    @Test
    void readsWhatPeopleTypeAndSaysWhatIsWrong() {
        assertThat(Sizes.parse("100,000")).isEqualTo(100_000);
        assertThat(Sizes.parse("1.5 MB")).isEqualTo(1_500_000);
        assertThat(Sizes.parse("3GiB")).isEqualTo(3L << 30);
        assertThat(Sizes.parse("2 TB")).isEqualTo(2_000_000_000_000L);
        assertThat(Sizes.parse("1 EiB")).isEqualTo(1L << 60);
        assertThatThrownBy(() -> Sizes.parse("8 EiB")).hasMessageContaining("'8 EiB' is too large");
        assertThatThrownBy(() -> Sizes.parse("lots")).hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> Sizes.parse("1.5 B")).hasMessageContaining("not a whole number of bytes");
        assertThatThrownBy(() -> Sizes.parse("10 parsecs")).hasMessageContaining("unknown unit");
    }

    @Test
    void ratesAreDecimalAndRounded() {
        assertThat(Sizes.rate(2_410_000_000.0)).isEqualTo("2.41 GB/s");
        assertThat(Sizes.rate(850_000_000)).isEqualTo("850 MB/s");
        assertThat(Sizes.rate(512)).isEqualTo("512 B/s");
    }
}
