package dev.interleave.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.SegmentedButton;

/**
 * The window's top-level views, one shown at a time, under the toolbar's switch between them: "Lab"
 * (one run's live views) and "Sweep" (a sweep's heatmaps of torn rates); another is one more
 * {@link #add}; the switch shows itself once there are two. FX thread.
 */
final class TopViews extends StackPane {
    private final Map<String, Node> views = new LinkedHashMap<>();
    private final SegmentedButton switcher = new SegmentedButton();
    private final javafx.beans.property.ReadOnlyStringWrapper shown =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "shown");

    TopViews() {
        setId("topViews");
        switcher.setId("viewSwitch");
        switcher.visibleProperty().bind(Bindings.size(switcher.getButtons()).greaterThan(1));
        switcher.managedProperty().bind(switcher.visibleProperty());
    }

    /** Adds a top-level view under {@code name} (its switch button's words); the first one shows. */
    void add(String name, Node view) {
        if (views.putIfAbsent(name, Objects.requireNonNull(view)) != null) {
            throw new IllegalArgumentException("a view named '" + name + "' is there already");
        }
        ToggleButton b = new ToggleButton(name);
        b.setUserData(name);
        b.setId("view-" + name.toLowerCase(java.util.Locale.ROOT));
        b.setOnAction(e -> show(name)); // (and a press on the shown one keeps it shown)
        switcher.getButtons().add(b);
        getChildren().add(view);
        view.setVisible(false);
        view.setManaged(false);
        if (views.size() == 1) {
            show(name);
        }
    }

    /** Shows the view named {@code name} (and hides the others). */
    void show(String name) {
        Node shown = views.get(name);
        if (shown == null) {
            throw new IllegalArgumentException("no view named '" + name + "'");
        }
        views.values().forEach(v -> {
            v.setVisible(v == shown);
            v.setManaged(v == shown);
        });
        switcher.getButtons().forEach(b -> b.setSelected(name.equals(b.getUserData())));
        this.shown.set(name);
    }

    /** The name of the view shown, or null before the first {@link #add}. */
    String shown() {
        return shown.get();
    }

    /** The name of the view shown (null before the first {@link #add}), for parts that follow it. */
    javafx.beans.property.ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The switch between the views, for the toolbar (hidden while there is one view). */
    Node switcher() {
        return switcher;
    }
}
