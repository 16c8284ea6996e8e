package dev.interleave.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void listsEveryStrategyInOrder() {
        assertThat(Strategies.names()).containsExactly("native", "native-nonblocking", "socket-stream", "channel",
                "channel-nonblocking", "async-channel", "socket-per-thread");
        assertThat(Strategies.all()).extracting(SendStrategy::name).isEqualTo(Strategies.names());
        assertThat(Strategies.all()).allSatisfy(s -> assertThat(s.reason()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void javaStrategiesAreAlwaysAvailable() {
        for (String name : Loopback.JAVA) {
            assertThat(Loopback.strategy(name).unavailableReason()).as(name).isEmpty();
        }
    }

    @Test
    void findsByNameWithAndWithoutLock() {
        assertThat(Strategies.byName("channel")).get().extracting(SendStrategy::name).isEqualTo("channel");
        assertThat(Strategies.byName("channel+lock")).get().isInstanceOf(LockedStrategy.class)
                .extracting(SendStrategy::name).isEqualTo("channel+lock");
        assertThat(Strategies.byName("native+lock")).get().extracting(SendStrategy::name).isEqualTo("native+lock");
        assertThat(Strategies.byName("nope")).isEmpty();
        assertThat(Strategies.byName("nope+lock")).isEmpty();
        assertThat(Strategies.byName(null)).isEmpty();
    }

    @Test
    void withLockWrapsOnce() {
        SendStrategy channel = Loopback.strategy("channel");
        SendStrategy locked = Strategies.withLock(channel);
        assertThat(locked.name()).isEqualTo("channel+lock");
        assertThat(((LockedStrategy) locked).inner()).isSameAs(channel);
        assertThat(Strategies.withLock(locked)).isSameAs(locked);
        assertThat(locked.reason()).isNotBlank();
        assertThat(locked.unavailableReason()).isEqualTo(channel.unavailableReason());
    }
}
