package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an incoming object changes a stored one (opencti.md section 4.2, with the versioning rule STIX adds).
 *
 * <p>Two cases. A new version of the <em>same</em> STIX object (matched by its id or an id it was known by)
 * supersedes the stored one when its {@code modified} is newer, or equal with different content (a warning:
 * the source changed it without saying so); an older version never overwrites a newer one. A
 * <em>different</em> object that describes the same thing (matched by standard id, alias or hash) is merged
 * in the OpenCTI way: list properties unioned, hashes merged, single values filled where empty and replaced
 * only with enough confidence, {@code created_by_ref} replaced only with strictly higher confidence, and its
 * STIX id remembered in {@code x_opencti_stix_ids}. Either way {@code created} keeps the oldest value and
 * writes take effect only within the caller's maximum confidence.
 */
final class Upsert {
    static final String STIX_IDS = "x_opencti_stix_ids";

    /** What the upsert decided. {@code next} is null when nothing changes. */
    record Result(StixObject next, String warning) {
        boolean changed() {
            return next != null;
        }
    }

    private Upsert() {}

    /** The confidence a write applies with: the object's (default 100) capped by the caller's maximum. */
    static int applied(StixObject incoming, int callerMax) {
        Long c = incoming.confidence();
        int given = c == null ? 100 : (int) Math.max(0, Math.min(100, c));
        return Math.min(given, callerMax);
    }

    /**
     * A stored object's confidence; one without counts as 100, the confidence OpenCTI gives an object created
     * without one by a caller who may write at 100.
     */
    static int stored(StixObject current) {
        Long c = current.confidence();
        return c == null ? 100 : (int) Math.max(0, Math.min(100, c));
    }

    /** The object as first stored: its confidence capped to what the caller may write. */
    static StixObject forCreate(StixObject incoming, int callerMax) {
        Long c = incoming.confidence();
        if (c != null && c > callerMax) {
            return incoming.toBuilder().put("confidence", (long) callerMax).build();
        }
        return incoming;
    }

    static Result merge(StixObject current, StixObject incoming, boolean sameObject, int callerMax) {
        int toApply = applied(incoming, callerMax);
        int stored = stored(current);
        boolean confidenceMatch = toApply >= stored;
        int order = compareModified(current.modified(), incoming.modified());
        return sameObject
                ? newVersion(current, incoming, order, confidenceMatch, callerMax)
                : sameThing(current, incoming, order, confidenceMatch, toApply > stored, toApply);
    }

    private static Result newVersion(
            StixObject current, StixObject incoming, int order, boolean confidenceMatch, int callerMax) {
        if (order > 0) {
            return new Result(null, null); // older than what is stored: never overwrites
        }
        StixObject.Builder b = forCreate(incoming, callerMax).toBuilder();
        b.id(current.id());
        String created = older(current.created(), incoming.created());
        if (created != null) {
            b.put("created", created);
        }
        List<String> ids = unionIds(current, incoming, current.id());
        if (!ids.isEmpty()) {
            b.put(STIX_IDS, ids);
        }
        StixObject next = b.build();
        if (next.equals(current)) {
            return new Result(null, null);
        }
        if (!confidenceMatch) {
            return new Result(null, "not updated: its confidence is below the stored object's");
        }
        String warning = order == 0 && current.modified() != null
                ? "changed without a newer modified (" + current.modified() + ")"
                : null;
        return new Result(next, warning);
    }

    private static Result sameThing(
            StixObject current,
            StixObject incoming,
            int order,
            boolean confidenceMatch,
            boolean confidenceUpper,
            int toApply) {
        StixProperties cur = current.properties();
        StixObject.Builder b = current.toBuilder();
        StixProperties in = incoming.properties();
        for (int i = 0; i < in.size(); i++) {
            String key = in.keyAt(i);
            Object value = in.valueAt(i);
            Object had = cur.get(key);
            switch (key) {
                case "id":
                case "type":
                case "spec_version":
                case STIX_IDS:
                    continue;
                case "created":
                    String created = older(current.created(), incoming.created());
                    if (created != null) {
                        b.put("created", created);
                    }
                    continue;
                case "modified":
                    if (order < 0) {
                        b.put("modified", value);
                    }
                    continue;
                case "confidence":
                    if (confidenceMatch) {
                        b.put("confidence", (long) toApply);
                    }
                    continue;
                case "created_by_ref":
                    if (had == null || confidenceUpper) {
                        b.put(key, value);
                    }
                    continue;
                default:
                    break;
            }
            if (isEmpty(value)) {
                continue;
            }
            if (had == null || isEmpty(had)) {
                b.put(key, value); // gap filling, whatever the confidence
            } else if (value instanceof List && had instanceof List) {
                boolean always = key.equals("labels") || key.equals("external_references");
                if (always || confidenceMatch) {
                    b.put(key, union((List<?>) had, (List<?>) value));
                }
            } else if (value instanceof StixProperties && had instanceof StixProperties && key.equals("hashes")) {
                StixProperties.Builder merged = ((StixProperties) had).toBuilder();
                StixProperties add = (StixProperties) value;
                for (int j = 0; j < add.size(); j++) {
                    if (confidenceMatch || !((StixProperties) had).containsKey(add.keyAt(j))) {
                        merged.put(add.keyAt(j), add.valueAt(j));
                    }
                }
                b.put(key, merged.build());
            } else if (confidenceMatch && order <= 0 && !Objects.equals(had, value)) {
                b.put(key, value);
            }
        }
        List<String> ids = unionIds(current, incoming, current.id());
        if (!ids.isEmpty()) {
            b.put(STIX_IDS, ids);
        }
        StixObject next = b.build();
        return new Result(next.equals(current) ? null : next, null);
    }

    /**
     * {@code target} with {@code source} merged into it (opencti.md section 4.3): lists unioned, hashes gaining
     * the keys they lack, single values filled only where the target has none, the source's name added to the
     * target's aliases ({@code aliasesProperty}, when the type has one), and the source's ids (its STIX id, the
     * ids it was known by, its standard id) added to {@code x_opencti_stix_ids}. {@code created} keeps the oldest.
     */
    static StixObject absorb(StixObject target, StixObject source, String aliasesProperty, String sourceStandardId) {
        StixProperties cur = target.properties();
        StixObject.Builder b = target.toBuilder();
        StixProperties in = source.properties();
        for (int i = 0; i < in.size(); i++) {
            String key = in.keyAt(i);
            Object value = in.valueAt(i);
            Object had = cur.get(key);
            if (key.equals("id")
                    || key.equals("type")
                    || key.equals("spec_version")
                    || key.equals(STIX_IDS)
                    || key.equals("modified")
                    || key.equals("created")
                    || isEmpty(value)) {
                continue;
            }
            if (had == null || isEmpty(had)) {
                b.put(key, value);
            } else if (value instanceof List && had instanceof List) {
                b.put(key, union((List<?>) had, (List<?>) value));
            } else if (value instanceof StixProperties && had instanceof StixProperties && key.equals("hashes")) {
                StixProperties.Builder merged = ((StixProperties) had).toBuilder();
                StixProperties add = (StixProperties) value;
                for (int j = 0; j < add.size(); j++) {
                    if (!((StixProperties) had).containsKey(add.keyAt(j))) {
                        merged.put(add.keyAt(j), add.valueAt(j));
                    }
                }
                b.put(key, merged.build());
            }
        }
        String created = older(target.created(), source.created());
        if (created != null) {
            b.put("created", created);
        }
        String name = source.name();
        if (aliasesProperty != null && name != null && !name.equalsIgnoreCase(String.valueOf(target.name()))) {
            List<String> aliases = b.build().getStrings(aliasesProperty);
            b.put(aliasesProperty, union(aliases == null ? List.of() : aliases, List.of(name)));
        }
        List<String> ids = unionIds(target, source, target.id());
        if (sourceStandardId != null && !ids.contains(sourceStandardId)) {
            ids.add(sourceStandardId);
        }
        if (!ids.isEmpty()) {
            b.put(STIX_IDS, ids);
        }
        return b.build();
    }

    /** Ids the stored object is known by: its own, the incoming object's id and its known ids, minus {@code self}. */
    private static List<String> unionIds(StixObject current, StixObject incoming, String self) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> had = current.getStrings(STIX_IDS);
        if (had != null) {
            ids.addAll(had);
        }
        if (incoming.id() != null) {
            ids.add(incoming.id());
        }
        List<String> more = incoming.getStrings(STIX_IDS);
        if (more != null) {
            ids.addAll(more);
        }
        ids.remove(self);
        return new ArrayList<>(ids);
    }

    private static List<Object> union(List<?> a, List<?> b) {
        Set<Object> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return new ArrayList<>(out);
    }

    private static boolean isEmpty(Object v) {
        return v == null
                || (v instanceof String && ((String) v).isEmpty())
                || (v instanceof List && ((List<?>) v).isEmpty())
                || (v instanceof StixProperties && ((StixProperties) v).isEmpty());
    }

    /** Negative when {@code incoming} is newer, 0 when equal or either is missing, positive when older. */
    static int compareModified(String stored, String incoming) {
        if (stored == null || incoming == null || !Timestamps.isValid(stored) || !Timestamps.isValid(incoming)) {
            return 0;
        }
        return Integer.signum(Timestamps.compare(stored, incoming));
    }

    private static String older(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null || !Timestamps.isValid(a) || !Timestamps.isValid(b)) {
            return a;
        }
        return Timestamps.compare(a, b) <= 0 ? a : b;
    }
}
