package dev.interleave.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.PacketView;
import dev.interleave.run.Run;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunResult;
import dev.interleave.telemetry.PartialSendEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastTrialTest {

    @Test
    void theCompactCopyShowsWhatTheRunShowed() throws Exception {
        // Non-blocking writes of 32 KiB from 8 threads: partial sends are likely, tears possible; the copy
        // must agree with the run whatever happened.
        RunResult r = Run.start(RunConfig.defaults().withStrategy("channel-nonblocking").withThreads(8)
                .withPackets(400).withPayloadSize(32_768)).await();
        RunResult c = LastTrial.compact(r);
        assertThat(c.verdicts()).isEqualTo(r.verdicts());
        assertThat(c.sender()).isEqualTo(r.sender());
        assertThat(c.torn()).isEqualTo(r.torn());
        assertThat(c.events()).isEqualTo(r.events());
        assertThat(c.verdictText()).isEqualTo(r.verdictText());
        PacketView a = r.packets();
        PacketView b = c.packets();
        assertThat(b.size()).isEqualTo(a.size()).isEqualTo(400);
        byte[] va = new byte[400];
        byte[] vb = new byte[400];
        short[] ta = new short[400];
        short[] tb = new short[400];
        a.copyVerdicts(0, va, 0, 400);
        b.copyVerdicts(0, vb, 0, 400);
        a.copyThreads(0, ta, 0, 400);
        b.copyThreads(0, tb, 0, 400);
        assertThat(vb).isEqualTo(va);
        assertThat(tb).isEqualTo(ta);
        for (long id = 0; id < 400; id++) {
            assertThat(b.details(id)).isEqualTo(a.details(id));
        }
    }

    @Test
    void eventsPastTheBoundAreSharedEvenlyByTheThreads() {
        List<PartialSendEvent> all = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < 10; k++) {
                all.add(new PartialSendEvent(t, t * 100 + k, 1000, 10, k));
            }
        }
        List<PartialSendEvent> kept = LastTrial.Events.copyOf(all, 3, 12);
        assertThat(kept).hasSize(12);
        for (int t = 0; t < 3; t++) {
            int thread = t;
            assertThat(kept.stream().filter(e -> e.thread() == thread).toList()).isEqualTo(all.subList(t * 10, t * 10 + 4));
        }
        assertThat(LastTrial.Events.copyOf(all, 3, 30)).isEqualTo(all);
    }
}
