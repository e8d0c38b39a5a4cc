package org.apache.tinkerpop.gremlin.tinkergraph.structure;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.tinkerpop.gremlin.structure.Edge;

/**
 * The edges at one end of a vertex by label, for {@link CompactTinkerGraph}: two arrays of exactly the labels
 * held, searched in order (a vertex has a handful of labels), instead of a {@code HashMap} with a 16-slot table
 * and a node per label. A label with one edge (most of them: a relationship has one source, one author) holds
 * the edge itself, and {@link #get} hands out a small view of it; two or more go to an {@link EdgeSet}. A label
 * whose lone edge is removed is dropped. It is a complete {@code Map}, as TinkerGraph reads it through that
 * interface. Not thread-safe, as TinkerGraph's own maps are not.
 */
final class EdgeMap extends AbstractMap<String, Set<Edge>> {
    private static final String[] NO_LABELS = new String[0];

    private static final Object[] NO_VALUES = new Object[0];

    private String[] labels = NO_LABELS;
    private Object[] values = NO_VALUES; // per label: its lone Edge, or a Set<Edge>

    /** Adds {@code edge} under {@code label}: TinkerGraph's edge bookkeeping, without a set per lookup miss. */
    void add(String label, Edge edge) {
        int i = indexOf(label);
        if (i < 0) {
            append(label, edge);
        } else if (values[i] instanceof Edge) {
            Edge lone = (Edge) values[i];
            if (lone != edge && !lone.equals(edge)) {
                values[i] = new EdgeSet(lone, edge);
            }
        } else {
            set(i).add(edge);
        }
    }

    @SuppressWarnings("unchecked")
    private Set<Edge> set(int i) {
        return (Set<Edge>) values[i];
    }

    /** The edges of label {@code i} as a set: the one held, or a view of the lone edge. */
    private Set<Edge> setAt(int i) {
        return values[i] instanceof Edge ? new Lone(labels[i]) : set(i);
    }

    private int indexOf(Object label) {
        String[] ls = labels;
        for (int i = 0; i < ls.length; i++) {
            if (ls[i] == label) { // labels are the store's property names, mostly the same instances
                return i;
            }
        }
        if (label != null) {
            for (int i = 0; i < ls.length; i++) {
                if (label.equals(ls[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    private void append(String label, Object value) {
        int n = labels.length;
        labels = Arrays.copyOf(labels, n + 1);
        values = Arrays.copyOf(values, n + 1);
        labels[n] = label;
        values[n] = value;
    }

    @Override
    public Set<Edge> get(Object label) {
        int i = indexOf(label);
        return i < 0 ? null : setAt(i);
    }

    @Override
    public boolean containsKey(Object label) {
        return indexOf(label) >= 0;
    }

    @Override
    public Set<Edge> put(String label, Set<Edge> set) {
        int i = indexOf(label);
        if (i < 0) {
            append(label, set);
            return null;
        }
        Set<Edge> old = values[i] instanceof Edge ? Set.of((Edge) values[i]) : set(i);
        values[i] = set;
        return old;
    }

    @Override
    public Set<Edge> remove(Object label) {
        int i = indexOf(label);
        if (i < 0) {
            return null;
        }
        Set<Edge> old = values[i] instanceof Edge ? Set.of((Edge) values[i]) : set(i);
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        int n = labels.length;
        String[] ls = Arrays.copyOf(labels, n - 1);
        Object[] vs = Arrays.copyOf(values, n - 1);
        System.arraycopy(labels, i + 1, ls, i, n - i - 1);
        System.arraycopy(values, i + 1, vs, i, n - i - 1);
        labels = ls;
        values = vs;
    }

    @Override
    public void clear() {
        labels = NO_LABELS;
        values = NO_VALUES;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Collection<Set<Edge>> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Set<Edge>> iterator() {
                return new Cursor<>(EdgeMap.this::setAt);
            }

            @Override
            public int size() {
                return labels.length;
            }
        };
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Cursor<>(i -> labels[i]);
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }

            @Override
            public int size() {
                return labels.length;
            }
        };
    }

    @Override
    public Set<Map.Entry<String, Set<Edge>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Set<Edge>>> iterator() {
                return new Cursor<>(i -> new SimpleImmutableEntry<>(labels[i], setAt(i)));
            }

            @Override
            public int size() {
                return labels.length;
            }
        };
    }

    /**
     * The lone edge of a label as a set, reading the map on every call: adding a second edge moves the label to
     * an {@link EdgeSet} (which this view then reads through), removing the edge drops the label.
     */
    private final class Lone extends AbstractSet<Edge> {
        private final String label;

        Lone(String label) {
            this.label = label;
        }

        /** The label's lone edge, its set, or null when the label is gone. */
        private Object current() {
            int i = indexOf(label);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean add(Edge edge) {
            int before = size();
            EdgeMap.this.add(label, edge);
            return size() > before;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean remove(Object o) {
            Object c = current();
            if (c instanceof Edge) {
                if (c == o || c.equals(o)) {
                    removeAt(indexOf(label));
                    return true;
                }
                return false;
            }
            return c != null && ((Set<Edge>) c).remove(o);
        }

        @Override
        @SuppressWarnings("unchecked")
        public int size() {
            Object c = current();
            return c == null ? 0 : c instanceof Edge ? 1 : ((Set<Edge>) c).size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Iterator<Edge> iterator() {
            Object c = current();
            if (c == null || c instanceof Set) {
                return c == null ? java.util.Collections.emptyIterator() : ((Set<Edge>) c).iterator();
            }
            Edge lone = (Edge) c;
            return new Iterator<>() {
                private int state; // 0 before the edge, 1 after it, 2 after removing it

                @Override
                public boolean hasNext() {
                    return state == 0;
                }

                @Override
                public Edge next() {
                    if (state != 0) {
                        throw new NoSuchElementException();
                    }
                    state = 1;
                    return lone;
                }

                @Override
                public void remove() {
                    if (state != 1) {
                        throw new IllegalStateException("next() first");
                    }
                    state = 2;
                    Lone.this.remove(lone);
                }
            };
        }
    }

    /** Walks the labels in order; {@code remove()} drops the label last returned with its edges. */
    private final class Cursor<T> implements Iterator<T> {
        private final IntFunction<T> at;
        private int next;
        private boolean removable;

        Cursor(IntFunction<T> at) {
            this.at = at;
        }

        @Override
        public boolean hasNext() {
            return next < labels.length;
        }

        @Override
        public T next() {
            if (next >= labels.length) {
                throw new NoSuchElementException();
            }
            removable = true;
            return at.apply(next++);
        }

        @Override
        public void remove() {
            if (!removable) {
                throw new IllegalStateException("next() first");
            }
            removable = false;
            removeAt(--next);
        }
    }
}
