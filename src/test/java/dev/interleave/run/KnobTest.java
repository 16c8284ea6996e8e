package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnobTest {

    @Test
    void everyKnobNamesItsRangeInItsUnit() {
        assertThat(Knob.THREADS.describe()).isEqualTo("threads are 1 to 256");
        assertThat(Knob.PACKETS.describe()).isEqualTo("packets are 1 to 4,294,967,295");
        assertThat(Knob.PAYLOAD_SIZE.describe()).isEqualTo("payload sizes are 0 B to 64 MiB");
        assertThat(Knob.SEND_BUFFER.describe()).isEqualTo("SO_SNDBUF is 0 B to 256 MiB (0 = the OS default)");
        assertThat(Knob.RECEIVE_BUFFER.describe()).isEqualTo("SO_RCVBUF is 0 B to 256 MiB (0 = the OS default)");
        assertThat(Knob.READ_THROTTLE.describe()).isEqualTo("the read throttle is 0 to 100,000 MB/s (0 = no limit)");
        assertThat(Knob.PORT.describe()).isEqualTo("ports are 1 to 65535");
        assertThat(Knob.LISTEN_PORT.describe()).isEqualTo("ports to listen on are 0 to 65535 (0 = any free port)");
        assertThat(Knob.MAX_CONNECTIONS.describe()).isEqualTo("concurrent connections are 1 to 4,096");
        assertThat(Knob.CONNECTIONS.describe()).startsWith("connections to serve are 0 to 2,147,483,647");
        assertThat(Knob.PROGRESS_TIMEOUT.describe()).isEqualTo("progress timeouts are 0 to 86,400 s (0 = wait forever)");
        assertThat(Knob.IDLE_TIMEOUT.describe()).isEqualTo("idle timeouts are 0.001 to 86,400 s");
        assertThat(Knob.all()).hasSize(12);
        for (Knob<?> k : Knob.all()) {
            assertThat(k.range()).contains(" to ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "20 | 20",
            "1 | 1",
            "256 | 256",
            " 64 | 64",
            "1,0 | 10",
    })
    void threadsInRangeAreRead(String text, int value) {
        assertThat(Knob.THREADS.parse(text)).isEqualTo(value);
        assertThat(Knob.THREADS.check(text).ok()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "-5 | -5 is below the minimum: threads are 1 to 256",
            "\u22125 | \u22125 is below the minimum: threads are 1 to 256",
            "0 | 0 is below the minimum: threads are 1 to 256",
            "257 | 257 is above the maximum: threads are 1 to 256",
            "99999999999999999999999 | 99999999999999999999999 is above the maximum: threads are 1 to 256",
            "abc | 'abc' is not a whole number: threads are 1 to 256",
            "2.5 | '2.5' is not a whole number: threads are 1 to 256",
            "'' | enter a value: threads are 1 to 256",
    })
    void badThreadsAreNamedAsGivenWithTheRange(String text, String message) {
        assertThatThrownBy(() -> Knob.THREADS.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        Knob.Check<Integer> c = Knob.THREADS.check(text);
        assertThat(c.ok()).isFalse();
        assertThat(c.value()).isNull();
        assertThat(c.message()).isEqualTo(message);
    }

    @Test
    void sizesAreReadExactlyAndNeverWrapAround() {
        assertThat(Knob.PAYLOAD_SIZE.parse("64MiB")).isEqualTo(64 << 20);
        assertThat(Knob.PAYLOAD_SIZE.parse("100 KB")).isEqualTo(100_000);
        assertThat(Knob.SEND_BUFFER.parse("4KiB")).isEqualTo(4096);
        assertThat(Knob.SEND_BUFFER.check("3GiB").message())
                .isEqualTo("3GiB is above the maximum: SO_SNDBUF is 0 B to 256 MiB (0 = the OS default)");
        assertThat(Knob.RECEIVE_BUFFER.check("5GiB").message())
                .isEqualTo("5GiB is above the maximum: SO_RCVBUF is 0 B to 256 MiB (0 = the OS default)");
        assertThat(Knob.RECEIVE_BUFFER.check("300MiB").message()).startsWith("300MiB is above the maximum");
        assertThat(Knob.PAYLOAD_SIZE.check("100 EiB").message()).startsWith("100 EiB is above the maximum");
        assertThat(Knob.PAYLOAD_SIZE.check("-1").message()).isEqualTo("-1 is below the minimum: payload sizes are 0 B"
                + " to 64 MiB");
        assertThat(Knob.PAYLOAD_SIZE.check("lots").message()).isEqualTo("'lots' is not a size (e.g. 100000, 100 KB or"
                + " 64 MiB): payload sizes are 0 B to 64 MiB");
        assertThat(Knob.PAYLOAD_SIZE.check("1.5 B").message()).contains("'1.5 B' is not a size");
    }

    @Test
    void countsTakeSuffixesAndRatesTakeDecimals() {
        assertThat(Knob.PACKETS.parse("10k")).isEqualTo(10_000L);
        assertThat(Knob.PACKETS.parse("1M")).isEqualTo(1_000_000L);
        assertThat(Knob.PACKETS.parse("4294967295")).isEqualTo(4_294_967_295L);
        assertThat(Knob.PACKETS.check("4294967296").message()).isEqualTo("4294967296 is above the maximum: packets"
                + " are 1 to 4,294,967,295");
        assertThat(Knob.READ_THROTTLE.parse("1.5")).isEqualTo(1.5);
        assertThat(Knob.READ_THROTTLE.parse("0")).isEqualTo(0.0);
        assertThat(Knob.READ_THROTTLE.check("1e300").message()).isEqualTo("1e300 is above the maximum: the read"
                + " throttle is 0 to 100,000 MB/s (0 = no limit)");
        assertThat(Knob.READ_THROTTLE.check("NaN").message()).startsWith("'NaN' is not a number");
        assertThat(Knob.READ_THROTTLE.check("-0.5").message()).startsWith("-0.5 is below the minimum");
        assertThat(Knob.LISTEN_PORT.parse("0")).isZero();
        assertThat(Knob.PORT.check("0").message()).isEqualTo("0 is below the minimum: ports are 1 to 65535");
        assertThat(Knob.CONNECTIONS.check("-1").message()).startsWith("-1 is below the minimum: connections to serve");
    }

    @Test
    void aKnobWhoseZeroMeansSomethingReadsEmptyTextAndItsWordAsZero() {
        assertThat(Knob.SEND_BUFFER.parse("")).isZero();
        assertThat(Knob.RECEIVE_BUFFER.parse("Default")).isZero();
        assertThat(Knob.READ_THROTTLE.parse(" none ")).isZero();
        assertThat(Knob.THREADS.check("").message()).isEqualTo("enter a value: threads are 1 to 256");
        assertThat(Knob.PAYLOAD_SIZE.check("default").ok()).isFalse();
    }

    @Test
    void heldValuesAreJudgedInTheSameWords() {
        assertThat(Knob.THREADS.problem(0)).contains("0 is below the minimum: threads are 1 to 256");
        assertThat(Knob.THREADS.problem(20)).isEmpty();
        assertThat(Knob.PAYLOAD_SIZE.problem(-1)).contains("-1 B is below the minimum: payload sizes are 0 B to 64 MiB");
        assertThat(Knob.SEND_BUFFER.problem(Integer.MAX_VALUE)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("2,147,483,647 B is above the maximum"));
        assertThat(Knob.READ_THROTTLE.problem(Double.NaN)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("NaN is not a number"));
        assertThat(Knob.READ_THROTTLE.problem(1e300)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("1.0E300 MB/s is above the maximum"));
    }

    @Test
    void aConfigNamesEveryBadValueInTheKnobsWords() {
        RunConfig bad = RunConfig.article().withThreads(0).withPayloadSize(-1).withStrategy("nope")
                .withSendBuffer(300 << 20).withTarget(Target.remote("h", 0));
        assertThat(bad.problems()).containsExactlyInAnyOrder(
                "strategy 'nope' is not one of " + String.join(", ", dev.interleave.send.Strategies.names()),
                "0 is below the minimum: threads are 1 to 256",
                "-1 B is below the minimum: payload sizes are 0 B to 64 MiB",
                "300 MiB is above the maximum: SO_SNDBUF is 0 B to 256 MiB (0 = the OS default)",
                "0 is below the minimum: ports are 1 to 65535");
    }
}
