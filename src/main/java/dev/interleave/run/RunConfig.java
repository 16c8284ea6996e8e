package dev.interleave.run;

import dev.interleave.protocol.WireFormat;
import dev.interleave.send.Strategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything that defines one run. Immutable; any thread. {@link #problems()} names every bad value
 * with its range, in the words of the {@link Knob} table that every command and the window share;
 * {@link Run#start} refuses a config that has any.
 *
 * @param strategy        a send strategy's CLI name (see {@code Strategies.names()})
 * @param lock            hold one application lock for the whole packet (the fix)
 * @param threads         sending threads, 1..256
 * @param packets         packets in the run, 1..2^32-1
 * @param payloadSize     payload bytes per packet, 0..64 MiB
 * @param sendBuffer      SO_SNDBUF in bytes, 0 = the OS default
 * @param tcpNoDelay      TCP_NODELAY on the sending socket(s)
 * @param receiveBuffer   the in-process verifier's SO_RCVBUF, 0 = the OS default
 * @param readThrottleMBps the in-process verifier reads at most this many MB/s, 0 = no limit
 * @param target          in-process, or a remote {@code interleave serve}
 * @param progressTimeout how long sending may go without any progress (a byte written, read or
 *                        decided) before the run fails ("the verifier at H:P read nothing for 30 s");
 *                        {@link Duration#ZERO} = wait forever
 */
public record RunConfig(String strategy, boolean lock, int threads, long packets, int payloadSize,
                        int sendBuffer, boolean tcpNoDelay, int receiveBuffer, double readThrottleMBps,
                        Target target, Duration progressTimeout) {

    public static final int MIN_THREADS = 1;
    public static final int MAX_THREADS = 256;
    public static final long MAX_PACKETS = WireFormat.MAX_PACKET_ID;
    public static final int MAX_PAYLOAD = WireFormat.MAX_PAYLOAD;
    /** Largest socket buffer we let a person ask for: 256 MiB. */
    public static final int MAX_SOCKET_BUFFER = 256 * 1024 * 1024;
    /** Frame buffers of all threads together may not exceed this (each thread builds its own frame). */
    public static final long MAX_FRAME_MEMORY = 4L * 1024 * 1024 * 1024;
    public static final double MAX_THROTTLE = 100_000;
    /** Sending without progress this long fails the run, unless the config says otherwise. */
    public static final Duration DEFAULT_PROGRESS_TIMEOUT = Duration.ofSeconds(30);
    /** The longest progress timeout: a day (0 = none). */
    public static final Duration MAX_PROGRESS_TIMEOUT = Duration.ofDays(1);
    /**
     * The strategy of a run that an outside sender made ({@link OutsideRun}): "outside sender", or
     * "outside sender: " and the sender's description. No strategy of this process has the name.
     */
    public static final String OUTSIDE_SENDER = "outside sender";

    /** A config with the default progress timeout ({@link #DEFAULT_PROGRESS_TIMEOUT}). */
    public RunConfig(String strategy, boolean lock, int threads, long packets, int payloadSize, int sendBuffer,
                     boolean tcpNoDelay, int receiveBuffer, double readThrottleMBps, Target target) {
        this(strategy, lock, threads, packets, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer, readThrottleMBps,
                target, DEFAULT_PROGRESS_TIMEOUT);
    }

    /** The article's experiment: 20 threads, 10,000 packets of 100,000 B, libc send(). */
    public static RunConfig article() {
        return new RunConfig("native", false, 20, 10_000, 100_000, 0, false, 0, 0, Target.inProcess());
    }

    /** A quick first run: the article's knobs with fewer packets. */
    public static RunConfig defaults() {
        return article().withPackets(2_000);
    }

    /** One sentence per bad value, naming the value and the range; empty when the config is valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (strategy == null || Strategies.byName(strategy).isEmpty()) {
            out.add("strategy '" + strategy + "' is not one of " + String.join(", ", Strategies.names()));
        }
        Knob.THREADS.problem(threads).ifPresent(out::add);
        Knob.PACKETS.problem(packets).ifPresent(out::add);
        Knob.PAYLOAD_SIZE.problem(payloadSize).ifPresent(out::add);
        Knob.SEND_BUFFER.problem(sendBuffer).ifPresent(out::add);
        Knob.RECEIVE_BUFFER.problem(receiveBuffer).ifPresent(out::add);
        Knob.READ_THROTTLE.problem(readThrottleMBps).ifPresent(out::add);
        if (threads >= MIN_THREADS && threads <= MAX_THREADS && payloadSize >= 0 && payloadSize <= MAX_PAYLOAD
                && (long) threads * WireFormat.frameLength(payloadSize) > MAX_FRAME_MEMORY) {
            out.add(threads + " threads x " + Sizes.format(WireFormat.frameLength(payloadSize))
                    + " frames is more than the 4 GiB of frame buffers the lab allows (each thread builds its own"
                    + " frame); use fewer threads or smaller packets");
        }
        if (progressTimeout == null || progressTimeout.isNegative()
                || progressTimeout.compareTo(MAX_PROGRESS_TIMEOUT) > 0
                || !progressTimeout.isZero() && progressTimeout.toMillis() < 100) {
            out.add("progress timeout " + (progressTimeout == null ? "(none)" : progressTimeout.toMillis() / 1e3 + " s")
                    + " is outside 0.1-" + MAX_PROGRESS_TIMEOUT.toSeconds() + " s (0 = wait forever)");
        }
        if (target == null) {
            out.add("target is missing (in-process or host:port)");
        } else if (!target.isInProcess()) {
            if (target.host().isBlank()) {
                out.add("target host is empty");
            }
            Knob.PORT.problem(target.port()).ifPresent(out::add);
        }
        return out;
    }

    /** This config, or an exception whose message names every bad value. */
    public RunConfig validated() throws InvalidConfigException {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new InvalidConfigException(p);
        }
        return this;
    }

    /**
     * Whether an outside sender made this run (a program this process did not run, verified by the
     * window's listener): then its send counts are the sender's claims. Any thread.
     */
    public boolean isOutsideSender() {
        return strategy != null && (strategy.equals(OUTSIDE_SENDER) || strategy.startsWith(OUTSIDE_SENDER + ": "));
    }

    /** The strategy's name as shown to people: "native" or "native+lock". */
    public String strategyLabel() {
        return lock ? strategy + "+lock" : strategy;
    }

    /** Total frame bytes the run sends (without the Hello). */
    public long frameBytes() {
        return packets * WireFormat.frameLength(payloadSize);
    }

    public RunConfig withStrategy(String v) {
        return new RunConfig(v == null ? null : v.toLowerCase(Locale.ROOT), lock, threads, packets, payloadSize,
                sendBuffer, tcpNoDelay, receiveBuffer, readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withLock(boolean v) {
        return new RunConfig(strategy, v, threads, packets, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withThreads(int v) {
        return new RunConfig(strategy, lock, v, packets, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withPackets(long v) {
        return new RunConfig(strategy, lock, threads, v, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withPayloadSize(int v) {
        return new RunConfig(strategy, lock, threads, packets, v, sendBuffer, tcpNoDelay, receiveBuffer,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withSendBuffer(int v) {
        return new RunConfig(strategy, lock, threads, packets, payloadSize, v, tcpNoDelay, receiveBuffer,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withTcpNoDelay(boolean v) {
        return new RunConfig(strategy, lock, threads, packets, payloadSize, sendBuffer, v, receiveBuffer,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withReceiveBuffer(int v) {
        return new RunConfig(strategy, lock, threads, packets, payloadSize, sendBuffer, tcpNoDelay, v,
                readThrottleMBps, target, progressTimeout);
    }

    public RunConfig withReadThrottle(double v) {
        return new RunConfig(strategy, lock, threads, packets, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer,
                v, target, progressTimeout);
    }

    public RunConfig withTarget(Target v) {
        return new RunConfig(strategy, lock, threads, packets, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer,
                readThrottleMBps, v, progressTimeout);
    }

    /** A copy that fails after {@code v} without progress while sending ({@link Duration#ZERO}: never). */
    public RunConfig withProgressTimeout(Duration v) {
        return new RunConfig(strategy, lock, threads, packets, payloadSize, sendBuffer, tcpNoDelay, receiveBuffer,
                readThrottleMBps, target, v);
    }
}
