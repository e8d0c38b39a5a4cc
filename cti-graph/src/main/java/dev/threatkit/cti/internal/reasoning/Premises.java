package dev.threatkit.cti.internal.reasoning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The premises rules join, indexed by source, target, the fact they state, either end and cited id. */
public final class Premises {
    private final Map<String, Premise> byUid = new HashMap<>();
    private final Map<String, List<Premise>> out = new HashMap<>();
    private final Map<String, List<Premise>> in = new HashMap<>();
    private final Map<String, List<Premise>> byTriple = new HashMap<>();
    private final Map<String, List<Premise>> byEnd = new HashMap<>();
    private final Map<String, List<Premise>> byId = new HashMap<>();
    private final World world;

    Premises(World world) {
        this.world = world;
    }

    World world() {
        return world;
    }

    Premise get(String uid) {
        return byUid.get(uid);
    }

    int size() {
        return byUid.size();
    }

    Collection<Premise> all() {
        return byUid.values();
    }

    /** Premises of {@code type} whose source is {@code from}. */
    List<Premise> out(String from, String type) {
        return list(out, from + '\u0000' + type);
    }

    /** Premises of {@code type} whose target is {@code to}. */
    List<Premise> in(String to, String type) {
        return list(in, to + '\u0000' + type);
    }

    /** Premises stating {@code from -type-> to}. */
    List<Premise> stating(String type, String from, String to) {
        return list(byTriple, type + '|' + from + '|' + to);
    }

    /** Premises with {@code id} at either end. */
    List<Premise> touching(String id) {
        return list(byEnd, id);
    }

    /** Premises citing {@code id}: the relationship with that id, a sighting's targets. */
    List<Premise> citing(String id) {
        return list(byId, id);
    }

    void add(Premise p) {
        if (byUid.putIfAbsent(p.uid, p) != null) {
            throw new IllegalStateException("premise held twice: " + p.uid);
        }
        put(out, p.from + '\u0000' + p.type, p);
        put(in, p.to + '\u0000' + p.type, p);
        put(byTriple, p.triple(), p);
        put(byEnd, p.from, p);
        if (!p.to.equals(p.from)) {
            put(byEnd, p.to, p);
        }
        put(byId, p.id, p);
    }

    /** Removes the premise with {@code p}'s uid; false when none. */
    boolean remove(Premise p) {
        if (!byUid.remove(p.uid, p)) {
            return false;
        }
        take(out, p.from + '\u0000' + p.type, p);
        take(in, p.to + '\u0000' + p.type, p);
        take(byTriple, p.triple(), p);
        take(byEnd, p.from, p);
        take(byEnd, p.to, p);
        take(byId, p.id, p);
        return true;
    }

    private static List<Premise> list(Map<String, List<Premise>> index, String key) {
        List<Premise> l = index.get(key);
        return l == null ? List.of() : l;
    }

    private static void put(Map<String, List<Premise>> index, String key, Premise p) {
        index.computeIfAbsent(key, k -> new ArrayList<>(2)).add(p);
    }

    private static void take(Map<String, List<Premise>> index, String key, Premise p) {
        List<Premise> l = index.get(key);
        if (l == null) {
            return;
        }
        // Swap with the last: hubs hold thousands, and order carries no meaning.
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i) == p) {
                l.set(i, l.get(l.size() - 1));
                l.remove(l.size() - 1);
                break;
            }
        }
        if (l.isEmpty()) {
            index.remove(key);
        }
    }
}
