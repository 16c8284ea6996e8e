package dev.interleave.ui.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interleave.run.PacketDetails;
import dev.interleave.ui.charts.FxThread;
import dev.interleave.verify.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketGridTest {

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    /** A grid of w x h pixels in a scene (so its CSS applies), laid out and showing {@code view}. */
    private static PacketGrid grid(FakePacketView view, int w, int h) {
        PacketGrid g = new PacketGrid();
        StackPane root = new StackPane(g);
        root.setMinSize(w, h);
        root.setMaxSize(w, h);
        new Scene(root, w, h);
        g.setSource(view);
        root.applyCss();
        root.resize(w, h);
        root.layout();
        g.refresh();
        return g;
    }

    private static int pixel(PacketGrid g, double x, double y) {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        WritableImage img = g.surface().snapshot(p, null);
        return img.getPixelReader().getArgb((int) x, (int) y);
    }

    /** Centre of a cell on screen. */
    private static double[] centre(PacketGrid g, long cell) {
        GridGeometry geo = g.geometry();
        return new double[] {geo.cellX(cell) + geo.cellWidth(cell) / 2.0, geo.cellY(cell) + geo.cellHeight(cell) / 2.0};
    }

    private static FakePacketView sixStates() {
        return new FakePacketView(50)
                .set(0, Verdict.INTACT, 0)
                .set(1, Verdict.TORN, 1)
                .set(2, Verdict.MISSING, -1)
                .set(3, Verdict.DUPLICATE, 2)
                .set(4, Verdict.PENDING, 3); // sent, not decided; 5.. are not sent
    }

    @Test
    void paintsEachVerdictsColourAtItsCell() throws Exception {
        FxThread.run(() -> {
            PacketGrid g = grid(sixStates(), 100, 100);
            // 8 x 7 cells of 12-13 x 14-15 px hold 50 packets (the last row's last 6 are empty)
            assertThat(g.geometry().columns()).isEqualTo(8);
            assertThat(g.geometry().rows()).isEqualTo(7);
            assertThat(g.packetsPerCell()).isEqualTo(1);
            byte[] expected = {CellState.INTACT, CellState.TORN, CellState.MISSING, CellState.DUPLICATE,
                    CellState.PENDING, CellState.NOT_SENT};
            for (int id = 0; id < expected.length; id++) {
                double[] c = centre(g, id);
                assertThat(pixel(g, c[0], c[1])).as("packet %d", id).isEqualTo(g.stateArgb(expected[id]));
            }
            assertThat(g.stateArgb(CellState.INTACT)).isEqualTo(GridColors.argb(Color.web("#2da44e")));
            assertThat(g.stateArgb(CellState.TORN)).isEqualTo(GridColors.argb(Color.web("#e5484d")));
            // Past the last packet: nothing painted.
            double[] beyond = centre(g, 55);
            assertThat(pixel(g, beyond[0], beyond[1]) >>> 24).isZero();
        });
    }

    @Test
    void theWorkersWarmUpPaintsBesideTheFxThreadWithoutDisturbingIt() throws Exception {
        // The launch warm-up paints grids of its own on the worker while the window paints its grid:
        // each thread has its own painter scratch, so the window's colours stay right.
        Thread worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 3; i++) {
                PacketGrid.warmUpPainter();
            }
        });
        FxThread.run(() -> {
            PacketGrid g = grid(sixStates(), 100, 100);
            while (worker.isAlive()) {
                g.repaint();
                double[] c = centre(g, 1);
                assertThat(pixel(g, c[0], c[1])).isEqualTo(g.stateArgb(CellState.TORN));
            }
        });
        worker.join();
    }

    @Test
    void theLegendIsRebuiltOnlyWhenWhatItSaysChanges() throws Exception {
        FxThread.run(() -> {
            PacketGrid g = grid(sixStates(), 100, 100);
            javafx.scene.layout.Pane legend = (javafx.scene.layout.Pane) g.legend();
            List<javafx.scene.Node> first = List.copyOf(legend.getChildren());
            assertThat(first).hasSize(6); // the six verdicts
            // A new run of the same shape: the same labels stay (new ones cost CSS and a layout).
            g.setSource(sixStates());
            g.refresh();
            assertThat(legend.getChildren()).containsExactlyElementsOf(first);
            // Thread mode says something else: rebuilt, one swatch per thread seen (0-3) and "not sent".
            g.setColorMode(ColorMode.THREAD);
            g.refresh();
            assertThat(legend.getChildren()).hasSize(5).doesNotContainAnyElementsOf(first);
            g.setColorMode(ColorMode.VERDICT);
            g.refresh();
            assertThat(legend.getChildren()).hasSize(6);
        });
    }

    @Test
    void threadModeColoursBySenderAndChangesPixels() throws Exception {
        FxThread.run(() -> {
            PacketGrid g = grid(sixStates(), 100, 100);
            double[] c1 = centre(g, 1);
            int before = pixel(g, c1[0], c1[1]);
            g.setColorMode(ColorMode.THREAD);
            g.refresh();
            int after = pixel(g, c1[0], c1[1]);
            assertThat(after).isNotEqualTo(before).isEqualTo(GridColors.argb(ThreadPalette.color(1)));
            double[] c3 = centre(g, 3);
            assertThat(pixel(g, c3[0], c3[1])).isEqualTo(GridColors.argb(ThreadPalette.color(2)));
            double[] c9 = centre(g, 9);
            assertThat(pixel(g, c9[0], c9[1])).isEqualTo(g.stateArgb(CellState.NOT_SENT));
        });
    }

    @Test
    void aggregatedCellsShowTheWorstVerdict() throws Exception {
        FakePacketView view = new FakePacketView(40_000); // 100 x 100 pixels: 4 packets per pixel
        for (int i = 0; i < 40_000; i++) {
            view.set(i, Verdict.INTACT, i % 7);
        }
        // (Torn cells get a mark wider than these one-pixel cells: see tornCellsGetAMarkThatPicksThem.)
        view.set(5, Verdict.MISSING, -1).set(6, Verdict.DUPLICATE, 3);   // cell 1: missing beats duplicate
        view.set(7, Verdict.PENDING, 2);                                 //         and pending
        view.set(13, Verdict.DUPLICATE, 3);                              // cell 3: duplicate
        view.set(17, Verdict.PENDING, -1);                               // cell 4: not sent beats intact
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            assertThat(g.packetsPerCell()).isEqualTo(4);
            assertThat(g.geometry().columns()).isEqualTo(100); // one-pixel cells
            assertThat(g.geometry().rows()).isEqualTo(100);
            assertThat(pixel(g, 0, 0)).isEqualTo(g.stateArgb(CellState.INTACT));
            assertThat(pixel(g, 1, 0)).isEqualTo(g.stateArgb(CellState.MISSING));
            assertThat(pixel(g, 2, 0)).isEqualTo(g.stateArgb(CellState.INTACT));
            assertThat(pixel(g, 3, 0)).isEqualTo(g.stateArgb(CellState.DUPLICATE));
            assertThat(pixel(g, 4, 0)).isEqualTo(g.stateArgb(CellState.NOT_SENT));
            // The summary counts the cell's packets; a click picks its worst packet.
            assertThat(g.summaryAt(1.5, 0.5)).contains("#4–#7 (4)").contains("1 missing").contains("1 duplicate");
            assertThat(g.selectionAt(1.5, 0.5)).isEqualTo(5);
            assertThat(g.selectionAt(3.5, 0.5)).isEqualTo(13);
        });
        byte[] bits = new byte[19];
        java.util.Arrays.fill(bits, CellState.bit(CellState.INTACT));
        bits[3] = CellState.bit(CellState.PENDING);
        bits[11] = CellState.bit(CellState.DUPLICATE); // found by the eight-at-a-time read
        bits[17] = CellState.bit(CellState.NOT_SENT);  // and by the tail
        assertThat(GridPainter.worstState(bits, 0, 19)).isEqualTo(CellState.DUPLICATE);
        assertThat(GridPainter.worstState(bits, 12, 19)).isEqualTo(CellState.NOT_SENT);
        assertThat(GridPainter.worstState(bits, 0, 3)).isEqualTo(CellState.INTACT);
        assertThat(GridPainter.firstThread(new short[] {-1, 7, 4, 4}, 0, 4)).isEqualTo(7);
        assertThat(GridPainter.firstThread(new short[] {-1, -1}, 0, 2)).isEqualTo(-1);
    }

    @Test
    void tornCellsGetAMarkThatPicksThem() throws Exception {
        // 100 x 100 pixels, 20 packets per one-pixel cell (a row holds 2,000); the mirror copies and
        // reports changes by chunks of 65,536 packets, so chunk 1 begins in row 32.
        FakePacketView view = new FakePacketView(200_000);
        for (int i = 0; i < 200_000; i++) {
            view.set(i, i < PacketMirror.CHUNK ? Verdict.INTACT : Verdict.PENDING, i % 7);
        }
        int tornId = 20 * (31 * 100 + 50) + 3; // cell (row 31, column 50)
        view.set(tornId, Verdict.TORN, 1);
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            g.flushAll();
            assertThat(g.packetsPerCell()).isEqualTo(20);
            int torn = g.stateArgb(CellState.TORN);
            // A 5 x 5 square centred on the one-pixel cell, nothing beyond it.
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    assertThat(pixel(g, 50 + dx, 31 + dy)).as("%d,%d", dx, dy).isEqualTo(torn);
                }
            }
            assertThat(pixel(g, 53, 31)).isEqualTo(g.stateArgb(CellState.INTACT));
            assertThat(pixel(g, 50, 34)).isEqualTo(g.stateArgb(CellState.PENDING));
            // Anywhere on the mark, the tooltip and a click name the torn packet.
            assertThat(g.selectionAt(52.5, 29.5)).isEqualTo(tornId);
            assertThat(g.summaryAt(48.2, 33.7)).contains("1 torn");
            assertThat(g.selectionAt(53.5, 31.5)).isNotEqualTo(tornId);

            // A repaint of only the rows of chunk 1 (32 on), below the torn cell's row, keeps its mark whole.
            view.set(70_000, Verdict.MISSING, -1); // row 35, column 0
            long repaints = g.repaintCount();
            for (int k = 0; k < 200 && g.repaintCount() == repaints; k++) {
                g.refresh();
                Thread.sleep(1);
            }
            assertThat(pixel(g, 0, 35)).isEqualTo(g.stateArgb(CellState.MISSING));
            assertThat(pixel(g, 50, 32)).isEqualTo(torn);
            assertThat(pixel(g, 52, 33)).isEqualTo(torn);

            // A packet torn in row 33 (chunk 1): its mark reaches row 31, above the rows that changed.
            int tornId2 = 20 * (33 * 100 + 20) + 5;
            view.set(tornId2, Verdict.TORN, 2);
            long repaints2 = g.repaintCount();
            for (int k = 0; k < 200 && g.repaintCount() == repaints2; k++) {
                g.refresh();
                Thread.sleep(1);
            }
            assertThat(pixel(g, 20, 31)).isEqualTo(torn);
            assertThat(pixel(g, 22, 35)).isEqualTo(torn);
            assertThat(g.selectionAt(20.5, 31.5)).isEqualTo(tornId2);

            // In thread mode there is no mark: cells show their sender.
            g.setColorMode(ColorMode.THREAD);
            g.refresh();
            assertThat(pixel(g, 52, 31)).isNotEqualTo(torn);
            assertThat(g.selectionAt(52.5, 31.5)).isNotEqualTo(tornId);
        });
    }

    /** Share of the packets' pixels (those painted) in the torn colour. */
    private static double tornShare(PacketGrid g) {
        int torn = g.stateArgb(CellState.TORN);
        long red = 0;
        long painted = 0;
        for (int p : g.pixels()) {
            if (p == torn) {
                red++;
            }
            if (p != 0) {
                painted++;
            }
        }
        return red / (double) painted;
    }

    /** Share of the grid's pixels painted. */
    private static double paintedShare(PacketGrid g) {
        long painted = 0;
        for (int p : g.pixels()) {
            if (p != 0) {
                painted++;
            }
        }
        return painted / (double) g.pixels().length;
    }

    @Test
    void tenThousandPacketsFillAStripOfTheWindow() throws Exception {
        // Square cells of whole pixels would be 2 px here (3 px ones fit only 9,638 packets) and paint 46 %
        // of the strip, the rest empty rows: the cells share the strip instead.
        FakePacketView view = new FakePacketView(10_000);
        for (int i = 0; i < 10_000; i++) {
            view.set(i, i % 97 == 3 ? Verdict.TORN : Verdict.INTACT, i % 20);
        }
        FxThread.run(() -> {
            PacketGrid g = grid(view, 475, 185);
            g.flushAll();
            assertThat(g.pixels()).hasSize(475 * 185);
            assertThat(paintedShare(g)).as("share of the grid painted").isGreaterThanOrEqualTo(0.95);
            // The bottom-right pixels belong to the last cells: the pointer there names packets.
            GridGeometry geo = g.geometry();
            long lastFull = (long) (geo.rows() - 1) * geo.columns() - 1; // last cell of the row above the last
            double[] c = centre(g, lastFull);
            assertThat(g.packetAt(c[0], c[1])).isEqualTo(lastFull);
            assertThat(g.packetAt(0.2, 184.9)).isEqualTo((long) (geo.rows() - 1) * geo.columns());
            assertThat(pixel(g, 0, 184)).isNotZero();
            assertThat(g.packetAt(474.9, 0.1)).isEqualTo(geo.columns() - 1);
            assertThat(pixel(g, 474, 0)).isNotZero();
        });
    }

    @Test
    void onCellsThatAreNotWholePixelsWhatLooksTornIsWhatThePointerPicks() throws Exception {
        // 10,000 packets in 475 x 185: cells of 2-3 x 2-3 px, a few torn, so each gets a 5 x 5 mark.
        FakePacketView view = new FakePacketView(10_000);
        for (int i = 0; i < 10_000; i++) {
            view.set(i, Verdict.INTACT, i % 20);
        }
        for (int id : new int[] {0, 161, 162, 3_333, 5_000, 9_838, 9_999}) { // corners, neighbours, the last row
            view.set(id, Verdict.TORN, 1);
        }
        FxThread.run(() -> {
            PacketGrid g = grid(view, 475, 185);
            g.flushAll();
            assertThat(g.marksShown()).isTrue();
            assertThat(g.geometry().cellWidth()).isNotEqualTo(Math.rint(g.geometry().cellWidth()));
            int torn = g.stateArgb(CellState.TORN);
            int[] pixels = g.pixels();
            List<String> wrong = new ArrayList<>();
            for (int y = 0; y < 185 && wrong.size() < 5; y++) {
                for (int x = 0; x < 475; x++) {
                    long id = g.selectionAt(x + 0.5, y + 0.5);
                    boolean picksTorn = id >= 0 && view.verdicts[(int) id] == Verdict.TORN.code();
                    if ((pixels[y * 475 + x] == torn) != picksTorn) {
                        wrong.add("(" + x + ", " + y + ") " + (picksTorn ? "picks torn #" + id + " but shows" : "shows torn")
                                + " " + Integer.toHexString(pixels[y * 475 + x]));
                    }
                }
            }
            assertThat(wrong).isEmpty();
        });
    }

    @Test
    void tornMarksNeverMakeTheTornRateLookSeveralTimesWhatItIs() throws Exception {
        // 10,000 packets in a 350 x 115 strip: cells of about 2 x 2 px. 5 x 5 marks on 1.7 % torn would
        // cover several times the torn cells' pixels: the torn cells show as they are.
        FakePacketView view = new FakePacketView(10_000);
        for (int i = 0; i < 10_000; i++) {
            view.set(i, i % 59 == 3 ? Verdict.TORN : Verdict.INTACT, i % 20);
        }
        FxThread.run(() -> {
            PacketGrid g = grid(view, 350, 115);
            g.flushAll();
            assertThat(g.geometry().minCellSide()).isLessThan(GridPainter.TORN_MARK);
            assertThat(tornShare(g)).as("torn share shown").isBetween(0.016, 0.018);
        });
        // A few tears in the same grid are still marked: one pixel alone would go unseen.
        FakePacketView few = new FakePacketView(10_000);
        for (int i = 0; i < 10_000; i++) {
            few.set(i, i == 5_000 || i == 7_777 ? Verdict.TORN : Verdict.INTACT, i % 20);
        }
        FxThread.run(() -> {
            PacketGrid g = grid(few, 350, 115);
            g.flushAll();
            assertThat(g.marksShown()).isTrue();
            double share = tornShare(g);
            assertThat(share).isGreaterThan(2.0 / 10_000).isLessThanOrEqualTo(GridPainter.MAX_MARKED_SHARE);
        });
    }

    @Test
    void aTornCellsTooltipWrapsInABoundedBoxWithEveryWord() throws Exception {
        FakePacketView view = new FakePacketView(50).set(1, Verdict.TORN, 1);
        StringBuilder splice = new StringBuilder("bytes 0-58,985 of #1");
        for (int k = 0; k < 40; k++) {
            splice.append(", then ").append(k + 2).append(" packets whole (#").append(100 + k).append(" … #")
                    .append(120 + k).append(')');
        }
        view.splice = splice.append(", then #1 from byte 58,986").toString();
        FxThread.run(() -> {
            PacketGrid g = grid(view, 200, 200);
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(g.getScene());
            stage.show();
            try {
                double[] c = centre(g, 1);
                fire(g, MouseEvent.MOUSE_MOVED, c[0], c[1], 0);
                javafx.scene.control.Tooltip tip = g.tooltip();
                assertThat(tip.getText()).contains(view.splice);
                tip.show(stage, 10, 10);
                tip.getScene().getRoot().applyCss();
                tip.getScene().getRoot().layout();
                assertThat(tip.getWidth()).as("tooltip width").isLessThanOrEqualTo(dev.interleave.ui.charts.HoverTip.WIDTH + 40);
                assertThat(tip.getHeight()).as("several lines").isGreaterThan(60);
                // Every word shows: the label's text node holds the whole text, no "…" cut.
                javafx.scene.text.Text shown = (javafx.scene.text.Text) tip.getScene().getRoot().lookup(".text");
                assertThat(shown.getText()).isEqualTo(tip.getText());
                tip.hide();
            } finally {
                stage.close();
            }
        });
    }

    @Test
    void manyTornCellsGoUnmarked() throws Exception {
        FakePacketView view = new FakePacketView(40_000); // 100 x 100 one-pixel cells of 4 packets
        for (int i = 0; i < 40_000; i++) {
            // every 4th cell torn: 2,500 torn cells, more than get marks
            view.set(i, i % 16 == 1 ? Verdict.TORN : Verdict.INTACT, i % 7);
        }
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            g.flushAll();
            assertThat(pixel(g, 0, 10)).isEqualTo(g.stateArgb(CellState.TORN));
            assertThat(pixel(g, 1, 10)).isEqualTo(g.stateArgb(CellState.INTACT));
            // what shows unmarked is picked as it shows: the intact cell beside a torn one
            assertThat(g.selectionAt(1.5, 10.5)).isNotEqualTo(4001L);
            assertThat(g.summaryAt(1.5, 10.5)).doesNotContain("torn");
        });
    }

    @Test
    void zoomAndPanChangeTheVisibleRangeAroundTheCursor() throws Exception {
        FakePacketView view = new FakePacketView(40_000);
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            assertThat(g.visibleRange()).containsExactly(0, 40_000);
            assertThat(g.isZoomReset()).isTrue();
            long under = g.packetAt(37, 61);
            g.zoomIn(37, 61);
            assertThat(g.packetsPerCell()).isEqualTo(2);
            assertThat(g.packetAt(37, 61)).isEqualTo(under);
            assertThat(g.visibleRange()[1] - g.visibleRange()[0]).isEqualTo(20_000);
            g.zoomIn(37, 61);
            g.zoomIn(37, 61); // one packet per 2 x 2 pixels
            assertThat(g.packetsPerCell()).isEqualTo(1);
            assertThat(g.geometry().cellWidth()).isEqualTo(2);
            assertThat(g.geometry().cellHeight()).isEqualTo(2);
            assertThat(g.visibleRange()[1] - g.visibleRange()[0]).isEqualTo(2_500);
            assertThat(g.packetAt(37, 61)).isBetween(under, under + 3);
            long top = g.visibleRange()[0];
            drag(g, 50, 50, 50, 40); // up by 5 rows of 50 cells
            assertThat(g.visibleRange()[0]).isEqualTo(top + 250);
            g.zoomOut();
            g.zoomOut();
            g.zoomOut();
            assertThat(g.isZoomReset()).isTrue();
            g.zoomIn();
            g.resetZoom();
            assertThat(g.visibleRange()).containsExactly(0, 40_000);
            // Keys: + and - zoom around the last mouse position, 0 resets; a double-click resets too.
            fire(g, MouseEvent.MOUSE_MOVED, 37, 61, 0);
            type(g, "+");
            assertThat(g.packetsPerCell()).isEqualTo(2);
            assertThat(g.packetAt(37, 61)).isEqualTo(under);
            type(g, "+");
            type(g, "-");
            assertThat(g.packetsPerCell()).isEqualTo(2);
            type(g, "0");
            assertThat(g.isZoomReset()).isTrue();
            type(g, "+");
            fire(g, MouseEvent.MOUSE_CLICKED, 10, 10, 2);
            assertThat(g.isZoomReset()).isTrue();
        });
    }

    private static void type(PacketGrid g, String character) {
        Event.fireEvent(g, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_TYPED, character, "",
                javafx.scene.input.KeyCode.UNDEFINED, false, false, false, false));
    }

    @Test
    void flushAllPaintsWhatEarlierRefreshesCopiedWithoutTheirTurn() throws Exception {
        FakePacketView view = sixStates();
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            g.flushAll();
            double[] c = centre(g, 5);
            int notSent = pixel(g, c[0], c[1]);
            view.set(5, Verdict.TORN, 2);
            g.refresh(false); // copied, but another view had the frame: nothing painted
            assertThat(pixel(g, c[0], c[1])).isEqualTo(notSent);
            g.flushAll();
            assertThat(pixel(g, c[0], c[1])).isEqualTo(pixel(g, centre(g, 1)[0], centre(g, 1)[1])); // as torn #1
        });
    }

    @Test
    void aDetachedSourceKeepsThePictureButNotTheRun() throws Exception {
        FakePacketView view = sixStates().set(19, Verdict.TORN, 5);
        List<PacketDetails> selected = new ArrayList<>();
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            g.setOnPacketSelected(selected::add);
            g.flushAll();
            double[] torn = centre(g, 1);
            int before = pixel(g, torn[0], torn[1]);
            g.detachSource();
            assertThat(g.getSource()).isNull();
            g.refresh();
            g.repaint();
            assertThat(pixel(g, torn[0], torn[1])).isEqualTo(before);
            double x = 12 * 3 + 5;
            double y = 12 * 2 + 5;
            assertThat(g.summaryAt(x, y)).contains("#19"); // the cell is still named
            g.select(x, y); // but there are no details behind it any more
        });
        assertThat(selected).isEmpty();
    }

    @Test
    void hoverAndClickResolveThePacket() throws Exception {
        FakePacketView view = sixStates().set(19, Verdict.TORN, 5);
        List<PacketDetails> selected = new ArrayList<>();
        FxThread.run(() -> {
            PacketGrid g = grid(view, 100, 100);
            g.setOnPacketSelected(selected::add);
            double x = 12 * 3 + 5;
            double y = 12 * 2 + 5; // row 2, column 3 of 8
            assertThat(g.packetAt(x, y)).isEqualTo(19);
            fire(g, MouseEvent.MOUSE_MOVED, x, y, 0);
            assertThat(g.summaryAt(x, y)).contains("#19").contains("thread 5").contains("torn")
                    .contains("1 partial send").contains("then #42 whole");
            fire(g, MouseEvent.MOUSE_PRESSED, x, y, 1);
            fire(g, MouseEvent.MOUSE_CLICKED, x, y, 1);
            assertThat(g.packetAt(99, 99)).isEqualTo(-1);
            fire(g, MouseEvent.MOUSE_CLICKED, 99, 99, 1);
        });
        assertThat(selected).hasSize(1);
        assertThat(selected.getFirst().packetId()).isEqualTo(19);
        assertThat(selected.getFirst().verdict()).isEqualTo(Verdict.TORN);
    }

    @Test
    void refreshCopiesABoundedSliceAndRepaintsOnlyOnChange() throws Exception {
        int n = 3 * PacketGrid.REFRESH_BUDGET;
        FakePacketView view = new FakePacketView(n);
        FxThread.run(() -> {
            PacketGrid g = grid(view, 200, 100);
            view.copies = 0;
            long repaints = g.repaintCount();
            g.refresh();
            assertThat(view.copies).isLessThanOrEqualTo(PacketGrid.REFRESH_BUDGET + PacketMirror.CHUNK);
            for (int i = 0; i < 5; i++) {
                g.refresh();
            }
            assertThat(g.repaintCount()).as("nothing changed").isEqualTo(repaints);
            view.set(n - 1, Verdict.TORN, 0);
            // The sweep reaches the last chunk within four frames; a repaint may wait a little after the last one.
            for (int i = 0; i < 200 && g.repaintCount() == repaints; i++) {
                g.refresh();
                Thread.sleep(1);
            }
            assertThat(g.repaintCount()).isGreaterThan(repaints);
            double[] c = centre(g, (n - 1) / g.packetsPerCell());
            assertThat(g.summaryAt(c[0], c[1])).contains("1 torn");
            assertThat(pixel(g, c[0], c[1])).isEqualTo(g.stateArgb(CellState.TORN));
        });
    }

    @Test
    void savePngWritesAValidPng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grid.png");
        FxThread.run(() -> grid(sixStates(), 120, 80).savePng(file));
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(120);
        assertThat(img.getHeight()).isEqualTo(80);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aNarrowDetailsPaneCutsNoWords() throws Exception {
        FakePacketView view = sixStates();
        view.splice = "bytes 0-58,985 of #1, then 62 packets whole (#741 … #802), then 12 bytes of #803, then"
                + " 9 packets whole (#804 … #812), then #1 from byte 58,986";
        FxThread.run(() -> {
            for (PacketDetails d : List.of(view.details(1), view.details(5))) { // torn; not sent: no events
                PacketDetailsPane pane = new PacketDetailsPane(d);
                javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(pane);
                scroll.setFitToWidth(true);
                new Scene(scroll, 220, 500);
                scroll.applyCss();
                scroll.layout();
                scroll.layout();
                List<javafx.scene.control.Labeled> cut = new ArrayList<>();
                collectCut(scroll, cut);
                assertThat(cut).as("labels shown cut short").isEmpty();
            }
        });
    }

    /** Labels (the table's placeholder too) whose text node shows less than their text. */
    private static void collectCut(javafx.scene.Parent p, List<javafx.scene.control.Labeled> cut) {
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.control.Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()
                    && l.lookup(".text") instanceof javafx.scene.text.Text t && !t.getText().equals(l.getText())
                    && !(l instanceof javafx.scene.control.TableCell<?, ?>)) {
                cut.add(l);
            }
            if (n instanceof javafx.scene.Parent q) {
                collectCut(q, cut);
            }
        }
    }

    @Test
    void detailsPaneShowsThreadTimingPartialSendsAndSplice() throws Exception {
        FxThread.run(() -> {
            PacketDetails d = sixStates().set(7, Verdict.TORN, 3).details(7);
            PacketDetailsPane pane = new PacketDetailsPane(d);
            assertThat(pane.spliceText()).isEqualTo("bytes 0-65,459 of #7, then #42 whole, then #7 from byte 65,460");
            assertThat(texts(pane)).contains("Packet #7 — torn: other bytes landed inside it", "3",
                    "0.120 ms after the start gate", "Partial-send events (2)");
            pane.setDetails(sixStates().details(0));
            assertThat(pane.spliceText()).isEmpty();
        });
    }

    private static List<String> texts(javafx.scene.Parent p) {
        List<String> out = new ArrayList<>();
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.control.Labeled l) {
                out.add(l.getText());
            } else if (n instanceof javafx.scene.Parent q) {
                out.addAll(texts(q));
            }
        }
        return out;
    }

    private static void drag(PacketGrid g, double x0, double y0, double x1, double y1) {
        fire(g, MouseEvent.MOUSE_PRESSED, x0, y0, 1);
        fire(g, MouseEvent.MOUSE_DRAGGED, x1, y1, 0);
    }

    private static void fire(PacketGrid g, javafx.event.EventType<MouseEvent> type, double x, double y, int clicks) {
        MouseEvent e = new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, clicks, false, false, false, false,
                type != MouseEvent.MOUSE_MOVED, false, false, false, false, true, null);
        Event.fireEvent(g.canvas(), e);
    }
}
