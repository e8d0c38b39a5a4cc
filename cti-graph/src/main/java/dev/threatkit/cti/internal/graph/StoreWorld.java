package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.internal.reasoning.World;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.TypeDef;
import java.util.HashMap;
import java.util.Map;

/** Answers rules from the store's catalog; ids it lacks are judged by their prefix. */
final class StoreWorld implements World {
    private final GraphStore store;
    private final Map<String, Boolean> observableTypes = new HashMap<>();

    StoreWorld(GraphStore store) {
        this.store = store;
    }

    @Override
    public String type(String id) {
        Entry e = store.byId(id);
        if (e != null) {
            return e.type;
        }
        int cut = id.indexOf("--");
        return cut > 0 ? id.substring(0, cut) : "";
    }

    @Override
    public String entityType(String id) {
        Entry e = store.byId(id);
        return e == null ? null : e.entityType;
    }

    @Override
    public boolean observable(String id) {
        return observableTypes.computeIfAbsent(type(id), t -> {
            TypeDef def = store.facts().registry().type(t);
            return def != null && def.category() == Category.SCO;
        });
    }

    @Override
    public boolean retired(String id) {
        Entry e = store.byId(id);
        return e != null && (e.revoked || e.deprecated);
    }
}
