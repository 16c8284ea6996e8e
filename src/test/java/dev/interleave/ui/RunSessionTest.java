package dev.interleave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.ListenAddress;
import dev.interleave.run.LiveRun;
import dev.interleave.run.OutsideRun;
import dev.interleave.run.OutsideStreams;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunResult;
import dev.interleave.run.Target;
import dev.interleave.ui.grid.PacketGrid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The session with real runs, its two threads driven by hand: the test runs the worker's tasks and
 * the FX thread's answers when it chooses, so it can see what was handed to which thread, and when.
 */
class RunSessionTest {

    /** Tasks handed over, run only when the test says so. */
    private static final class HandDriven implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable r) {
            tasks.add(r);
        }

        synchronized int size() {
            return tasks.size();
        }

        /** Runs what is queued now (and what those add), in order. */
        void drain() {
            Runnable r;
            while ((r = poll()) != null) {
                r.run();
            }
        }

        synchronized Runnable poll() {
            return tasks.poll();
        }

        /** Waits up to 20 s for a task to arrive (one the engine posts from its own thread), then drains. */
        void awaitAndDrain() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (size() == 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(size()).as("a task arrived").isPositive();
            drain();
        }
    }

    /** Records what the listeners heard, in order. */
    private static final class Log implements RunSessionListener {
        final List<String> events = new ArrayList<>();
        RunResult result;

        @Override
        public void starting(RunConfig config) {
            events.add("starting");
        }

        @Override
        public void started(LiveRun run, PacketGrid.Copies gridCopies) {
            events.add("started");
        }

        @Override
        public void startFailed(Throwable cause) {
            events.add("startFailed");
        }

        @Override
        public void stopping() {
            events.add("stopping");
        }

        @Override
        public void ended(LiveRun run, RunResult r, Throwable failure) {
            events.add("ended");
            result = r;
        }

        @Override
        public void stateChanged(RunState state) {
            events.add(state.name());
        }

        @Override
        public void listening(String where) {
            events.add("listening " + where.replaceFirst(":\\d+$", ":PORT"));
        }

        @Override
        public void listenFailed(Throwable cause) {
            events.add("listenFailed: " + cause.getMessage());
        }

        @Override
        public void stoppedListening() {
            events.add("stoppedListening");
        }
    }

    private final HandDriven worker = new HandDriven();
    private final HandDriven fx = new HandDriven();
    private final RunSession session = new RunSession(worker, fx);
    private final Log log = new Log();

    {
        session.addListener(log);
    }

    private static RunConfig quick() {
        return new RunConfig("socket-stream", false, 2, 100, 1_000, 0, false, 0, 0, Target.inProcess());
    }

    /** A run that lasts minutes unless stopped: one thread, small buffers, a verifier reading 1 MB/s. */
    private static RunConfig slow() {
        return new RunConfig("socket-stream", false, 1, 1_000_000, 10_000, 4096, false, 4096, 1.0, Target.inProcess());
    }

    /** Starts {@code c} and brings the session to RUNNING. */
    private Run running(RunConfig c) throws Exception {
        assertThat(session.start(c)).isTrue();
        assertThat(session.state()).isEqualTo(RunState.STARTING);
        assertThat(worker.size()).as("Run.start goes to the worker").isEqualTo(1);
        worker.drain();
        fx.awaitAndDrain();
        assertThat(session.state()).isEqualTo(RunState.RUNNING);
        return (Run) session.run();
    }

    @Test
    void aRunGoesThroughStartingRunningDoneAndEveryEventPrecedesItsState() throws Exception {
        Run run = running(quick());
        run.await();
        fx.awaitAndDrain();
        assertThat(session.state()).isEqualTo(RunState.DONE);
        assertThat(log.result.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(log.events).containsExactly("starting", "STARTING", "started", "RUNNING", "ended", "DONE");
        assertThat(session.start(quick())).isTrue(); // and the next run may start
    }

    @Test
    void stopCancelsOnTheWorkerNotOnTheCallersThread() throws Exception {
        Run run = running(slow());
        int queued = worker.size();
        assertThat(session.stop()).isTrue();
        assertThat(session.state()).isEqualTo(RunState.STOPPING);
        assertThat(worker.size()).as("the cancel waits on the worker").isEqualTo(queued + 1);
        assertThat(run.completion()).isNotDone(); // not cancelled here: a native close may wait a second
        worker.drain();
        run.await();
        fx.awaitAndDrain();
        assertThat(session.state()).isEqualTo(RunState.DONE);
        assertThat(log.result.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(session.stopLatencyMillis()).isNotNegative();
        assertThat(session.stop()).isFalse(); // nothing left to stop
    }

    @Test
    void stopWhileStartingCancelsTheRunAsSoonAsItHasOne() throws Exception {
        assertThat(session.start(slow())).isTrue();
        assertThat(session.stop()).isTrue();
        assertThat(session.state()).isEqualTo(RunState.STOPPING);
        worker.drain(); // Run.start
        fx.awaitAndDrain(); // started: still stopping, and the cancel is handed to the worker
        assertThat(session.state()).isEqualTo(RunState.STOPPING);
        Run run = (Run) session.run();
        assertThat(worker.size()).isEqualTo(1);
        assertThat(run.completion()).isNotDone();
        worker.drain();
        run.await();
        fx.awaitAndDrain();
        assertThat(session.state()).isEqualTo(RunState.DONE);
        assertThat(log.result.outcome()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void closingTheWindowCancelsARunGoingOnOnTheWorker() throws Exception {
        Run run = running(slow());
        session.close();
        assertThat(worker.size()).as("the cancel is handed to the worker").isEqualTo(1);
        assertThat(run.completion()).isNotDone();
        worker.drain();
        assertThat(run.await().outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(session.start(quick())).as("nothing starts after close").isFalse();
    }

    @Test
    void aRunThatCannotStartEndsDoneWithTheReason() throws Exception {
        assertThat(session.start(quick().withThreads(0))).isTrue();
        worker.drain();
        fx.awaitAndDrain();
        assertThat(session.state()).isEqualTo(RunState.DONE);
        assertThat(session.run()).isNull();
        assertThat(log.events).containsExactly("starting", "STARTING", "startFailed", "DONE");
    }

    /** Listens on loopback, any port; returns the port once bound (the bind on the worker, its answer on fx). */
    private int listening() throws Exception {
        assertThat(session.listen(new ListenAddress("127.0.0.1", 0), 0, 0)).isTrue();
        assertThat(session.listening()).isTrue();
        assertThat(worker.size()).as("the bind goes to the worker").isEqualTo(1);
        worker.drain();
        fx.awaitAndDrain();
        String at = session.listeningAt();
        return Integer.parseInt(at.substring(at.lastIndexOf(':') + 1));
    }

    @Test
    void eachOutsideSendersConnectionIsTheNextRunThroughTheSameEvents() throws Exception {
        int port = listening();
        assertThat(session.start(quick())).as("Run while listening").isFalse();
        for (int round = 0; round < 2; round++) {
            log.events.clear();
            try (OutsideStreams s = new OutsideStreams(port)) {
                s.hello(2, 1).frame(0, 0, 100);
                // The run arrives on the connection's thread, its grid's copies are made on the worker.
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (worker.size() == 0 && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
                worker.drain();
                fx.awaitAndDrain();
                assertThat(session.state()).isEqualTo(RunState.RUNNING);
                assertThat(session.run()).isInstanceOf(OutsideRun.class);
                s.frame(1, 0, 100).finish();
            }
            session.run().completion().get(20, TimeUnit.SECONDS);
            fx.awaitAndDrain();
            assertThat(session.state()).isEqualTo(RunState.DONE);
            assertThat(log.result.verdicts().intact()).isEqualTo(2);
            assertThat(log.events).containsExactly("starting", "STARTING", "started", "RUNNING", "ended", "DONE");
            assertThat(session.listening()).as("still listening for the next sender").isTrue();
        }
        assertThat(session.stopListening()).isTrue();
        assertThat(log.events).endsWith("stoppedListening");
        assertThat(session.listening()).isFalse();
        worker.drain(); // lets go of the port
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aBindThatComesBackAfterStopListeningIsClosedAndNeverHeard() throws Exception {
        assertThat(session.listen(new ListenAddress("127.0.0.1", 0), 0, 0)).isTrue();
        assertThat(session.stopListening()).isTrue();
        worker.drain(); // the bind, after the listening it was for has stopped
        fx.awaitAndDrain();
        assertThat(log.events).containsExactly("stoppedListening");
        assertThat(session.listening()).isFalse();
        assertThat(session.listeningAt()).isNull();
        assertThat(worker.size()).as("what it bound is closed on the worker").isEqualTo(1);
        worker.drain();
        assertThat(listening()).as("a new listening binds and is heard").isPositive();
        assertThat(session.stopListening()).isTrue();
        worker.drain();
    }

    @Test
    void listeningStopsTheWarmUpOnTheWorkerBeforeTheBind() throws Exception {
        List<Run> warmed = new ArrayList<>();
        assertThat(session.warmUp(quick(), warmed::add)).isTrue();
        assertThat(session.state()).isEqualTo(RunState.WARMING);
        assertThat(session.listen(new ListenAddress("127.0.0.1", 0), 0, 0)).isTrue();
        assertThat(session.state()).as("the machine is the sender's now").isEqualTo(RunState.IDLE);
        assertThat(worker.size()).as("the warm-up's stop, then the bind").isEqualTo(2);
        worker.drain();
        fx.awaitAndDrain(); // the bind's answer, and the warm-up's if it finished before its stop
        assertThat(session.state()).isEqualTo(RunState.IDLE);
        assertThat(warmed).as("a warm-up let go of is not handed on").isEmpty();
        assertThat(log.events).startsWith("WARMING", "IDLE").last().asString().startsWith("listening 127.0.0.1:");
        assertThat(session.stopListening()).isTrue();
        worker.drain();
    }

    @Test
    void aPortInUseIsSaidInWordsAndNothingListens() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(session.listen(new ListenAddress("127.0.0.1", taken.getLocalPort()), 0, 0)).isTrue();
            worker.drain();
            fx.awaitAndDrain();
            assertThat(log.events).containsExactly("listenFailed: port " + taken.getLocalPort()
                    + " is in use: is another verifier running? pick another port (0 = any free one)");
            assertThat(session.listening()).isFalse();
            assertThat(session.start(quick())).as("Run works again").isTrue();
            worker.drain();
            fx.awaitAndDrain();
            session.run().completion().get(20, TimeUnit.SECONDS);
            fx.awaitAndDrain();
        }
    }

    @Test
    void runIsRefusedWhileARunIsGoingOn() throws Exception {
        Run run = running(quick());
        assertThat(session.start(quick())).isFalse();
        assertThat(worker.size()).isZero();
        run.await();
        fx.awaitAndDrain();
    }
}
