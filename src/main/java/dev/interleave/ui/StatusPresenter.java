package dev.interleave.ui;

import dev.interleave.run.LiveRun;
import dev.interleave.run.OutsideRun;
import dev.interleave.run.RunConfig;
import dev.interleave.run.RunOutcome;
import dev.interleave.run.RunPhase;
import dev.interleave.run.RunResult;
import dev.interleave.run.RunSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.HostServices;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;

/**
 * What the window says in words: the verdict banner, the status bar (progress, elapsed, time left,
 * throughput, and where a saved file went, with links to copy its path or open its folder), and the
 * verdict again in an {@link EndOfRunPopup} for a person who is looking elsewhere. While the window
 * listens for an outside sender the banner says where and what to do, and keeps the last run's verdict
 * above that line until the next sender's run replaces it. FX thread; the session's events come on it.
 */
final class StatusPresenter implements RunSessionListener {
    static final String IDLE_TEXT = "Set the knobs and press Run (Ctrl+R).";
    static final String OUTSIDE_IDLE_TEXT = "Press Listen (Ctrl+R) and start a sender of your own, or a reference"
            + " client (commands below), pointed at this window: it verifies the sender's stream live.";
    /** On the status bar while it names a saved file: its text is cut at the start, so the name shows. */
    private static final PseudoClass NOTICE = PseudoClass.getPseudoClass("notice");

    private final LabModel model;
    private final Label banner;
    private final Supplier<Window> window;
    private final EndOfRunPopup popup;
    private final StatusBar bar = new StatusBar();
    private final Label elapsed = statusItem("elapsedLabel", "Elapsed –", "Time since the start gate opened");
    private final Label left = statusItem("leftLabel", "Left –", "Estimated time until the last packet is sent");
    private final Label throughput = statusItem("throughputLabel", "– B/s", "Bytes per second the senders write");
    private final Hyperlink copyPath = new Hyperlink("Copy path");
    private final Hyperlink openFolder = new Hyperlink("Open folder");
    private HostServices host;
    private Path noticePath;
    /** The last run's verdict words and style, kept under the listening line while the window listens. */
    private String lastVerdict;
    private String lastStyle;
    /** A connection that was no sender, in words ("" when none since the last run). */
    private String turnedAway = "";

    /**
     * @param banner the verdict banner above the views
     * @param window the window (for dialogs and for whether it has the focus)
     * @param theme  the theme shown (the pop-up follows it)
     */
    StatusPresenter(LabModel model, Label banner, Supplier<Window> window, Supplier<Theme> theme) {
        this.model = model;
        this.banner = banner;
        this.window = window;
        this.popup = new EndOfRunPopup(window, theme);
        bar.setId("statusBar");
        bar.setText("Ready");
        bar.setProgress(0);
        bar.getRightItems().addAll(elapsed, left, throughput);
        copyPath.setId("copyPathLink");
        openFolder.setId("openFolderLink");
        copyPath.setOnAction(e -> copyNoticePath());
        openFolder.setOnAction(e -> openNoticeFolder());
        bar.getLeftItems().addAll(copyPath, openFolder);
        showNoticeLinks(false);
        banner.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap long verdicts, never cut them
        setBanner(StyleClasses.VERDICT_IDLE, IDLE_TEXT);
        model.targetChoiceProperty().addListener(o -> showBetweenRuns());
    }

    /** The status bar, for the window to place. FX thread. */
    StatusBar bar() {
        return bar;
    }

    /** What opens a folder in the desktop's file manager; null (no Open folder link) in tests. FX thread. */
    void setHostServices(HostServices h) {
        host = h;
    }

    // ---- a run's events ----

    @Override
    public void starting(RunConfig c) {
        showNoticeLinks(false);
        lastVerdict = null;
        turnedAway = "";
        setBanner(StyleClasses.VERDICT_RUNNING, c.isOutsideSender() ? "A sender connected: receiving…"
                : "Starting: " + describe(c) + "…");
        bar.setText("Starting…");
        // Not indeterminate: that bar's skin builds its animation in the frame the run starts, for a
        // state that lasts a few frames; the words say it.
        bar.setProgress(0);
    }

    @Override
    public void stopping() {
        setBanner(StyleClasses.VERDICT_RUNNING, "Stopping…");
        bar.setText("Stopping…");
    }

    @Override
    public void startFailed(Throwable cause) {
        setBanner(StyleClasses.VERDICT_FAILED, "The run could not start: " + LabExports.message(cause));
        bar.setText("Failed to start");
        bar.setProgress(0);
    }

    @Override
    public void ended(LiveRun run, RunResult result, Throwable failure) {
        if (result == null) {
            setBanner(StyleClasses.VERDICT_FAILED, "The run failed: " + LabExports.message(failure));
            bar.setText("Failed");
            return;
        }
        String text = result.verdictText();
        String style = verdictStyle(result);
        if (run instanceof OutsideRun o) {
            text = who(o) + ": " + text + othersRefused(o);
        }
        lastVerdict = text;
        lastStyle = style;
        turnedAway = "";
        showWordsBetweenRuns(); // (the state still says the run goes on: it follows this event)
        bar.setText(switch (result.outcome()) {
            case COMPLETED -> "Done";
            case CANCELLED -> "Stopped";
            case FAILED -> "Failed";
        } + " · " + (result.config().isOutsideSender() ? "an outside sender" : result.config().strategyLabel())
                + " · " + String.format(Locale.ROOT, "%.2f s", result.seconds()) + nice(result));
        throughput.setText(dev.interleave.run.Sizes.rate(result.throughput()));
        popup.show(result, text);
    }

    /**
     * " · senders at nice 19" when the senders read their nice value back: how often a sender is
     * preempted changes the tear rate, so a run's details name it. Pure.
     */
    static String nice(RunResult result) {
        var nice = result.environment().senderNice();
        return nice.isPresent() ? " · senders at nice " + nice.getAsInt() : "";
    }

    /** The banner's colour for a result's verdict. */
    private static String verdictStyle(RunResult result) {
        return switch (result.verdict()) {
            case TORN -> StyleClasses.VERDICT_TORN;
            case INTACT -> StyleClasses.VERDICT_INTACT;
            default -> result.outcome() == RunOutcome.FAILED
                    ? StyleClasses.VERDICT_FAILED : StyleClasses.VERDICT_INCOMPLETE;
        };
    }

    /**
     * A sweep's trial opened in the views: the banner says where it comes from, then its verdict; the
     * status bar, that it is no run of the lab's. No notification: a person asked for it.
     */
    @Override
    public void opened(RunResult result, dev.interleave.ui.grid.PacketGrid.Copies gridCopies) {
        showNoticeLinks(false);
        String kept = result.packets() == null && result.config().packets() > 0
                ? String.format(Locale.ROOT, " (Its packets were not kept: a trial of more than %,d packets keeps"
                + " only its counts.)", dev.interleave.sweep.LastTrial.MAX_PACKETS) : "";
        setBanner(verdictStyle(result), "From the sweep, the last trial of " + describe(result.config()) + ": "
                + result.verdictText() + kept);
        bar.setText("Sweep trial · " + result.config().strategyLabel() + " · "
                + String.format(Locale.ROOT, "%.2f s", result.seconds()));
        throughput.setText(dev.interleave.run.Sizes.rate(result.throughput()));
    }

    /**
     * One frame's words from {@code s}: progress, elapsed and left; while running, the banner's counts.
     * The verifier may decide a packet before its sender's counter says it was sent (the two are read
     * a moment apart): a decided packet was sent, so the figures shown count it as sent. FX thread.
     */
    void showProgress(RunSnapshot s) {
        boolean outside = model.run() instanceof OutsideRun;
        // An outside sender that announced no count: how far it is, nobody here knows.
        bar.setProgress(s.phase() == RunPhase.STARTING ? -1
                : outside && s.packets() == 0 ? (s.phase().isFinished() ? 1 : -1) : s.sendProgress());
        var v = s.verdicts();
        long sent = Math.max(s.sender().packets(), v.decided());
        if (outside && !s.phase().isFinished()) {
            bar.setText("Receiving · " + Sizes.group(sent) + (s.packets() > 0 ? " of " + Sizes.group(s.packets()) : "")
                    + " arrived · " + Sizes.group(v.decided()) + " checked");
        } else if (!s.phase().isFinished()) {
            String phase = s.phase().name().charAt(0) + s.phase().name().substring(1).toLowerCase(Locale.ROOT);
            bar.setText((model.state() == RunState.STOPPING ? "Stopping" : phase) + " · "
                    + Sizes.group(sent) + " of " + Sizes.group(s.packets()) + " sent · "
                    + Sizes.group(v.decided()) + " checked");
        }
        elapsed.setText("Elapsed " + Formats.duration(s.elapsedNanos()));
        left.setText("Left " + (s.phase().isFinished() ? Formats.duration(0) : Formats.duration(s.nanosLeft())));
        if (model.state() != RunState.DONE) { // at the end, ended() shows the result's figure
            throughput.setText(dev.interleave.run.Sizes.rate(s.sendThroughput()));
        }
        if (model.state() == RunState.RUNNING && model.run() instanceof OutsideRun o) {
            setBanner(StyleClasses.VERDICT_RUNNING, receiving(o, s));
        } else if (model.state() == RunState.RUNNING) {
            setBanner(StyleClasses.VERDICT_RUNNING, String.format(Locale.ROOT,
                    "Running %s: %,d of %,d sent, %,d intact, %,d torn so far, %,d partial sends",
                    model.runConfig().strategyLabel(), sent, s.packets(), v.intact(), v.torn(),
                    s.sender().partialSends()));
        }
    }

    /**
     * An outside sender's run in words: what arrived, the verdicts so far, its claims once its report
     * came (the report comes after its last frame). FX thread.
     */
    static String receiving(OutsideRun o, RunSnapshot s) {
        var v = s.verdicts();
        long arrived = s.sender().packets();
        String of = s.packets() > 0 ? String.format(Locale.ROOT, "%,d of %,d packets arrived", arrived, s.packets())
                : String.format(Locale.ROOT, "%,d packets arrived (no count announced)", arrived);
        String partials = s.partialSends() == dev.interleave.run.PartialSendSource.CLAIMED
                ? String.format(Locale.ROOT, "%,d partial sends (the sender's claim)", s.sender().partialSends())
                : "partial sends " + s.partialSends().words() + (o.report().isEmpty() ? " (yet)" : "");
        return String.format(Locale.ROOT, "Receiving from %s: %s, %,d intact, %,d torn so far; %s%s", who(o), of,
                v.intact(), v.torn(), partials, othersRefused(o));
    }

    /** The sender by its own description, or as an outside sender when it gave none (yet). */
    private static String who(OutsideRun o) {
        String d = o.description();
        return d.isEmpty() ? "an outside sender" + (o.remote().isEmpty() ? "" : " at " + o.remote())
                + (o.report().isEmpty() && o.phase().isFinished() ? " (it sent no report)" : "") : d;
    }

    private static String othersRefused(OutsideRun o) {
        long n = o.othersRefused();
        return n == 0 ? "" : String.format(Locale.ROOT, " (%,d other sender%s refused meanwhile: one at a time)", n,
                n == 1 ? " was" : "s were");
    }

    // ---- listening for an outside sender ----

    @Override
    public void listening(String where) {
        bar.setText("Listening on " + where);
        showBetweenRuns();
    }

    @Override
    public void listenFailed(Throwable cause) {
        setBanner(StyleClasses.VERDICT_FAILED, "Not listening: " + LabExports.message(cause) + ".");
        bar.setText("Not listening");
    }

    @Override
    public void stoppedListening() {
        bar.setText("Stopped listening");
        turnedAway = "";
        showBetweenRuns();
    }

    @Override
    public void turnedAway(String remote, String why) {
        turnedAway = "A connection from " + remote + " was no sender: " + why + ".";
        showBetweenRuns();
    }

    /**
     * The banner while no run goes on: the last run's verdict, and, while the window listens, where and
     * what to do (or the target's first step).
     */
    private void showBetweenRuns() {
        if (!model.state().busy()) {
            showWordsBetweenRuns();
        }
    }

    private void showWordsBetweenRuns() {
        String where = model.listeningAtProperty().get();
        String listeningLine = where.isEmpty() ? null : (lastVerdict == null
                ? "Listening on " + where + ": start a sender, e.g. one of the commands below."
                : "Still listening on " + where + ": the next sender's run replaces this one.");
        StringBuilder text = new StringBuilder();
        if (lastVerdict != null) {
            text.append(lastVerdict);
        } else if (listeningLine == null) {
            text.append(model.targetChoiceProperty().get().listens() ? OUTSIDE_IDLE_TEXT : IDLE_TEXT);
        }
        for (String line : new String[] {turnedAway, listeningLine}) {
            if (line != null && !line.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append(line);
            }
        }
        String style = lastStyle != null && lastVerdict != null ? lastStyle
                : !turnedAway.isEmpty() ? StyleClasses.VERDICT_INCOMPLETE : StyleClasses.VERDICT_IDLE;
        setBanner(style, text.toString());
    }

    // ---- saved files ----

    /** Shows what became of a save: where the file went, or (also in a dialog) why it did not. FX thread. */
    void notice(Notice n) {
        bar.setText(n.text().replace('\n', ' '));
        bar.pseudoClassStateChanged(NOTICE, true);
        bar.setTooltip(new Tooltip(n.text()));
        noticePath = n.path();
        showNoticeLinks(n.kind() == Notice.Kind.DONE && n.path() != null);
        if (n.kind() == Notice.Kind.FAILED) {
            Alert a = new Alert(Alert.AlertType.ERROR, n.text());
            a.setTitle("Not saved");
            a.setHeaderText(n.text().lines().findFirst().orElse("Not saved"));
            if (window.get() != null) {
                a.initOwner(window.get());
            }
            a.show();
        }
    }

    private void showNoticeLinks(boolean on) {
        copyPath.setVisible(on);
        copyPath.setManaged(on);
        openFolder.setVisible(on && host != null);
        openFolder.setManaged(on && host != null);
        if (!on) {
            bar.pseudoClassStateChanged(NOTICE, false);
            bar.setTooltip(null);
        }
    }

    private void copyNoticePath() {
        if (noticePath != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(noticePath.toString());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        }
    }

    private void openNoticeFolder() {
        if (noticePath != null && host != null) {
            Path folder = Files.isDirectory(noticePath) ? noticePath : noticePath.getParent();
            host.showDocument(folder.toUri().toString());
        }
    }

    /** The path the last notice named (null when none), for tests. FX thread. */
    Path noticePath() {
        return noticePath;
    }

    // ---- the banner ----

    /** Changes the banner only where it differs: a style-class change costs a CSS pass. FX thread. */
    void setBanner(String style, String text) {
        var classes = banner.getStyleClass();
        if (!classes.contains(style)) {
            classes.removeAll(StyleClasses.VERDICTS);
            classes.add(style);
        }
        if (!text.equals(banner.getText())) {
            banner.setText(text);
        }
    }

    /** End-of-run pop-ups shown so far, for tests. FX thread. */
    int notificationsShown() {
        return popup.shown();
    }

    // ---- words ----

    private static Label statusItem(String id, String text, String tooltip) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("status-item");
        l.setTooltip(new Tooltip(tooltip));
        return l;
    }

    /** A run's knobs in words ("20 threads × 10,000 packets × 100 KB, native"). Any thread. */
    static String describe(RunConfig c) {
        return String.format(Locale.ROOT, "%d threads × %,d packets × %s, %s", c.threads(), c.packets(),
                dev.interleave.run.Sizes.format(c.payloadSize()), c.strategyLabel());
    }
}
