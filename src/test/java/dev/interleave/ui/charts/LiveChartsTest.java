package dev.interleave.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.interleave.run.RunConfig;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunSnapshot;
import dev.interleave.telemetry.SenderTelemetry;
import dev.interleave.telemetry.TelemetrySnapshot;
import dev.interleave.telemetry.ThreadSnapshot;
import dev.interleave.verify.VerdictCounts;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveChartsTest {
    private static final long MS = 1_000_000L;

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    private static <T extends LiveChart> T shown(T chart, int w, int h) {
        StackPane root = new StackPane(chart);
        new Scene(root, w, h);
        root.applyCss();
        root.resize(w, h);
        root.layout();
        return chart;
    }

    /** A snapshot at {@code ms} where thread t sent packets[t] packets and partials[t] partial sends. */
    private static RunSnapshot snapshot(RunPhase phase, long ms, long[] packets, long[] partials, long sentBytes,
                                        long receivedBytes, VerdictCounts verdicts) {
        List<ThreadSnapshot> threads = new ArrayList<>();
        for (int t = 0; t < packets.length; t++) {
            long bytes = t == 0 ? sentBytes : 0;
            threads.add(new ThreadSnapshot(t, packets[t], bytes, packets[t] + partials[t], partials[t],
                    0, 0, partials[t], 0));
        }
        return new RunSnapshot(phase, ms * MS, new TelemetrySnapshot(ms * MS, threads), verdicts, receivedBytes, 0,
                10_000, 10_000_000);
    }

    private static RunSnapshot at(long ms, long sentBytes, long receivedBytes, VerdictCounts v) {
        return snapshot(RunPhase.SENDING, ms, new long[] {1, 1}, new long[] {0, 0}, sentBytes, receivedBytes, v);
    }

    /**
     * A finished run known only by its result (a sweep's trial, opened in the lab): every chart draws its
     * figures from the result alone, with no telemetry and no run behind it.
     */
    @Test
    void aFinishedResultAloneDrawsItsFiguresInEveryChart() throws Exception {
        RunConfig config = RunConfig.article().withThreads(2).withPackets(100).withPayloadSize(1_000);
        List<ThreadSnapshot> threads = List.of(new ThreadSnapshot(0, 60, 60 * 1_024L, 60, 0, 0, 0, 0, 0),
                new ThreadSnapshot(1, 40, 40 * 1_024L, 43, 3, 0, 0, 3, 0));
        List<dev.interleave.telemetry.PartialSendEvent> events = List.of(
                new dev.interleave.telemetry.PartialSendEvent(1, 7, 1_024, 100, 100 * MS),
                new dev.interleave.telemetry.PartialSendEvent(1, 7, 924, 500, 101 * MS),
                new dev.interleave.telemetry.PartialSendEvent(1, 9, 1_024, 10, 102 * MS));
        dev.interleave.run.RunResult r = new dev.interleave.run.RunResult(config,
                dev.interleave.run.RunEnvironment.current(), java.time.Instant.now(), 0.5,
                dev.interleave.run.RunOutcome.COMPLETED, null, new TelemetrySnapshot(500 * MS, threads),
                new VerdictCounts(0, 98, 2, 0, 0), true, 102_432, 102_432, 0, List.of(), events, List.of(), null,
                null);
        FxThread.run(() -> {
            RunSnapshot last = LiveChart.finalSnapshot(r);
            assertThat(last.phase()).isEqualTo(RunPhase.DONE);
            assertThat(last.elapsedNanos()).isEqualTo(500 * MS);
            VerdictTimeline verdicts = shown(new VerdictTimeline(), 400, 200);
            ThroughputChart throughput = shown(new ThroughputChart(), 400, 200);
            PartialSendTimeline partials = shown(new PartialSendTimeline(), 400, 200);
            ThreadBarsChart bars = shown(new ThreadBarsChart(), 400, 200);
            for (LiveChart c : List.<LiveChart>of(verdicts, throughput, partials, bars)) {
                c.reset(config);
                c.takeResult(r);
                assertThat(c.update(last, null, true)).as(c.getClass().getSimpleName()).isTrue();
                assertThat(c.finalPictureDrawn()).isTrue();
            }
            assertThat(verdicts.points()).isEqualTo(2);
            assertThat(verdicts.pointY(VerdictTimeline.INTACT, 1)).isEqualTo(98);
            assertThat(verdicts.pointY(VerdictTimeline.TORN, 1)).isEqualTo(2);
            assertThat(throughput.points()).isEqualTo(2);
            assertThat(throughput.pointY(ThroughputChart.SENT, 1)).isCloseTo(100 * 1_024 / 0.5 / 1e6, within(1e-9));
            assertThat(partials.total()).isEqualTo(3);
            assertThat(partials.countAt(1, 100 * MS)).isEqualTo(3);
            assertThat(bars.packetBarHeight(0)).isGreaterThan(bars.packetBarHeight(1)).isPositive();
            assertThat(bars.partialBarHeight(1)).isPositive();
        });
    }

    @Test
    void threadBarsAreProportionalToPacketsAndPartialSends() throws Exception {
        FxThread.run(() -> {
            ThreadBarsChart chart = shown(new ThreadBarsChart(), 400, 200);
            chart.reset(RunConfig.article().withThreads(4));
            chart.update(snapshot(RunPhase.SENDING, 10, new long[] {10, 20, 40, 0}, new long[] {0, 1, 2, 0}, 0, 0,
                    VerdictCounts.ZERO), null);
            assertThat(chart.packetScale()).isEqualTo(50);
            assertThat(chart.packetBarHeight(1)).isCloseTo(2 * chart.packetBarHeight(0), within(1e-9));
            assertThat(chart.packetBarHeight(2)).isCloseTo(4 * chart.packetBarHeight(0), within(1e-9));
            assertThat(chart.packetBarHeight(3)).isZero();
            assertThat(chart.partialBarHeight(2)).isCloseTo(2 * chart.partialBarHeight(1), within(1e-9));
            // Pixels: inside thread 2's packets bar is the primary colour, above it is not.
            var img = chart.snapshot(new SnapshotParameters(), null);
            double x = chart.barCenterX(2);
            double base = chart.baselineY();
            Color inside = img.getPixelReader().getColor((int) x, (int) (base - chart.packetBarHeight(2) / 2));
            Color partial = img.getPixelReader().getColor((int) x, (int) (base + chart.partialBarHeight(2) / 2));
            assertThat(inside).isEqualTo(chart.primaryColor.getValue());
            assertThat(partial).isEqualTo(chart.secondaryColor.getValue());
            assertThat(chart.threadAt(x)).isEqualTo(2);
            assertThat(chart.describe(2)).contains("40 packets").contains("2 partial sends");
            // 256 threads fit.
            chart.reset(RunConfig.article().withThreads(256));
            long[] many = new long[256];
            for (int t = 0; t < 256; t++) {
                many[t] = t;
            }
            chart.update(snapshot(RunPhase.SENDING, 20, many, new long[256], 0, 0, VerdictCounts.ZERO), null);
            assertThat(chart.packetBarHeight(255)).isGreaterThan(chart.packetBarHeight(128));
        });
    }

    @Test
    void throughputShowsMegabytesPerSecondAndStaysBounded() throws Exception {
        FxThread.run(() -> {
            ThroughputChart chart = shown(new ThroughputChart(), 400, 240);
            chart.reset(RunConfig.defaults());
            // 100 MB/s sent, 50 MB/s received, one snapshot per 16 ms frame for 3 s.
            for (long ms = 0; ms <= 3_000; ms += 16) {
                chart.update(at(ms, ms * 100_000, ms * 50_000, VerdictCounts.ZERO), null);
            }
            int last = chart.points() - 1;
            assertThat(chart.points()).isBetween(25, 32); // about 10 per second
            assertThat(chart.pointY(ThroughputChart.SENT, last)).isCloseTo(100, within(0.01));
            assertThat(chart.pointY(ThroughputChart.RECEIVED, last)).isCloseTo(50, within(0.01));
            // Twenty minutes keep at most 600 points, and the rate survives the thinning.
            for (long ms = 3_100; ms <= 1_200_000; ms += 100) {
                chart.update(at(ms, ms * 100_000, ms * 50_000, VerdictCounts.ZERO), null);
            }
            last = chart.points() - 1;
            assertThat(chart.points()).isLessThanOrEqualTo(CumulativeSamples.MAX);
            assertThat(chart.pointX(last)).isGreaterThan(1_150);
            assertThat(chart.pointY(ThroughputChart.SENT, last)).isCloseTo(100, within(0.01));
        });
    }

    @Test
    void aRunThatEndsBeforeAChartsFirstTurnStillGetsItsLastPicture() throws Exception {
        // An outside sender's short run can end before a chart's first turn of a frame: its first update
        // then carries the finished snapshot, and must draw the data, not only the reset's empty picture.
        FxThread.run(() -> {
            ThroughputChart chart = shown(new ThroughputChart(), 400, 240);
            chart.reset(RunConfig.defaults());
            chart.update(at(100, 10_000_000, 10_000_000, VerdictCounts.ZERO), null, false); // not its turn
            chart.update(snapshot(RunPhase.DONE, 400, new long[] {1, 1}, new long[] {0, 0}, 40_000_000, 40_000_000,
                    VerdictCounts.ZERO), null, true);
            assertThat(chart.finalPictureDrawn()).isTrue();
            assertThat(chart.points()).as("the picture shows the run's samples").isGreaterThan(1);
        });
    }

    @Test
    void anOutsideSendersThroughputShowsOnlyWhatTheVerifierReceived() throws Exception {
        FxThread.run(() -> {
            ThroughputChart chart = shown(new ThroughputChart(), 400, 240);
            chart.reset(RunConfig.defaults().withStrategy(RunConfig.OUTSIDE_SENDER));
            assertThat(chart.seriesShown(ThroughputChart.SENT)).isFalse();
            assertThat(chart.seriesShown(ThroughputChart.RECEIVED)).isTrue();
            chart.reset(RunConfig.defaults());
            assertThat(chart.seriesShown(ThroughputChart.SENT)).isTrue();
        });
    }

    @Test
    void verdictTimelineFollowsTheCounts() throws Exception {
        FxThread.run(() -> {
            VerdictTimeline chart = shown(new VerdictTimeline(), 400, 240);
            chart.reset(RunConfig.defaults());
            for (long ms = 0; ms <= 1_000; ms += 16) {
                chart.update(at(ms, 0, 0, new VerdictCounts(1000 - ms, ms, ms / 10, ms / 100, 0)), null);
            }
            chart.update(snapshot(RunPhase.DONE, 1_005, new long[] {1}, new long[] {0}, 0, 0,
                    new VerdictCounts(0, 990, 9, 1, 0)), null);
            int last = chart.points() - 1;
            assertThat(chart.pointY(VerdictTimeline.INTACT, last)).isEqualTo(990);
            assertThat(chart.pointY(VerdictTimeline.TORN, last)).isEqualTo(9);
            assertThat(chart.pointY(VerdictTimeline.MISSING, last)).isEqualTo(1);
            assertThat(chart.pointX(last)).isCloseTo(1.005, within(1e-9));
            for (int i = 1; i <= last; i++) {
                assertThat(chart.pointY(VerdictTimeline.INTACT, i))
                        .isGreaterThanOrEqualTo(chart.pointY(VerdictTimeline.INTACT, i - 1));
            }
            // The lines are drawn in the series' colours.
            var img = chart.snapshot(new SnapshotParameters(), null);
            assertThat(chart.seriesColor(VerdictTimeline.TORN)).isEqualTo(Color.web("#e5484d"));
            assertThat(img.getWidth()).isEqualTo(400);
        });
    }

    @Test
    void aFewTornPacketsShowOverZeroMissing() throws Exception {
        // 3 torn of 10,000 lie on the bottom line with the 0 missing: the torn line must be the one seen.
        FxThread.run(() -> {
            VerdictTimeline chart = shown(new VerdictTimeline(), 400, 240);
            chart.reset(RunConfig.defaults());
            for (long ms = 0; ms <= 1_000; ms += 16) {
                chart.update(at(ms, 0, 0, new VerdictCounts(0, ms * 10, ms * 3 / 1_000, 0, 0)), null);
            }
            var pixels = chart.snapshot(new SnapshotParameters(), null).getPixelReader();
            Color torn = chart.seriesColor(VerdictTimeline.TORN);
            Color missing = chart.seriesColor(VerdictTimeline.MISSING);
            int tornPixels = 0;
            int missingPixels = 0;
            for (int x = 150; x < 250; x++) {
                for (int y = 120; y < 240; y++) {
                    Color c = pixels.getColor(x, y);
                    tornPixels += near(c, torn) ? 1 : 0;
                    missingPixels += near(c, missing) ? 1 : 0;
                }
            }
            assertThat(tornPixels).as("torn pixels along the bottom line").isGreaterThanOrEqualTo(100);
            assertThat(missingPixels).as("missing pixels over them").isLessThan(tornPixels);
        });
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }

    @Test
    void partialSendTimelineReadsNewEventsBoundedPerFrame() throws Exception {
        SenderTelemetry telemetry = new SenderTelemetry(3, 100, 400_000);
        for (int i = 0; i < 5; i++) {
            telemetry.thread(0).sendCall(i, 1000, 400);
        }
        for (int i = 0; i < 300_000; i++) {
            telemetry.thread(2).sendCall(i, 1000, 10);
        }
        telemetry.thread(1).sendCall(7, 1000, 1000); // whole: no event
        FxThread.run(() -> {
            PartialSendTimeline chart = shown(new PartialSendTimeline(), 500, 200);
            chart.reset(RunConfig.article().withThreads(3));
            RunSnapshot s = at(50, 0, 0, VerdictCounts.ZERO);
            chart.update(s, telemetry);
            assertThat(chart.total()).isEqualTo(PartialSendTimeline.EVENTS_PER_FRAME);
            chart.update(s, telemetry);
            assertThat(chart.total()).isEqualTo(300_005);
            chart.update(s, telemetry);
            assertThat(chart.total()).isEqualTo(300_005);
            telemetry.thread(1).sendCall(8, 1000, 1);
            chart.update(at(200, 0, 0, VerdictCounts.ZERO), telemetry);
            assertThat(chart.total()).isEqualTo(300_006);
            long at = telemetry.elapsedNanos() > 0 ? 0 : 0;
            assertThat(chart.describe(-1, -1)).isEmpty();
            assertThat(chart.rangeNanos()).isGreaterThanOrEqualTo(200 * MS + at);
        });
    }

    @Test
    void partialSendTimelineWidensItsBinsAsTheRunGoesOn() throws Exception {
        SenderTelemetry telemetry = new SenderTelemetry(2, 10, 100);
        FxThread.run(() -> {
            PartialSendTimeline chart = shown(new PartialSendTimeline(), 500, 200);
            chart.reset(RunConfig.article().withThreads(2));
            for (long ms = 0; ms <= 60_000; ms += 16) {
                chart.update(at(ms, 0, 0, VerdictCounts.ZERO), telemetry);
            }
            assertThat(chart.rangeNanos()).isGreaterThanOrEqualTo(60_000 * MS);
            assertThat(chart.total()).isZero();
        });
    }

    @Test
    void everyChartSavesAValidPng(@TempDir Path dir) throws Exception {
        FxThread.run(() -> {
            List<LiveChart> charts = List.of(new ThreadBarsChart(), new ThroughputChart(), new PartialSendTimeline(),
                    new VerdictTimeline());
            int i = 0;
            for (LiveChart c : charts) {
                shown(c, 320, 200);
                c.reset(RunConfig.article().withThreads(2));
                c.update(at(500, 5_000_000, 4_000_000, new VerdictCounts(0, 5, 1, 0, 0)), new SenderTelemetry(2, 10, 10));
                Path file = dir.resolve("chart" + i++ + ".png");
                c.savePng(file);
                BufferedImage img = ImageIO.read(file.toFile());
                assertThat(img).as(c.getClass().getSimpleName()).isNotNull();
                assertThat(img.getWidth()).isEqualTo(320);
                assertThat(img.getHeight()).isEqualTo(200);
            }
        });
    }

    @Test
    void aResetLeavesItsEmptyPictureToOneLaterDraw() throws Exception {
        FxThread.run(() -> {
            ThreadBarsChart chart = shown(new ThreadBarsChart(), 400, 200);
            chart.reset(RunConfig.article().withThreads(2));
            chart.update(snapshot(RunPhase.SENDING, 10, new long[] {10, 20}, new long[] {0, 0}, 0, 0,
                    VerdictCounts.ZERO), null);
            assertThat(chart.resetPending()).isFalse(); // the first update drew the reset picture and the data
            int x = (int) chart.barCenterX(1);
            int y = (int) (chart.baselineY() - chart.packetBarHeight(1) / 2);
            assertThat(chart.snapshot(new SnapshotParameters(), null).getPixelReader().getColor(x, y))
                    .isEqualTo(chart.primaryColor.getValue());

            chart.reset(RunConfig.article().withThreads(2));
            assertThat(chart.resetPending()).isTrue();
            // Until drawn, the old picture stays: no repaint happened in the reset's frame.
            assertThat(chart.snapshot(new SnapshotParameters(), null).getPixelReader().getColor(x, y))
                    .isEqualTo(chart.primaryColor.getValue());
            assertThat(chart.drawPendingReset()).isTrue();
            assertThat(chart.drawPendingReset()).isFalse();
            assertThat(chart.snapshot(new SnapshotParameters(), null).getPixelReader().getColor(x, y))
                    .isNotEqualTo(chart.primaryColor.getValue());
        });
    }
}
