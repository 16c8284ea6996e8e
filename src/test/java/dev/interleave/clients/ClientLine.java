package dev.interleave.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * The one JSON line a reference client prints, with typed access. A missing key is an error (so a
 * client that leaves one out fails); a {@code null} value is "not measured" or "not known".
 */
record ClientLine(Map<String, Object> fields) {
    /**
     * Strict: a repeated key or text after the object is an error, so a client that prints malformed
     * JSON fails its test. Objects read as maps, arrays as lists, numbers as Integer, Long or Double.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses the client's stdout, which must be exactly one line holding one JSON object. */
    static ClientLine parse(String stdout) {
        String text = stdout.strip();
        if (text.isEmpty() || text.contains("\n")) {
            throw new IllegalArgumentException("expected exactly one line on stdout, got: " + stdout);
        }
        Object parsed;
        try {
            parsed = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + " in: " + text, e);
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) m;
        return new ClientLine(f);
    }

    Object get(String key) {
        if (!fields.containsKey(key)) {
            throw new IllegalArgumentException("no \"" + key + "\" in " + fields);
        }
        return fields.get(key);
    }

    long number(String key) {
        return ((Number) get(key)).longValue();
    }

    /** A count that may be null (not measured): null gives -1, as all ones in the sender report. */
    static long countOrUnmeasured(Object v) {
        return v == null ? -1 : ((Number) v).longValue();
    }

    String text(String key) {
        return (String) get(key);
    }

    boolean flag(String key) {
        return (Boolean) get(key);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String key) {
        return (Map<String, Object>) get(key);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> perThread() {
        return (List<Map<String, Object>>) get("perThread");
    }

    /** The run id as the Hello carries it. */
    long runId() {
        return Long.parseUnsignedLong(text("runId"), 16);
    }
}
