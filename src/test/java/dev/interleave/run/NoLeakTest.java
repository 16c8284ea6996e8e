package dev.interleave.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interleave.send.SendStrategy;
import dev.interleave.send.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long-lived process (the window) runs many runs: none may leave a thread or a file descriptor
 * behind. 100 runs over every strategy, in process, then the threads the engine names and the
 * process's open descriptors are counted again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NoLeakTest {
    /** Names of the threads a run starts (sending, reading results, verifying, connecting, controlling). */
    private static final List<String> ENGINE_THREADS = List.of("sender-", "results-", "verifier-", "run-");
    private static final Path FDS = Path.of("/proc/self/fd");

    @Test
    void aHundredRunsLeaveNoThreadAndNoDescriptorBehind() throws Exception {
        assumeTrue(Files.isDirectory(FDS), "counting descriptors needs /proc");
        List<SendStrategy> strategies = Strategies.all().stream().filter(s -> s.unavailableReason().isEmpty())
                .flatMap(s -> Stream.of(s, Strategies.withLock(s))).toList();
        for (SendStrategy s : strategies) {
            runOnce(s.name()); // first uses open what a JVM keeps for good (the async channels' group, say)
        }
        awaitNoEngineThreads();
        long fdsBefore = openDescriptors();
        for (int i = 0; i < 100; i++) {
            runOnce(strategies.get(i % strategies.size()).name());
        }
        assertThat(awaitNoEngineThreads()).as("engine threads still alive").isEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long fdsAfter;
        while ((fdsAfter = openDescriptors()) > fdsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fdsAfter).as("open file descriptors after 100 runs: %s", describeFds()).isLessThanOrEqualTo(fdsBefore);
    }

    private static void runOnce(String strategy) throws Exception {
        RunConfig config = RunConfig.article().withStrategy(strategy).withThreads(3).withPackets(60)
                .withPayloadSize(2_000);
        RunResult r = Run.start(config).await(Duration.ofSeconds(30)).orElseThrow();
        assertThat(r.outcome()).as(strategy + ": " + r.failure()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.verdicts().decided()).isEqualTo(60);
    }

    private static List<String> awaitNoEngineThreads() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> ENGINE_THREADS.stream().anyMatch(n::startsWith)).sorted().toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return alive;
    }

    private static String describeFds() throws IOException {
        try (Stream<Path> s = Files.list(FDS)) {
            return s.map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().replaceAll("\\[\\d+\\]", "");
                } catch (IOException e) {
                    return "?";
                }
            }).collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.TreeMap::new,
                    java.util.stream.Collectors.counting())).toString();
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> s = Files.list(FDS)) {
            return s.count();
        }
    }
}
