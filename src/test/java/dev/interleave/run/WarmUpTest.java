package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    private static RunConfig like(String strategy) {
        return RunConfig.article().withStrategy(strategy);
    }

    @Test
    void finishesARealRunAndHandsItOver() throws Exception {
        CompletableFuture<Run> finished = new CompletableFuture<>();
        WarmUp w = WarmUp.start(like("socket-stream"));
        assertThat(w).isNotNull();
        w.whenFinished(finished::complete);
        Run run = finished.get(60, TimeUnit.SECONDS);
        RunResult result = run.await();
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(run.config().packets()).isEqualTo(WarmUp.PACKETS);
        assertThat(run.config().payloadSize()).isEqualTo(WarmUp.PAYLOAD);
        assertThat(run.config().threads()).isEqualTo(20);
        assertThat(run.config().target().isInProcess()).isTrue();
        assertThat(result.verdicts().intact()).isEqualTo(WarmUp.PACKETS); // JDK-locked strategy: nothing torn
        assertThat(w.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(w.done()).isTrue();
    }

    @Test
    void stopEndsItWithinASecondAndSkipsTheHandOver() throws Exception {
        CompletableFuture<Run> finished = new CompletableFuture<>();
        WarmUp w = WarmUp.start(like("socket-stream").withLock(true));
        w.whenFinished(finished::complete);
        long t0 = System.nanoTime();
        assertThat(w.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(w.done()).isTrue();
        assertThat(finished).isNotDone();
    }

    @Test
    void aStrategyThatIsNotThereStartsNothing() {
        assertThat(WarmUp.start(like("no-such-strategy"))).isNull();
    }
}
