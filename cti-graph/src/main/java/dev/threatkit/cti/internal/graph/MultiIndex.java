package dev.threatkit.cti.internal.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map from a string to one or a few entries, holding a lone entry without a wrapper (most keys have one)
 * to keep the heap small.
 */
final class MultiIndex {
    private final Map<String, Object> map = new HashMap<>();

    void add(String key, Entry e) {
        Object cur = map.get(key);
        if (cur == null) {
            map.put(key, e);
        } else if (cur instanceof Entry) {
            if (cur != e) {
                map.put(key, new Entry[] {(Entry) cur, e});
            }
        } else {
            Entry[] arr = (Entry[]) cur;
            for (Entry x : arr) {
                if (x == e) {
                    return;
                }
            }
            Entry[] grown = Arrays.copyOf(arr, arr.length + 1);
            grown[arr.length] = e;
            map.put(key, grown);
        }
    }

    void remove(String key, Entry e) {
        Object cur = map.get(key);
        if (cur == e) {
            map.remove(key);
        } else if (cur instanceof Entry[]) {
            Entry[] arr = (Entry[]) cur;
            int n = 0;
            Entry[] kept = new Entry[arr.length];
            for (Entry x : arr) {
                if (x != e) {
                    kept[n++] = x;
                }
            }
            map.put(key, n == 1 ? kept[0] : Arrays.copyOf(kept, n));
        }
    }

    /** Entries under {@code key}, appended to {@code into} without duplicates. */
    void collect(String key, List<Entry> into) {
        Object cur = map.get(key);
        if (cur instanceof Entry) {
            if (!into.contains(cur)) {
                into.add((Entry) cur);
            }
        } else if (cur != null) {
            for (Entry x : (Entry[]) cur) {
                if (!into.contains(x)) {
                    into.add(x);
                }
            }
        }
    }

    /** Every key's entries where a key holds more than one, each group once. */
    List<Entry[]> groups() {
        List<Entry[]> out = new java.util.ArrayList<>();
        for (Object v : map.values()) {
            if (v instanceof Entry[]) {
                out.add((Entry[]) v);
            }
        }
        return out;
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }
}
