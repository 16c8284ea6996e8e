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
        WarmUp w = WarmUp.start(like("socket-stream").withPayloadSize(1_000));
        assertThat(w).isNotNull();
        w.whenFinished(finished::complete);
        Run run = finished.get(60, TimeUnit.SECONDS);
        RunResult result = run.await();
        assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        long packets = WarmUp.BYTES / dev.interleave.protocol.WireFormat.frameLength(1_000);
        assertThat(run.config().packets()).isEqualTo(packets);
        assertThat(run.config().payloadSize()).isEqualTo(1_000);
        assertThat(run.config().threads()).isEqualTo(20);
        assertThat(run.config().target().isInProcess()).isTrue();
        assertThat(result.verdicts().intact()).isEqualTo(packets); // JDK-locked strategy: nothing torn
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
    void warmsUpAtThePacketSizeOfTheKnobsForAbout200MB() {
        RunConfig article = WarmUp.configFor(RunConfig.article());
        assertThat(article.payloadSize()).isEqualTo(100_000);
        assertThat(article.packets()).isEqualTo(200_000_000L / dev.interleave.protocol.WireFormat.frameLength(100_000));
        assertThat(article.threads()).isEqualTo(20);
        assertThat(article.strategy()).isEqualTo("native");
        RunConfig huge = WarmUp.configFor(RunConfig.article().withPayloadSize(64 << 20).withThreads(256));
        assertThat(huge.payloadSize()).isEqualTo(WarmUp.MAX_PAYLOAD);
        assertThat(huge.packets()).isEqualTo(WarmUp.MIN_PACKETS);
        assertThat(huge.threads()).isEqualTo(WarmUp.MAX_THREADS);
        RunConfig empty = WarmUp.configFor(RunConfig.article().withPayloadSize(0).withThreads(1));
        assertThat(empty.packets()).isEqualTo(WarmUp.MAX_PACKETS);
        assertThat(empty.threads()).isEqualTo(1);
    }

    @Test
    void aStrategyThatIsNotThereStartsNothing() {
        assertThat(WarmUp.start(like("no-such-strategy"))).isNull();
    }
}
