package org.apache.tinkerpop.gremlin.tinkergraph.structure;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * TinkerGraph's map of elements by id, for {@link CompactTinkerGraph}, where ids are small integers: the store
 * numbers its vertices densely (catalog keys up, meta vertices down from -1) and TinkerGraph's integer id
 * manager numbers edges from 1. An element with such an id sits in an array at its id, 4 bytes, where a
 * {@code ConcurrentHashMap} spends a 32-byte node and a table slot on each; any other id goes to a plain map.
 * Not thread-safe: the store reads its graph under a read lock and writes it under the write lock, as
 * TinkerGraph's per-vertex edge maps already require.
 */
final class DenseIdMap<V> extends AbstractMap<Object, V> {
    private static final int DENSE_LIMIT = 1 << 28;

    private Object[] up = new Object[64]; // id i at up[i], for 0 <= i < DENSE_LIMIT
    private Object[] down = new Object[16]; // id -i at down[i - 1], for 0 < i <= DENSE_LIMIT
    private int dense;
    private final Map<Object, V> others = new HashMap<>();

    /** The array index of a dense id: at least 0 in {@link #up}, below 0 as ~index in {@link #down}. */
    private static long indexOf(Object id) {
        if (!(id instanceof Integer)) {
            return Long.MIN_VALUE;
        }
        int i = (Integer) id;
        if (i >= 0) {
            return i < DENSE_LIMIT ? i : Long.MIN_VALUE;
        }
        return i >= -DENSE_LIMIT ? ~(long) (-i - 1) : Long.MIN_VALUE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object id) {
        long at = indexOf(id);
        if (at == Long.MIN_VALUE) {
            return others.isEmpty() ? null : others.get(id);
        }
        Object[] a = at >= 0 ? up : down;
        int i = (int) (at >= 0 ? at : ~at);
        return i < a.length ? (V) a[i] : null;
    }

    @Override
    public boolean containsKey(Object id) {
        return get(id) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(Object id, V value) {
        if (value == null) {
            throw new NullPointerException("no null elements");
        }
        long at = indexOf(id);
        if (at == Long.MIN_VALUE) {
            return others.put(id, value);
        }
        int i = (int) (at >= 0 ? at : ~at);
        Object[] a = at >= 0 ? up : down;
        if (i >= a.length) {
            a = Arrays.copyOf(a, Math.max(a.length + (a.length >> 1), i + 1)); // ids come in order: little slack
            if (at >= 0) {
                up = a;
            } else {
                down = a;
            }
        }
        Object old = a[i];
        a[i] = value;
        if (old == null) {
            dense++;
        }
        return (V) old;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object id) {
        long at = indexOf(id);
        if (at == Long.MIN_VALUE) {
            return others.remove(id);
        }
        Object[] a = at >= 0 ? up : down;
        int i = (int) (at >= 0 ? at : ~at);
        if (i >= a.length || a[i] == null) {
            return null;
        }
        Object old = a[i];
        a[i] = null;
        dense--;
        return (V) old;
    }

    @Override
    public int size() {
        return dense + others.size();
    }

    @Override
    public void clear() {
        up = new Object[64];
        down = new Object[16];
        dense = 0;
        others.clear();
    }

    @Override
    public Set<Map.Entry<Object, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Object, V>> iterator() {
                return new Entries();
            }

            @Override
            public int size() {
                return DenseIdMap.this.size();
            }
        };
    }

    /** The dense ids upwards, then downwards, then the others; {@code remove()} drops the last one returned. */
    private final class Entries implements Iterator<Map.Entry<Object, V>> {
        private int upAt = -1;
        private int downAt = -1;
        private Iterator<Map.Entry<Object, V>> rest;
        private Object lastId;
        private boolean lastFromRest;

        Entries() {
            upAt = next(up, 0);
            downAt = upAt < up.length ? 0 : next(down, 0);
        }

        private int next(Object[] a, int from) {
            while (from < a.length && a[from] == null) {
                from++;
            }
            return from;
        }

        @Override
        public boolean hasNext() {
            if (upAt < up.length || downAt < down.length) {
                return true;
            }
            if (rest == null) {
                rest = others.entrySet().iterator();
            }
            return rest.hasNext();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map.Entry<Object, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (upAt < up.length) {
                int i = upAt;
                upAt = next(up, i + 1);
                if (upAt >= up.length) {
                    downAt = next(down, 0);
                }
                lastId = i;
                lastFromRest = false;
                return new SimpleImmutableEntry<>(i, (V) up[i]);
            }
            if (downAt < down.length) {
                int i = downAt;
                downAt = next(down, i + 1);
                lastId = -(i + 1);
                lastFromRest = false;
                return new SimpleImmutableEntry<>(lastId, (V) down[i]);
            }
            Map.Entry<Object, V> e = rest.next();
            lastId = e.getKey();
            lastFromRest = true;
            return e;
        }

        @Override
        public void remove() {
            if (lastId == null) {
                throw new IllegalStateException("next() first");
            }
            if (lastFromRest) {
                rest.remove();
            } else {
                DenseIdMap.this.remove(lastId);
            }
            lastId = null;
        }
    }
}
