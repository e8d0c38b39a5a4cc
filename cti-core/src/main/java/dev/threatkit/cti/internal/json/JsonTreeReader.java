package dev.threatkit.cti.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.threatkit.cti.stix.StixProperties;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one JSON value from a Jackson parser into immutable {@link StixProperties} / {@link JsonList} values.
 *
 * <p>Per-depth scratch buffers are reused across values, so reading an object allocates little more than the
 * final arrays. Not thread-safe: one instance per parser.
 */
public final class JsonTreeReader {
    /** Above this many keys duplicate detection switches from pairwise comparison to a hash set. */
    private static final int PAIRWISE_LIMIT = 16;

    private String[][] keyBuffers = new String[8][];
    private Object[][] valueBuffers = new Object[8][];

    /** Thrown for a key that appears twice in one object; carries the JSON path of the object. */
    public static final class DuplicateKeyException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient JsonStreamContext context;

        public DuplicateKeyException(String key, JsonStreamContext context) {
            super("duplicate key \"" + key + "\"");
            this.key = key;
            this.context = context;
        }

        public String key() {
            return key;
        }

        public JsonStreamContext context() {
            return context;
        }
    }

    /** Reads the value whose first token {@code token} the parser is positioned on. */
    public Object readValue(JsonParser p, JsonToken token) throws IOException {
        return read(p, token, 0);
    }

    private Object read(JsonParser p, JsonToken token, int depth) throws IOException {
        switch (token) {
            case START_OBJECT:
                return readObject(p, depth);
            case START_ARRAY:
                return readArray(p, depth);
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue()
                        : Long.valueOf(p.getLongValue());
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                // beyond double range (1e999): keep the exact decimal rather than an infinity JSON cannot hold
                return Double.isInfinite(d) ? p.getDecimalValue() : (Object) d;
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** Reads the members of an object whose START_OBJECT is the current token. */
    public StixProperties readObject(JsonParser p) throws IOException {
        return readObject(p, 0);
    }

    private StixProperties readObject(JsonParser p, int depth) throws IOException {
        ensureDepth(depth);
        String[] keys = keyBuffers[depth];
        Object[] values = valueBuffers[depth];
        int n = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            Object v = read(p, p.nextToken(), depth + 1);
            if (n == keys.length) {
                keys = keyBuffers[depth] = Arrays.copyOf(keys, n * 2);
                values = valueBuffers[depth] = Arrays.copyOf(values, n * 2);
            }
            keys[n] = name;
            values[n] = v;
            n++;
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("expected a key or '}' but found " + p.currentToken());
        }
        checkDuplicates(keys, n, p);
        String[] k = Arrays.copyOf(keys, n);
        Object[] v = Arrays.copyOf(values, n);
        Arrays.fill(values, 0, n, null);
        return StixProperties.wrapTrusted(k, v);
    }

    private Object readArray(JsonParser p, int depth) throws IOException {
        ensureDepth(depth);
        Object[] values = valueBuffers[depth];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("unexpected end of input inside an array");
            }
            Object v = read(p, t, depth + 1);
            if (n == values.length) {
                values = valueBuffers[depth] = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }
        Object[] v = Arrays.copyOf(values, n);
        Arrays.fill(values, 0, n, null);
        return JsonList.wrap(v);
    }

    private void ensureDepth(int depth) {
        if (depth >= keyBuffers.length) {
            keyBuffers = Arrays.copyOf(keyBuffers, depth * 2);
            valueBuffers = Arrays.copyOf(valueBuffers, depth * 2);
        }
        if (keyBuffers[depth] == null) {
            keyBuffers[depth] = new String[32];
            valueBuffers[depth] = new Object[32];
        }
    }

    private static void checkDuplicates(String[] keys, int n, JsonParser p) throws DuplicateKeyException {
        if (n <= PAIRWISE_LIMIT) {
            for (int i = 1; i < n; i++) {
                String k = keys[i];
                for (int j = 0; j < i; j++) {
                    if (keys[j] == k || keys[j].equals(k)) {
                        throw new DuplicateKeyException(k, p.getParsingContext());
                    }
                }
            }
            return;
        }
        Set<String> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (!seen.add(keys[i])) {
                throw new DuplicateKeyException(keys[i], p.getParsingContext());
            }
        }
    }

    /** The JSON path of a parser context in our notation: {@code objects[12].kill_chain_phases[0]}. */
    public static String path(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        append(sb, ctx);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return;
        }
        append(sb, ctx.getParent());
        if (ctx.inArray()) {
            sb.append('[').append(Math.max(0, ctx.getCurrentIndex())).append(']');
        } else if (ctx.inObject() && ctx.getCurrentName() != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(ctx.getCurrentName());
        }
    }
}
