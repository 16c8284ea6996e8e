package dev.interleave.ui;

import dev.interleave.send.SendStrategy;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * A strategy in the strategy list: its name and the one line of what it will show; a strategy this
 * machine cannot run is disabled and says why. FX thread.
 */
final class StrategyCell extends ListCell<SendStrategy> {
    private final Label name = new Label();
    private final Label reason = new Label();
    private final VBox box = new VBox(1, name, reason);

    StrategyCell() {
        getStyleClass().add(StyleClasses.STRATEGY_CELL);
        name.getStyleClass().add(StyleClasses.STRATEGY_NAME);
        reason.getStyleClass().add(StyleClasses.STRATEGY_REASON);
        reason.setWrapText(true);
        reason.setMaxWidth(360);
    }

    @Override
    protected void updateItem(SendStrategy s, boolean empty) {
        super.updateItem(s, empty);
        setText(null);
        if (empty || s == null) {
            setGraphic(null);
            setDisable(false);
            setTooltip(null);
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(StyleClasses.STRATEGY_UNAVAILABLE), false);
            return;
        }
        String why = s.unavailableReason().orElse(null);
        name.setText(s.name());
        reason.setText(why == null ? s.reason() : "Not available here: " + why);
        setGraphic(box);
        setDisable(why != null);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(StyleClasses.STRATEGY_UNAVAILABLE), why != null);
        setTooltip(new Tooltip(why == null ? s.reason() : why));
    }
}
