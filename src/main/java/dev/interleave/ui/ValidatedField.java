package dev.interleave.ui;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * A text field that holds a typed value: it parses as the person types, keeps the last good value,
 * and shows what is wrong instead of clamping or dropping the text. What is wrong shows on the field
 * itself, through ControlsFX's {@link ValidationSupport} (an error mark whose tooltip says why) and an
 * error border, so nothing around the field moves; the knobs panel lists every problem in one line of
 * its own. FX thread only.
 */
final class ValidatedField<T> {

    /** Reads the text; throws with a message that names the value and its range. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws InputException;
    }

    private final String name;
    private final TextField field;
    private final Parser<T> parser;
    private final Function<T, String> formatter;
    private final BooleanSupplier applies;
    private final ReadOnlyObjectWrapper<T> value;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param name      what the value is called in messages ("threads")
     * @param formatter the text for a value set by the program
     * @param applies   whether the field counts now (an address while the in-process verifier is
     *                  chosen does not); its text is kept either way
     */
    ValidatedField(String name, TextField field, ValidationSupport validation, Parser<T> parser,
                   Function<T, String> formatter, T initial, BooleanSupplier applies) {
        this.name = name;
        this.field = field;
        this.parser = parser;
        this.formatter = formatter;
        this.applies = applies;
        this.value = new ReadOnlyObjectWrapper<>(this, "value", initial);
        field.setText(formatter.apply(initial));
        field.textProperty().addListener((obs, old, text) -> validate(text));
        validation.registerValidator(field, false, (Control c, String text) -> {
            String why = applies.getAsBoolean() ? errorFor(text) : "";
            return ValidationResult.fromErrorIf(c, name + ": " + why, !why.isEmpty());
        });
        validate(field.getText());
    }

    ValidatedField(String name, TextField field, ValidationSupport validation, Parser<T> parser,
                   Function<T, String> formatter, T initial) {
        this(name, field, validation, parser, formatter, initial, () -> true);
    }

    private String errorFor(String text) {
        try {
            parser.parse(text);
            return "";
        } catch (InputException e) {
            return e.getMessage();
        }
    }

    /** Parses the text again (after {@code applies} changed). */
    void revalidate() {
        validate(field.getText());
    }

    private void validate(String text) {
        if (!applies.getAsBoolean()) {
            showError("");
            return;
        }
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
        field.pseudoClassStateChanged(StyleClasses.ERROR, !text.isEmpty());
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

    /** "" when the text parses (or the field does not apply), else why not. */
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
