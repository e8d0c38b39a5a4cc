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
 * number, searched in order; past that, in an open-addressing table, so that removing one edge of a hub (an
 * author or a marking of 25,000 objects) stays constant time at 4 to 8 bytes per edge, where TinkerGraph's
 * {@code HashSet} spends about 40. Not thread-safe, as TinkerGraph's own sets are not.
 */
final class EdgeSet extends AbstractSet<Edge> {
    static final int HASHED = 16;

    // at most HASHED edges: the first size slots, in order; past that: a power-of-two table, null for empty
    private Object[] items;
    private int size;
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
            int slot = slotOf(items, edge);
            if (items[slot] != null) {
                return false;
            }
            items[slot] = edge;
            if (++size * 2 > items.length) {
                rehash(items.length * 2);
            }
            return true;
        }
        if (indexOf(edge) >= 0) {
            return false;
        }
        if (size == HASHED) {
            Object[] old = items;
            items = new Object[HASHED * 4];
            hashed = true;
            for (int i = 0; i < size; i++) {
                items[slotOf(items, old[i])] = old[i];
            }
            return add(edge);
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
        return hashed ? items[slotOf(items, o)] != null : indexOf(o) >= 0;
    }

    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        if (hashed) {
            int slot = slotOf(items, o);
            if (items[slot] == null) {
                return false;
            }
            deleteSlot(slot);
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
        for (Object o : hashed ? items : Arrays.copyOf(items, size)) {
            if (o != null && filter.test((Edge) o)) {
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

    /** The slot holding {@code o} in {@code table}, or the empty slot where it would go. */
    private static int slotOf(Object[] table, Object o) {
        int mask = table.length - 1;
        // as HashMap spreads hashes: integer edge ids count up, so the table holds them in creation order, as
        // TinkerGraph's HashSet does, and callers that sort what they read get nearly sorted input
        int h = o.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        Object at;
        while ((at = table[slot]) != null && at != o && !at.equals(o)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Empties {@code slot}, moving later edges of the same probe run back so that lookups still find them. */
    private void deleteSlot(int slot) {
        Object[] table = items;
        int mask = table.length - 1;
        table[slot] = null;
        size--;
        int next = (slot + 1) & mask;
        while (table[next] != null) {
            Object moved = table[next];
            table[next] = null;
            table[slotOf(table, moved)] = moved;
            next = (next + 1) & mask;
        }
    }

    private void rehash(int capacity) {
        Object[] old = items;
        items = new Object[capacity];
        for (Object o : old) {
            if (o != null) {
                items[slotOf(items, o)] = o;
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The edges in order (table order for a hashed set); {@code remove()} removes the edge last returned. In a
     * hashed set a removal can move a later edge back past the iterator, so the first {@code remove()} copies
     * the slots not visited yet and the iterator goes on over the copy.
     */
    @Override
    public Iterator<Edge> iterator() {
        return new Iterator<>() {
            private Object[] source = items;
            private int end = hashed ? items.length : size;
            private int next = advance(0);
            private Object last;

            private int advance(int from) {
                while (from < end && source[from] == null) {
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
                if (hashed && source == items) {
                    source = Arrays.copyOfRange(items, next, items.length);
                    end = source.length;
                    next = advance(0);
                }
                EdgeSet.this.remove(last);
                if (!hashed) { // the array shifted down over the removed edge
                    next--;
                    end--;
                }
                last = null;
            }
        };
    }
}
