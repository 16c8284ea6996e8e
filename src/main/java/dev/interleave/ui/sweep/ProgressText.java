package dev.interleave.ui.sweep;

import dev.interleave.sweep.ClockText;
import dev.interleave.sweep.PlannedTrial;
import dev.interleave.sweep.SweepPlan;
import dev.interleave.sweep.SweepResult;
import dev.interleave.sweep.SweepSnapshot;
import java.util.Locale;

/**
 * The sweep's progress in one line: trials done of planned, failures, elapsed and time left, and the
 * trial running now; at the end, how it ended and what was kept. Pure; any thread.
 */
final class ProgressText {
    private ProgressText() {
    }

    static String of(SweepModel.State state, SweepSnapshot s, SweepResult r) {
        if (r != null) {
            return ended(r);
        }
        if (state == SweepModel.State.STARTING) {
            return "Starting: waiting for the Lab's warm-up to stop…";
        }
        if (s == null) {
            return state == SweepModel.State.STOPPING ? "Stopping…"
                    : "No sweep yet: pick the ways of writing, threads and sizes, then Start.";
        }
        StringBuilder b = new StringBuilder();
        b.append(state == SweepModel.State.STOPPING ? "Stopping: " : "Running: ");
        b.append(String.format(Locale.ROOT, "%,d of %,d trials done", s.finished(), s.planned()));
        if (s.failed() > 0) {
            b.append(String.format(Locale.ROOT, " (%,d failed)", s.failed()));
        }
        b.append(" · elapsed ").append(ClockText.of(s.elapsedNanos()));
        long eta = s.etaNanos();
        b.append(" · ").append(eta < 0 ? "time left: after the first trial" : "about " + ClockText.of(eta) + " left");
        PlannedTrial now = s.current();
        if (now != null && state != SweepModel.State.STOPPING) {
            b.append(" · now ").append(now.cell().label()).append(String.format(Locale.ROOT, ", trial %d", now.trial() + 1));
        }
        return b.toString();
    }

    private static String ended(SweepResult r) {
        SweepPlan p = r.plan();
        String failed = r.failedTrials() > 0 ? String.format(Locale.ROOT, ", %,d of them failed", r.failedTrials()) : "";
        String took = ClockText.of((long) (r.seconds() * 1e9));
        return switch (r.outcome()) {
            case COMPLETED -> String.format(Locale.ROOT, "Done: %,d trials in %s%s.", r.trials().size(), took,
                    failed);
            case CANCELLED -> String.format(Locale.ROOT, "Stopped after %s: %,d of %,d trials finished and kept%s;"
                            + " %,d not run.", took, r.trials().size(), p.plannedTrials(),
                    failed, r.notRun().size());
            case FAILED -> String.format(Locale.ROOT, "Failed after %,d of %,d trials (kept): %s.", r.trials().size(),
                    p.plannedTrials(), r.failure());
        };
    }
}
