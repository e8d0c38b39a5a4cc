package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.stix.StixProperties;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The objects of one event by id, over arrays: an event holds a handful of objects, so a linear search beats
 * hashing, and building it costs one array instead of a node per entry. The ids are read only when something
 * asks by id (a reference to follow), which most events never need. Immutable from outside; safe to share
 * once built, as the lazily computed keys are the same for every thread that computes them.
 */
public final class ArrayMap extends AbstractMap<String, StixProperties> {
    private final StixProperties[] values;
    private String[] keys; // computed on first use

    public ArrayMap(StixProperties[] values) {
        this.values = values;
    }

    private String[] keys() {
        String[] k = keys;
        if (k == null) {
            k = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                String id = values[i].getString("id");
                k[i] = id != null ? id : Integer.toString(i);
            }
            keys = k;
        }
        return k;
    }

    @Override
    public StixProperties get(Object key) {
        String[] keys = keys();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Collection<StixProperties> values() {
        return List.of(values);
    }

    @Override
    public Set<Entry<String, StixProperties>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, StixProperties>> iterator() {
                String[] keys = keys();
                return new Iterator<>() {
                    int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<String, StixProperties> next() {
                        if (i >= keys.length) {
                            throw new java.util.NoSuchElementException();
                        }
                        int at = i++;
                        return new SimpleImmutableEntry<>(keys[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public String toString() {
        return Arrays.toString(keys());
    }
}
