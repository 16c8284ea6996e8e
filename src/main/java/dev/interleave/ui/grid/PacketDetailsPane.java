package dev.interleave.ui.grid;

import dev.interleave.run.PacketDetails;
import dev.interleave.telemetry.PartialSendEvent;
import dev.interleave.verify.Verdict;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Everything the lab knows about one packet, for the details dialog: who sent it, when and for how
 * long, the partial sends it needed (each one's asked and written bytes), and for a torn packet the
 * splice segments in plain words. FX thread only.
 */
public final class PacketDetailsPane extends VBox {
    public static final String STYLE_CLASS = "packet-details-pane";
    public static final String TITLE_STYLE_CLASS = "packet-details-title";
    public static final String KEY_STYLE_CLASS = "packet-details-key";
    public static final String SPLICE_STYLE_CLASS = "packet-details-splice";

    private final ObjectProperty<PacketDetails> details = new SimpleObjectProperty<>(this, "details");
    private final Label title = new Label();
    private final GridPane facts = new GridPane();
    private final Label splice = new Label();
    private final Label eventsTitle = new Label();
    private final TableView<PartialSendEvent> events = new TableView<>();

    public PacketDetailsPane() {
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(Objects.requireNonNull(
                PacketDetailsPane.class.getResource(PacketGrid.STYLESHEET)).toExternalForm());
        setSpacing(8);
        title.getStyleClass().add(TITLE_STYLE_CLASS);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        facts.setHgap(12);
        facts.setVgap(4);
        splice.getStyleClass().add(SPLICE_STYLE_CLASS);
        eventsTitle.getStyleClass().add(KEY_STYLE_CLASS);
        splice.setWrapText(true);
        splice.setMinHeight(Region.USE_PREF_SIZE); // a long splice wraps onto as many lines as it needs
        // The columns keep the width their words need, and a narrow pane scrolls the table sideways:
        // squeezed to the pane, a header reads "as..." and a byte count "100,0...". (The rows are in time order.)
        events.getColumns().add(column("at", e -> String.format(Locale.ROOT, "%,.1f ms", e.nanos() / 1e6)));
        events.getColumns().add(column("asked", e -> bytes(e.asked())));
        events.getColumns().add(column("written", e -> bytes(e.written())));
        events.getColumns().add(column("left", e -> bytes(e.asked() - e.written())));
        events.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        events.setPrefHeight(160);
        Label none = new Label("no partial sends: every send call wrote all it was asked");
        none.setWrapText(true);
        none.setPadding(new javafx.geometry.Insets(6));
        events.setPlaceholder(none);
        VBox.setVgrow(events, Priority.ALWAYS);
        details.addListener((o, a, b) -> show(b));
        show(null);
    }

    public PacketDetailsPane(PacketDetails d) {
        this();
        setDetails(d);
    }

    public ObjectProperty<PacketDetails> detailsProperty() {
        return details;
    }

    public PacketDetails getDetails() {
        return details.get();
    }

    public void setDetails(PacketDetails d) {
        details.set(d);
    }

    /** The splice text shown (empty unless torn); for tests and the shell. */
    public String spliceText() {
        return splice.getText();
    }

    private void show(PacketDetails d) {
        facts.getChildren().clear();
        getChildren().clear();
        if (d == null) {
            title.setText("No packet selected");
            getChildren().add(title);
            return;
        }
        title.setText(String.format(Locale.ROOT, "Packet #%,d — %s", d.packetId(), words(d.verdict())));
        int row = 0;
        row = fact(row, "Thread", d.thread() >= 0 ? Integer.toString(d.thread())
                : d.sendKnown() ? "not sent" : "not arrived");
        row = fact(row, "Verdict", d.verdict().name().toLowerCase(Locale.ROOT));
        if (!d.sendKnown()) {
            // An outside sender's packet: this process saw its bytes, not its send calls.
            fact(row, "Send", "not seen here: an outside sender (its report gives totals per thread)");
            getChildren().addAll(title, facts);
            showSplice(d);
            return;
        }
        if (d.thread() >= 0) {
            row = fact(row, "Send began", String.format(Locale.ROOT, "%,.3f ms after the start gate",
                    d.startMicros() / 1e3));
            row = fact(row, "Send took", String.format(Locale.ROOT, "%,.3f ms", d.durationMicros() / 1e3));
        }
        fact(row, "Partial sends", String.format(Locale.ROOT, "%,d", d.partialSends()));
        getChildren().addAll(title, facts);
        showSplice(d);
        var list = d.events() == null ? java.util.List.<PartialSendEvent>of() : d.events();
        eventsTitle.setText(list.isEmpty() ? "Partial-send events" : "Partial-send events (" + list.size() + ")");
        events.setItems(FXCollections.observableArrayList(list));
        getChildren().addAll(eventsTitle, events);
    }

    private void showSplice(PacketDetails d) {
        splice.setText(d.splice() == null ? "" : d.splice());
        if (!splice.getText().isEmpty()) {
            Label key = new Label("Splice segments");
            key.getStyleClass().add(KEY_STYLE_CLASS);
            getChildren().addAll(key, splice);
        }
    }

    private int fact(int row, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add(KEY_STYLE_CLASS);
        k.setMinWidth(Region.USE_PREF_SIZE); // keys never shrink to "Sen..."
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        facts.addRow(row, k, v);
        return row + 1;
    }

    private static String words(Verdict v) {
        return switch (v) {
            case INTACT -> "arrived whole";
            case TORN -> "torn: other bytes landed inside it";
            case MISSING -> "never arrived";
            case DUPLICATE -> "arrived more than once";
            case PENDING -> "not decided yet";
        };
    }

    private static String bytes(long b) {
        return String.format(Locale.ROOT, "%,d B", b);
    }

    private static TableColumn<PartialSendEvent, String> column(
            String name, java.util.function.Function<PartialSendEvent, String> text) {
        TableColumn<PartialSendEvent, String> c = new TableColumn<>(name);
        c.setPrefWidth(86); // "1,234,567 B" and "12,345.6 ms" whole
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(text.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }
}
