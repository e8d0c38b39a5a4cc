package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.Objects;

/**
 * RFC 6902 patches between two versions of an object, one operation per changed top-level property
 * (a whole property is replaced rather than diffed inside), which every JSON Patch library applies.
 */
final class JsonPatch {
    private JsonPatch() {}

    /** The patch that turns {@code from} into {@code to}, as a JSON array ({@code []} when equal). */
    static String diff(StixObject from, StixObject to) {
        StixProperties a = from.properties();
        StixProperties b = to.properties();
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < a.size(); i++) {
            String key = a.keyAt(i);
            if (b.indexOf(key) < 0) {
                op(out, "remove", key, null);
            }
        }
        for (int i = 0; i < b.size(); i++) {
            String key = b.keyAt(i);
            int j = a.indexOf(key);
            if (j < 0) {
                op(out, "add", key, b.valueAt(i));
            } else if (!Objects.equals(a.valueAt(j), b.valueAt(i))) {
                op(out, "replace", key, b.valueAt(i));
            }
        }
        return out.append(']').toString();
    }

    private static void op(StringBuilder out, String op, String key, Object value) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append("{\"op\":\"").append(op).append("\",\"path\":").append(StixJson.toJson("/" + escape(key)));
        if (value != null) {
            out.append(",\"value\":").append(StixJson.toJson(value));
        }
        out.append('}');
    }

    /** An update event from {@code before} to {@code after}, with the patch and the reverse patch. */
    static dev.threatkit.cti.store.ChangeEvent update(
            long id, java.time.Instant time, String source, String objectId, StixObject before, StixObject after) {
        return new dev.threatkit.cti.store.ChangeEvent(
                id,
                dev.threatkit.cti.store.ChangeKind.UPDATE,
                time,
                source,
                objectId,
                after,
                diff(before, after),
                diff(after, before),
                null,
                false);
    }

    /** JSON Pointer escaping (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
