package dev.interleave.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A flat JSON object (values: text, numbers, booleans, null, lists of text), written on one line. The
 * CLI prints one per run (and one per connection for serve); a JSON library would be a dependency for
 * these few lines of escaping. Not thread-safe.
 */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, e.getKey()).append(':');
            Object v = e.getValue();
            if (v == null) {
                b.append("null");
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
                b.append(v);
            } else if (v instanceof java.util.List<?> list) {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    quote(b.append(i == 0 ? "" : ","), String.valueOf(list.get(i)));
                }
                b.append(']');
            } else if (v instanceof Double d) {
                b.append(Double.isFinite(d) ? number(d) : "null");
            } else {
                quote(b, v.toString());
            }
        }
        return b.append('}').toString();
    }

    /**
     * A double with six significant digits in plain notation ("0.000412", "1683.2", "0"): enough for a
     * rate of a few in a million, and never the exponent form a reader has to decode.
     */
    static String number(double d) {
        if (d == 0) {
            return "0";
        }
        return new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
