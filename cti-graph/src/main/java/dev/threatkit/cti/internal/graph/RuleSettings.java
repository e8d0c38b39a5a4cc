package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.graph.RuleScope;
import dev.threatkit.cti.internal.reasoning.RuleCatalog;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules are enabled, with their scopes: {@code rules.json} in the data directory, replaced atomically. The
 * store reconciles inferred facts with it on every open, so a crash between the two leaves nothing wrong for long.
 */
final class RuleSettings {
    static final String FILE = "rules.json";

    private RuleSettings() {}

    /** Enabled rules in catalog order; empty when the file is absent. */
    static Map<String, RuleScope> load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Map<String, RuleScope> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        StixObject o;
        try {
            o = StixJson.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | StixParseException e) {
            throw new StoreException("cannot read the rule settings " + file + ": " + e.getMessage()
                    + "; fix or delete the file (deleting it disables every rule)");
        }
        StixProperties rules = o.getObject("rules");
        if (rules == null) {
            return out;
        }
        for (String id : rules.keys()) {
            if (RuleCatalog.get(id) == null) {
                throw new StoreException(file + " enables an unknown rule \"" + id + "\"; remove it from the file");
            }
            StixProperties s = rules.getObject(id);
            if (s == null) {
                throw new StoreException(file + ": the scope of rule \"" + id + "\" must be a JSON object");
            }
            Object confidence = s.get("min_confidence");
            int min = confidence instanceof Number ? ((Number) confidence).intValue() : 0;
            try {
                out.put(
                        id,
                        new RuleScope(strings(s, "entity_types"), min, strings(s, "markings"), strings(s, "sources")));
            } catch (IllegalArgumentException e) {
                throw new StoreException(file + ": rule \"" + id + "\": " + e.getMessage());
            }
        }
        Map<String, RuleScope> ordered = new LinkedHashMap<>();
        RuleCatalog.all().forEach(r -> {
            if (out.containsKey(r.id())) {
                ordered.put(r.id(), out.get(r.id()));
            }
        });
        return ordered;
    }

    private static Set<String> strings(StixProperties s, String key) {
        List<Object> l = s.getList(key);
        Set<String> out = new HashSet<>();
        if (l != null) {
            for (Object v : l) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    /** Replaces the file: written beside it, forced, then moved over it. */
    static void save(Path dataDir, Map<String, RuleScope> enabled) {
        Map<String, Object> rules = new LinkedHashMap<>();
        enabled.forEach((id, scope) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("entity_types", new ArrayList<>(scope.entityTypes()));
            s.put("min_confidence", scope.minConfidence());
            s.put("markings", new ArrayList<>(scope.markings()));
            s.put("sources", new ArrayList<>(scope.sources()));
            rules.put(id, s);
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "x-threatkit-rule-settings");
        doc.put("rules", rules);
        Path file = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try {
            Files.writeString(tmp, StixJson.toJson(StixProperties.copyOf(doc)) + "\n", StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Journal.forceDirectory(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot write the rule settings " + file + ": " + e.getMessage(), e);
        }
    }
}
