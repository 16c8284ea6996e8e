package dev.interleave.ui;

/** Text a person typed that is not a valid value; the message says why, in one short sentence. */
final class InputException extends Exception {
    InputException(String message) {
        super(message, null, false, false);
    }
}
