package org.apache.tinkerpop.gremlin.tinkergraph.structure;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.apache.tinkerpop.gremlin.structure.Edge;

/**
 * The edges of one label at one end of a vertex, for {@link CompactTinkerGraph}, when there are two or more
 * ({@link EdgeMap} holds a lone edge by itself). Up to {@link #HASHED} edges sit in an array of about their
 * number, searched in order; past that, in an open-addressing table, so that finding or removing one edge of a
 * hub (an author or a marking of 25,000 objects, a report of 100,000) stays constant time at 4 to 8 bytes per
 * edge, where TinkerGraph's {@code HashSet} spends about 40. Not thread-safe, as TinkerGraph's own sets are not.
 *
 * <p>The table places an edge at its id's hash spread as {@code HashMap} spreads it: TinkerGraph's integer edge
 * ids count up, so the table holds edges in creation order, as TinkerGraph's {@code HashSet} does, and callers
 * that sort what they read get nearly sorted input. Consecutive ids then fill consecutive slots, so a removal
 * leaves a marker ({@link #REMOVED}) instead of moving the rest of the run back, which would cost the length of
 * the run; markers are cleared when the table is rebuilt.
 */
final class EdgeSet extends AbstractSet<Edge> {
    static final int HASHED = 16;
    private static final Object REMOVED = new Object();

    // at most HASHED edges: the first size slots, in order; past that: a power-of-two table, null for never used
    private Object[] items;
    private int size;
    private int removed; // REMOVED markers in the table
    private boolean hashed;

    EdgeSet(Edge first, Edge second) {
        items = new Object[] {first, second};
        size = 2;
    }

    @Override
    public boolean add(Edge edge) {
        if (edge == null) {
            throw new NullPointerException("no null edges");
        }
        if (hashed) {
            if (find(edge) >= 0) {
                return false;
            }
            insert(edge);
            return true;
        }
        if (indexOf(edge) >= 0) {
            return false;
        }
        if (size == HASHED) {
            Object[] old = items;
            int n = size;
            items = new Object[HASHED * 4];
            hashed = true;
            size = 0;
            for (int i = 0; i < n; i++) {
                insert(old[i]);
            }
            insert(edge);
            return true;
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size + (size >> 1) + 1);
        }
        items[size++] = edge;
        return true;
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        return hashed ? find(o) >= 0 : indexOf(o) >= 0;
    }

    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        if (hashed) {
            int slot = find(o);
            if (slot < 0) {
                return false;
            }
            items[slot] = REMOVED;
            size--;
            if (++removed > items.length >> 2) {
                rebuild(items.length);
            }
            return true;
        }
        int i = indexOf(o);
        if (i < 0) {
            return false;
        }
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
        return true;
    }

    @Override
    public boolean removeIf(Predicate<? super Edge> filter) {
        Object[] matches = new Object[8];
        int n = 0;
        for (Object o : items) { // slots past the edges of a small set are null
            if (o != null && o != REMOVED && filter.test((Edge) o)) {
                if (n == matches.length) {
                    matches = Arrays.copyOf(matches, n * 2);
                }
                matches[n++] = o;
            }
        }
        for (int i = 0; i < n; i++) {
            remove(matches[i]);
        }
        return n > 0;
    }

    private int indexOf(Object o) {
        for (int i = 0; i < size; i++) {
            if (items[i] == o) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (o.equals(items[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int home(Object o, int mask) {
        int h = o.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    /** The slot holding {@code o} in the table, or -1. */
    private int find(Object o) {
        Object[] table = items;
        int mask = table.length - 1;
        for (int slot = home(o, mask); ; slot = (slot + 1) & mask) {
            Object at = table[slot];
            if (at == null) {
                return -1;
            }
            if (at == o || (at != REMOVED && at.equals(o))) {
                return slot;
            }
        }
    }

    /** Puts {@code o}, known to be absent, in the first free slot of its run: never used, or removed. */
    private void insert(Object o) {
        if ((size + removed + 1) * 2 > items.length) {
            rebuild((size + 1) * 2 > items.length ? items.length * 2 : items.length);
        }
        Object[] table = items;
        int mask = table.length - 1;
        int slot = home(o, mask);
        while (table[slot] != null && table[slot] != REMOVED) {
            slot = (slot + 1) & mask;
        }
        if (table[slot] == REMOVED) {
            removed--;
        }
        table[slot] = o;
        size++;
    }

    /** A table of {@code capacity} slots with the same edges and no markers. */
    private void rebuild(int capacity) {
        Object[] old = items;
        items = new Object[capacity];
        size = 0;
        removed = 0;
        int mask = capacity - 1;
        for (Object o : old) {
            if (o != null && o != REMOVED) {
                int slot = home(o, mask);
                while (items[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                items[slot] = o;
                size++;
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The edges in order (table order for a hashed set); {@code remove()} removes the edge last returned. A
     * removal leaves the slots of a hashed set where they are, and a rebuild makes a new table, so the iterator
     * goes on over the table it started with.
     */
    @Override
    public Iterator<Edge> iterator() {
        return new Iterator<>() {
            private final Object[] source = items;
            private final boolean table = hashed;
            private int end = table ? source.length : size;
            private int next = advance(0);
            private Object last;

            private int advance(int from) {
                while (from < end && (source[from] == null || source[from] == REMOVED)) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Edge next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                last = source[next];
                next = advance(next + 1);
                return (Edge) last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() first");
                }
                EdgeSet.this.remove(last);
                if (!table) { // the array shifted down over the removed edge
                    next--;
                    end--;
                }
                last = null;
            }
        };
    }
}
