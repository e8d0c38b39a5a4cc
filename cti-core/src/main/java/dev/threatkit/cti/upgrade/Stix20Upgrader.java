package dev.threatkit.cti.upgrade;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.ids.IdResult;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.schema.Vocabulary;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Upgrades STIX 2.0 objects to 2.1 as the specification describes, keeping id, created and modified (as MITRE's
 * own 2.1 release of ATT&amp;CK does):
 *
 * <ul>
 *   <li>{@code spec_version: "2.1"} on every object, right after {@code type};
 *   <li>labels that are values of the type's 2.1 open vocabulary move to its {@code *_types} property, a label
 *       equal to the type name ("malware", "tool") is dropped, other labels stay, and an emptied {@code labels}
 *       goes;
 *   <li>malware gets {@code is_family: true}; indicators get {@code pattern_type: "stix"} and their
 *       {@code START '...'}/{@code STOP '...'} qualifiers become timestamp literals;
 *   <li>observed-data's {@code objects} container is lifted into top-level SCOs with deterministic ids (their
 *       local references rewritten), listed in {@code object_refs}; renamed SCO properties follow 2.1;
 *   <li>a one-element list where 2.1 wants a string ({@code identity_class: ["unknown"]}) becomes that string.
 * </ul>
 *
 * Every change that alters meaning rather than form is listed in {@link Result#notes()}. Thread-safe.
 */
public final class Stix20Upgrader {
    private static final Map<String, String[]> TYPES_PROPERTY = Map.of(
            "malware", new String[] {"malware_types", "malware-type-ov"},
            "tool", new String[] {"tool_types", "tool-type-ov"},
            "threat-actor", new String[] {"threat_actor_types", "threat-actor-type-ov"},
            "indicator", new String[] {"indicator_types", "indicator-type-ov"},
            "report", new String[] {"report_types", "report-type-ov"},
            "infrastructure", new String[] {"infrastructure_types", "infrastructure-type-ov"});
    private static final Map<String, Map<String, String>> SCO_RENAMES = Map.of(
            "file", Map.of("created", "ctime", "modified", "mtime", "accessed", "atime"),
            "directory", Map.of("created", "ctime", "modified", "mtime", "accessed", "atime"),
            "process", Map.of("created", "created_time", "binary_ref", "image_ref"),
            "user-account", Map.of("password_last_changed", "credential_last_changed"),
            "windows-registry-key", Map.of("modified", "modified_time"));
    private static final Pattern START_STOP = Pattern.compile("\\b(START|STOP)\\s+'");

    private final StixRegistry registry;
    private final DeterministicIds ids;

    public Stix20Upgrader(StixRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.ids = new DeterministicIds(registry);
    }

    public static Stix20Upgrader builtIn() {
        return new Stix20Upgrader(StixRegistry.builtIn());
    }

    /**
     * Any SCOs lifted out of a 2.0 observable container, then the upgraded object (last); for each, where it came
     * from in the original ({@code objects.0} for a lifted SCO, "" for the object itself); notes on what changed
     * in meaning.
     */
    public record Result(List<StixObject> objects, List<String> origins, List<String> notes) {
        public StixObject upgraded() {
            return objects.get(objects.size() - 1);
        }
    }

    /**
     * True when {@code object} is a 2.0 object: it says {@code spec_version: "2.0"}, or says nothing and comes
     * from a 2.0 bundle.
     */
    public static boolean isStix20(StixObject object, boolean inStix20Bundle) {
        Object sv = object.get("spec_version");
        if ("2.0".equals(sv) || (sv == null && inStix20Bundle)) {
            return true;
        }
        // STIX 2.1 section 3.2: an SDO or SRO without spec_version is 2.0 (SCOs default to 2.1)
        return sv == null && object.has("created") && !"bundle".equals(object.type());
    }

    /**
     * The objects of {@code reader}, STIX 2.0 ones upgraded to 2.1 as they are read (observables lifted out of a
     * 2.0 container come before their observed-data); 2.1 objects pass through unchanged. Streams like the reader.
     */
    public Iterator<StixObject> upgrading(StixReader reader) {
        boolean stix20Bundle = "2.0".equals(reader.bundleProperties().get("spec_version"));
        return new Iterator<>() {
            private final ArrayDeque<StixObject> queue = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                return !queue.isEmpty() || reader.hasNext();
            }

            @Override
            public StixObject next() {
                if (queue.isEmpty()) {
                    StixObject o = reader.next();
                    if (!isStix20(o, stix20Bundle)) {
                        return o;
                    }
                    queue.addAll(upgrade(o).objects());
                }
                return queue.removeFirst();
            }
        };
    }

    /**
     * Upgrades one object. Lifted SCOs come first in the result, the upgraded object last, so that a writer
     * emits referenced objects before their referrer.
     */
    public Result upgrade(StixObject object) {
        List<String> notes = new ArrayList<>();
        List<StixObject> lifted = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        String type = object.type();
        StixProperties.Builder b = StixProperties.builder();
        StixProperties p = object.properties();
        for (int i = 0; i < p.size(); i++) {
            String key = p.keyAt(i);
            if (key.equals("spec_version")) {
                continue;
            }
            b.put(key, p.valueAt(i));
            if (key.equals("type")) {
                b.put("spec_version", "2.1");
            }
        }
        if (!b.has("type")) {
            b.put("spec_version", "2.1");
        }
        if (type != null) {
            moveLabels(type, b, notes);
            switch (type) {
                case "malware":
                    if (!b.has("is_family")) {
                        insertAfter(b, "description", "is_family", Boolean.TRUE);
                    }
                    break;
                case "indicator":
                    indicator(b, notes);
                    break;
                case "observed-data":
                    liftObservables(b, lifted, origins, notes);
                    break;
                default:
                    break;
            }
            unwrapSingletons(type, b, notes);
        }
        lifted.add(StixObject.of(b.build()));
        origins.add("");
        return new Result(List.copyOf(lifted), List.copyOf(origins), List.copyOf(notes));
    }

    private void moveLabels(String type, StixProperties.Builder b, List<String> notes) {
        String[] target = TYPES_PROPERTY.get(type);
        Object labels = b.get("labels");
        if (target == null || !(labels instanceof List)) {
            return;
        }
        Vocabulary vocabulary = registry.vocabulary(target[1]);
        List<Object> keep = new ArrayList<>();
        List<Object> moved = new ArrayList<>();
        for (Object label : (List<?>) labels) {
            if (type.equals(label)) {
                continue; // "malware" on a malware says nothing
            }
            if (label instanceof String && vocabulary != null && vocabulary.contains((String) label)) {
                moved.add(label);
            } else {
                keep.add(label);
            }
        }
        if (!moved.isEmpty() && !b.has(target[0])) {
            insertAfter(b, "labels", target[0], moved);
            notes.add("labels " + moved + " moved to " + target[0]);
        }
        if (keep.isEmpty()) {
            b.remove("labels");
        } else {
            b.put("labels", keep);
        }
    }

    private static void indicator(StixProperties.Builder b, List<String> notes) {
        if (!b.has("pattern_type")) {
            insertAfter(b, "pattern", "pattern_type", "stix");
        }
        Object pattern = b.get("pattern");
        if (pattern instanceof String && START_STOP.matcher((String) pattern).find()) {
            b.put("pattern", START_STOP.matcher((String) pattern).replaceAll("$1 t'"));
            notes.add("START/STOP qualifiers rewritten as timestamp literals");
        }
    }

    /** STIX 2.0 tools and feeds sometimes wrap a single string in a list; 2.1 wants the string. */
    private void unwrapSingletons(String type, StixProperties.Builder b, List<String> notes) {
        TypeDef def = registry.type(type);
        if (def == null) {
            return;
        }
        def.properties().forEach((name, spec) -> {
            Object v = b.get(name);
            if (spec.kind() == dev.threatkit.cti.schema.PropertyKind.STRING
                    && v instanceof List
                    && ((List<?>) v).size() == 1
                    && ((List<?>) v).get(0) instanceof String) {
                b.put(name, ((List<?>) v).get(0));
                notes.add(name + " was a one-element list; kept its single value as a string");
            }
        });
    }

    private void liftObservables(
            StixProperties.Builder b, List<StixObject> lifted, List<String> origins, List<String> notes) {
        Object container = b.get("objects");
        if (!(container instanceof StixProperties) || b.has("object_refs")) {
            return;
        }
        StixProperties objects = (StixProperties) container;
        for (int i = 0; i < objects.size(); i++) {
            if (!(objects.valueAt(i) instanceof StixProperties)
                    || !(((StixProperties) objects.valueAt(i)).get("type") instanceof String)) {
                notes.add("objects container left in place: entry \"" + objects.keyAt(i)
                        + "\" is not an observable with a type");
                return;
            }
        }
        Map<String, String> newIds = new LinkedHashMap<>();
        // References contribute to ids, so resolve in dependency order: repeat until every key is placed.
        List<String> pending = new ArrayList<>(objects.keySet());
        int guard = pending.size() + 1;
        while (!pending.isEmpty() && guard-- > 0) {
            for (java.util.Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                String key = it.next();
                StixProperties sco = (StixProperties) objects.get(key);
                if (!refsResolved(sco, newIds, objects.keySet())) {
                    continue;
                }
                StixObject upgraded = upgradeObservable(sco, newIds);
                newIds.put(key, upgraded.id());
                lifted.add(upgraded);
                origins.add("objects." + key);
                it.remove();
            }
        }
        for (String key : pending) { // reference cycles: ids from what is resolvable
            StixObject upgraded = upgradeObservable((StixProperties) objects.get(key), newIds);
            newIds.put(key, upgraded.id());
            lifted.add(upgraded);
            origins.add("objects." + key);
        }
        List<String> refs = new ArrayList<>();
        for (String key : objects.keySet()) { // in the container's own order
            refs.add(newIds.get(key));
        }
        insertAfter(b, "objects", "object_refs", refs);
        b.remove("objects");
        notes.add(newIds.size() + " observables lifted out of the objects container into object_refs");
    }

    private static boolean refsResolved(Object value, Map<String, String> resolved, java.util.Set<String> keys) {
        if (value instanceof StixProperties) {
            StixProperties p = (StixProperties) value;
            for (int i = 0; i < p.size(); i++) {
                String k = p.keyAt(i);
                Object v = p.valueAt(i);
                if (k.endsWith("_ref") && v instanceof String && keys.contains(v) && !resolved.containsKey(v)) {
                    return false;
                }
                if (k.endsWith("_refs") && v instanceof List) {
                    for (Object r : (List<?>) v) {
                        if (r instanceof String && keys.contains(r) && !resolved.containsKey(r)) {
                            return false;
                        }
                    }
                }
                if (!refsResolved(v, resolved, keys)) {
                    return false;
                }
            }
        } else if (value instanceof List) {
            for (Object o : (List<?>) value) {
                if (!refsResolved(o, resolved, keys)) {
                    return false;
                }
            }
        }
        return true;
    }

    private StixObject upgradeObservable(StixProperties sco, Map<String, String> newIds) {
        String type = sco.getString("type");
        Map<String, String> renames = SCO_RENAMES.getOrDefault(type, Map.of());
        StixProperties.Builder b = StixProperties.builder();
        for (int i = 0; i < sco.size(); i++) {
            String key = sco.keyAt(i);
            b.put(renames.getOrDefault(key, key), rewriteRefs(key, sco.valueAt(i), newIds));
            if (key.equals("type")) {
                b.put("spec_version", "2.1");
            }
        }
        StixObject draft = StixObject.of(b.build());
        IdResult id = ids.compute(draft);
        String value = id.present() ? id.id() : type + "--" + UUID.randomUUID();
        StixProperties.Builder withId = StixProperties.builder();
        StixProperties d = draft.properties();
        for (int i = 0; i < d.size(); i++) {
            withId.put(d.keyAt(i), d.valueAt(i));
            if (d.keyAt(i).equals("type")) {
                withId.put("id", value);
            }
        }
        return StixObject.of(withId.build());
    }

    private static Object rewriteRefs(String key, Object value, Map<String, String> newIds) {
        if (key.endsWith("_ref") && value instanceof String) {
            return newIds.getOrDefault(value, (String) value);
        }
        if (key.endsWith("_refs") && value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object r : (List<?>) value) {
                out.add(r instanceof String ? newIds.getOrDefault(r, (String) r) : r);
            }
            return out;
        }
        if (value instanceof StixProperties) {
            StixProperties p = (StixProperties) value;
            StixProperties.Builder b = StixProperties.builder();
            for (int i = 0; i < p.size(); i++) {
                b.put(p.keyAt(i), rewriteRefs(p.keyAt(i), p.valueAt(i), newIds));
            }
            return b.build();
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                out.add(rewriteRefs("", o, newIds));
            }
            return out;
        }
        return value;
    }

    /** Puts {@code key} right after {@code anchor} (at the end when the anchor is absent). */
    private static void insertAfter(StixProperties.Builder b, String anchor, String key, Object value) {
        StixProperties current = b.build();
        int at = current.indexOf(anchor);
        if (at < 0) {
            b.put(key, value);
            return;
        }
        for (int i = at + 1; i < current.size(); i++) {
            b.remove(current.keyAt(i));
        }
        b.put(key, value);
        for (int i = at + 1; i < current.size(); i++) {
            if (!current.keyAt(i).equals(key)) {
                b.put(current.keyAt(i), current.valueAt(i));
            }
        }
    }
}
