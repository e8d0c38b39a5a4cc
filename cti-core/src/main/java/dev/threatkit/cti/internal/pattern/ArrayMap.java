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
 * The objects of one event by id, over two arrays: an event holds a handful of objects, so a linear search
 * beats hashing, and building it costs two small arrays instead of a node per entry. Immutable.
 */
public final class ArrayMap extends AbstractMap<String, StixProperties> {
    private final String[] keys;
    private final StixProperties[] values;

    public ArrayMap(String[] keys, StixProperties[] values) {
        this.keys = keys;
        this.values = values;
    }

    @Override
    public StixProperties get(Object key) {
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
        return keys.length;
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
                return keys.length;
            }
        };
    }

    @Override
    public String toString() {
        return Arrays.toString(keys);
    }
}
