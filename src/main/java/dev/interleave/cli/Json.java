package dev.interleave.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.interleave.report.CsvReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON object, written on one line by jackson-core's generator, fields in the order they were
 * put. Values: text, numbers, booleans, null, lists (of text, or of objects) and nested objects. The
 * CLI prints one per run (and one per connection for serve). Not thread-safe.
 *
 * <p>The output is the format the CLI has always printed (JsonGoldenTest holds it byte for byte): a
 * double has six significant digits in plain notation ({@link CsvReport#number}, as in the reports),
 * NaN and infinities are null, an int, a long or a BigInteger is written whole, any other value is its
 * text, a list's items are text unless they are objects, and control characters other than
 * {@code \n \r \t} are written as {@code \\u00xx}.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new Escapes()).build();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Sets {@code key} to {@code value} (a later put of the same key keeps the first place). */
    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Json object) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : object.fields.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Integer || v instanceof Long) {
                g.writeNumber(((Number) v).longValue());
            } else if (v instanceof BigInteger big) {
                g.writeNumber(big);
            } else if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    g.writeNumber(CsvReport.number(d));
                } else {
                    g.writeNull();
                }
            } else if (v instanceof Json nested) {
                write(g, nested);
            } else if (v instanceof List<?> list) {
                g.writeStartArray();
                for (Object item : list) {
                    if (item instanceof Json nested) {
                        write(g, nested);
                    } else {
                        g.writeString(String.valueOf(item));
                    }
                }
                g.writeEndArray();
            } else {
                g.writeString(v.toString());
            }
        }
        g.writeEndObject();
    }

    /**
     * JSON's required escapes, with every control character but {@code \n \r \t} as a lower-case
     * {@code \\u00xx} (jackson's own would be {@code \b}, {@code \f} and upper-case hex).
     */
    private static final class Escapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }
}
