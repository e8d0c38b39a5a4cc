package dev.threatkit.cti.schema;

import java.util.Map;

/**
 * A read-only lookup from property name to spec, for the validator's per-property hot path: open addressing
 * over flat arrays, the key compared by identity first (names from the parser and from the schema are
 * interned) and by content only on a miss. A {@code HashMap} behind {@code unmodifiableMap} costs two
 * indirections and a node per probe.
 */
final class NameTable {
    private final String[] names;
    private final PropertySpec[] specs;
    private final int mask;

    NameTable(Map<String, PropertySpec> entries) {
        int size = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
        names = new String[size];
        specs = new PropertySpec[size];
        mask = size - 1;
        entries.forEach((name, spec) -> {
            String key = name.intern();
            int slot = spread(key.hashCode()) & mask;
            while (names[slot] != null) {
                slot = (slot + 1) & mask;
            }
            names[slot] = key;
            specs[slot] = spec;
        });
    }

    PropertySpec get(String name) {
        int h = name.hashCode();
        int slot = spread(h) & mask;
        String k;
        while ((k = names[slot]) != null) {
            if (k == name || (k.hashCode() == h && k.equals(name))) {
                return specs[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
