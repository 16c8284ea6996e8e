package dev.interleave.run;

import dev.interleave.protocol.WireFormat;
import dev.interleave.send.SendStrategy;
import dev.interleave.send.Strategies;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short experiment nobody sees, run once while the lab window is idle after launch, so that the JIT
 * has compiled the engine's hot paths (the senders' loop, the verifier, the back channel) before a
 * person's first run. Cold, the first 1,000,000-packet run of a process kept the C2 compiler busy on
 * one of two cores for its whole length (5-7 s), and the window's frames paid for it.
 *
 * <p>It runs in this process over loopback like any run, with the strategy the window is set to, and
 * ends in about a second. A person's Run does not wait for it: {@link #stop} cancels it, and the
 * caller waits for that (at most a second) off the FX thread before starting the real run, so the two
 * never overlap. Nothing of it is shown, kept or reported, except one line at debug level.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** About this many bytes in all: enough sends and verified frames for C2 to compile the hot paths. */
    static final long BYTES = 200_000_000L;
    /** At most this many packets (at 1,000 B: 200 MB), at least {@link #MIN_PACKETS}. */
    static final long MAX_PACKETS = 200_000;
    static final long MIN_PACKETS = 1_000;
    /** Packets larger than this warm up at this size (the loops are the same, only longer). */
    static final int MAX_PAYLOAD = 1 << 20;
    static final int MAX_THREADS = 20;

    private final Thread thread;
    private volatile Run run;
    private volatile boolean stopped;
    private volatile Consumer<Run> onFinished;

    private WarmUp(RunConfig config) {
        this.thread = Thread.ofPlatform().name("engine-warm-up").daemon().unstarted(() -> warm(config));
    }

    /**
     * Starts warming up like {@code like}: its strategy, lock and packet size (at most 1 MiB), at most 20
     * threads, in this process, about 200 MB in all (1,000-200,000 packets): the window's remembered
     * knobs are the likeliest first run. Returns null, and does nothing, when such a run would be refused
     * (e.g. a strategy this machine cannot run). Any thread.
     */
    public static WarmUp start(RunConfig like) {
        RunConfig config = configFor(like);
        if (config == null) {
            return null;
        }
        WarmUp w = new WarmUp(config);
        w.thread.start();
        return w;
    }

    /** The warm-up run for {@code like}, or null when it would be refused. Any thread. */
    static RunConfig configFor(RunConfig like) {
        if (Strategies.byName(like.strategy()).flatMap(SendStrategy::unavailableReason).isPresent()) {
            return null; // e.g. native where libc cannot be called: the run would only fail
        }
        int payload = Math.max(0, Math.min(like.payloadSize(), MAX_PAYLOAD));
        long packets = Math.max(MIN_PACKETS, Math.min(MAX_PACKETS,
                BYTES / WireFormat.frameLength(payload)));
        RunConfig config = new RunConfig(like.strategy(), like.lock(),
                Math.max(1, Math.min(like.threads(), MAX_THREADS)), packets, payload, 0, false, 0, 0,
                Target.inProcess());
        return config.problems().isEmpty() ? config : null;
    }

    private void warm(RunConfig config) {
        long t0 = System.nanoTime();
        try {
            Run r = Run.start(config);
            run = r;
            if (stopped) {
                r.cancel();
            }
            RunResult result = r.await();
            LOG.debug("engine warm-up: {} in {} ms", result.outcome(), (System.nanoTime() - t0) / 1_000_000);
            run = null; // nothing left to cancel; and the finished run is not kept alive here
            Consumer<Run> then = onFinished;
            if (!stopped && then != null) {
                then.accept(r);
            }
        } catch (InvalidConfigException | RuntimeException e) {
            LOG.debug("engine warm-up skipped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Cancels the warm-up and waits up to {@code timeout} for its threads to end; returns whether they
     * did. Any thread but the FX thread (it may wait a second).
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopped = true;
        Run r = run;
        if (r != null) {
            r.cancel();
        }
        return thread.join(timeout);
    }

    /**
     * Calls {@code action} with the finished warm-up run, on the warm-up's thread, unless it was stopped
     * (so that views can warm up on its real data). Set it right after {@link #start}. Any thread.
     */
    public void whenFinished(Consumer<Run> action) {
        this.onFinished = action;
    }

    /** Whether the warm-up has ended (finished or stopped). Any thread. */
    public boolean done() {
        return !thread.isAlive();
    }
}
