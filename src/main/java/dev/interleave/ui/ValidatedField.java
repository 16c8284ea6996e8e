package dev.interleave.ui;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/**
 * A text field that holds a typed value: it parses as the person types, keeps the last good value,
 * and shows what is wrong (an error style on the field and a message under it) instead of clamping or
 * dropping the text. FX thread only.
 */
final class ValidatedField<T> {

    /** Reads the text; throws with a message that names the value and its range. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws InputException;
    }

    private final String name;
    private final TextField field;
    private final Label message;
    private final Parser<T> parser;
    private final Function<T, String> formatter;
    private final ReadOnlyObjectWrapper<T> value;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param name      what the value is called in messages ("threads")
     * @param message   where the error is shown, or null for the field's tooltip only
     * @param formatter the text for a value set by the program
     */
    ValidatedField(String name, TextField field, Label message, Parser<T> parser, Function<T, String> formatter,
                   T initial) {
        this.name = name;
        this.field = field;
        this.message = message;
        this.parser = parser;
        this.formatter = formatter;
        this.value = new ReadOnlyObjectWrapper<>(this, "value", initial);
        field.setText(formatter.apply(initial));
        field.textProperty().addListener((obs, old, text) -> validate(text));
        showError("");
    }

    private void validate(String text) {
        try {
            T v = parser.parse(text);
            showError("");
            if (!Objects.equals(v, value.get())) {
                value.set(v);
            }
        } catch (InputException e) {
            showError(e.getMessage());
        }
    }

    private void showError(String text) {
        error.set(text);
        boolean bad = !text.isEmpty();
        field.pseudoClassStateChanged(StyleClasses.ERROR, bad);
        if (message != null) {
            message.setText(text);
            message.setVisible(bad);
            message.setManaged(bad);
        }
    }

    /** Sets the value and shows its canonical text. */
    void set(T v) {
        String text = formatter.apply(v);
        if (!text.equals(field.getText())) {
            field.setText(text);
        } else {
            validate(text);
        }
        value.set(v);
    }

    /** The last value that parsed. */
    T get() {
        return value.get();
    }

    ReadOnlyObjectProperty<T> valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** "" when the text parses, else why not. */
    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    boolean isValid() {
        return error.get().isEmpty();
    }

    /** "threads: 'abc' is not a whole number", or "". */
    String problem() {
        return isValid() ? "" : name + ": " + error.get();
    }

    TextField field() {
        return field;
    }
}
