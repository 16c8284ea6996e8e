package dev.interleave.ui.grid;

import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The grid's colours as CSS sets them ({@code -il-intact-color} and the others in grid.css, which
 * follow the theme), and the premultiplied pixel colours the painter writes, made once per change.
 * FX thread only.
 */
final class GridStyle {
    static final StyleablePropertyFactory<PacketGrid> CSS = new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Color> intact;
    private final StyleableProperty<Color> torn;
    private final StyleableProperty<Color> missing;
    private final StyleableProperty<Color> duplicate;
    private final StyleableProperty<Color> pending;
    private final StyleableProperty<Color> notSent;
    private final StyleableProperty<Color> hover;
    /** Pixel colour by {@link CellState} rank. */
    private final int[] stateColors = new int[CellState.COUNT];

    /** @param changed called after any colour changed (the picture and the legend must follow) */
    GridStyle(PacketGrid grid, Runnable changed) {
        intact = CSS.createStyleableColorProperty(grid, "intactColor", "-il-intact-color", g -> g.style().intact,
                Color.web("#2da44e"));
        torn = CSS.createStyleableColorProperty(grid, "tornColor", "-il-torn-color", g -> g.style().torn,
                Color.web("#e5484d"));
        missing = CSS.createStyleableColorProperty(grid, "missingColor", "-il-missing-color", g -> g.style().missing,
                Color.web("#e8a317"));
        duplicate = CSS.createStyleableColorProperty(grid, "duplicateColor", "-il-duplicate-color",
                g -> g.style().duplicate, Color.web("#9a6dd7"));
        pending = CSS.createStyleableColorProperty(grid, "pendingColor", "-il-pending-color", g -> g.style().pending,
                Color.web("#8c959f"));
        notSent = CSS.createStyleableColorProperty(grid, "notSentColor", "-il-not-sent-color", g -> g.style().notSent,
                Color.web("#d0d7de"));
        hover = CSS.createStyleableColorProperty(grid, "hoverColor", "-il-hover-color", g -> g.style().hover,
                Color.web("#0969da"));
        update();
        for (StyleableProperty<Color> p : List.of(intact, torn, missing, duplicate, pending, notSent, hover)) {
            ((ObservableValue<?>) p).addListener((o, a, b) -> {
                update();
                changed.run();
            });
        }
    }

    private void update() {
        stateColors[CellState.INTACT] = GridColors.argb(intact.getValue());
        stateColors[CellState.NOT_SENT] = GridColors.argb(notSent.getValue());
        stateColors[CellState.PENDING] = GridColors.argb(pending.getValue());
        stateColors[CellState.DUPLICATE] = GridColors.argb(duplicate.getValue());
        stateColors[CellState.MISSING] = GridColors.argb(missing.getValue());
        stateColors[CellState.TORN] = GridColors.argb(torn.getValue());
    }

    /** Pixel colours by {@link CellState} rank (the painter's input; not to be changed). */
    int[] stateColors() {
        return stateColors;
    }

    /** The focus ring's and the hover outline's colour. */
    Color hover() {
        return hover.getValue();
    }

    /** The colours by {@link CellState} rank, for the legend. */
    Color[] states() {
        return new Color[] {intact.getValue(), notSent.getValue(), pending.getValue(), duplicate.getValue(),
                missing.getValue(), torn.getValue()};
    }
}
