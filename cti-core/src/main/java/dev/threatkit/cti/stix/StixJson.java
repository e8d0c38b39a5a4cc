package dev.threatkit.cti.stix;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Small conveniences over {@link StixReader} and {@link StixWriter} for single values. */
public final class StixJson {
    private StixJson() {}

    /** Parses one STIX object from JSON text. */
    public static StixObject parseObject(String json) {
        try (StixReader r = StixReader.of(json)) {
            if (r.shape() != StixReader.Shape.SINGLE || !r.hasNext()) {
                throw new StixParseException(
                        StixParseException.Reason.NOT_STIX,
                        "input",
                        "",
                        0,
                        0,
                        "expected one STIX object, found a " + r.shape().name().toLowerCase(java.util.Locale.ROOT));
            }
            return r.next();
        }
    }

    /** Compact JSON of a STIX object, keys in arrival order. */
    public static String toJson(StixObject object) {
        return StixWriter.toJson(object.properties());
    }

    /** Writes the compact UTF-8 JSON of {@code object} to {@code out}, which stays open. */
    public static void writeJson(StixObject object, java.io.OutputStream out) {
        StixWriter.writeCompact(object.properties(), out);
    }

    /** Compact JSON of any value held by a {@link StixProperties}. */
    public static String toJson(Object value) {
        return StixWriter.toJson(value);
    }

    /** Pretty-printed JSON bytes of one object. */
    public static byte[] toPrettyJson(StixObject object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StixWriter w = StixWriter.objects(out, true)) {
            w.write(object);
        }
        return out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }
}
