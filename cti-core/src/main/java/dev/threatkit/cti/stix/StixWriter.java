package dev.threatkit.cti.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes STIX objects as JSON, streaming: a bundle of any size is written one object at a time.
 *
 * <pre>{@code
 * try (StixWriter out = StixWriter.bundle(stream, "bundle--" + UUID.randomUUID(), true)) {
 *     objects.forEach(out::write);
 * }
 * }</pre>
 *
 * Keys keep their arrival order; values are written exactly as held. Not thread-safe.
 */
public final class StixWriter implements Closeable {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator generator;
    private final boolean bundle;

    private StixWriter(JsonGenerator generator, boolean bundle) {
        this.generator = generator;
        this.bundle = bundle;
    }

    /**
     * Starts a bundle: {@code {"type": "bundle", "id": id, "objects": [}}; {@link #close()} ends it. The stream
     * is flushed but not closed.
     */
    public static StixWriter bundle(OutputStream out, String id, boolean pretty) {
        try {
            JsonGenerator g = generator(FACTORY.createGenerator(out), pretty);
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", id);
            g.writeFieldName("objects");
            g.writeStartArray();
            return new StixWriter(g, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bare objects, one after the other (use {@link #write} once for a single-object file). */
    public static StixWriter objects(OutputStream out, boolean pretty) {
        try {
            return new StixWriter(generator(FACTORY.createGenerator(out), pretty), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonGenerator generator(JsonGenerator g, boolean pretty) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (pretty) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n"));
            g.setPrettyPrinter(pp);
        }
        return g;
    }

    public StixWriter write(StixObject object) {
        try {
            writeValue(generator, object.properties());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (bundle) {
                generator.writeEndArray();
                generator.writeEndObject();
            }
            generator.writeRaw('\n');
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact UTF-8 JSON of a value to a stream, which stays open. */
    static void writeCompact(Object value, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON of any JSON value held by this library. */
    static String toJson(Object value) {
        java.io.StringWriter sw = new java.io.StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator((Writer) sw)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof StixProperties) {
            StixProperties p = (StixProperties) v;
            g.writeStartObject();
            for (int i = 0, n = p.size(); i < n; i++) {
                g.writeFieldName(p.keyAt(i));
                writeValue(g, p.valueAt(i));
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            g.writeStartArray();
            for (int i = 0, n = list.size(); i < n; i++) {
                writeValue(g, list.get(i));
            }
            g.writeEndArray();
        } else if (v instanceof Long) {
            g.writeNumber((Long) v);
        } else if (v instanceof Double) {
            g.writeNumber((Double) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof java.math.BigDecimal) {
            g.writeNumber((java.math.BigDecimal) v);
        } else if (v instanceof Map) {
            writeValue(g, StixProperties.copyOf(castMap(v)));
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + v.getClass().getName());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Object v) {
        return (Map<String, ?>) v;
    }
}
