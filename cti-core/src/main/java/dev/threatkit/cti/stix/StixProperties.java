package dev.threatkit.cti.stix;

import dev.threatkit.cti.internal.json.JsonList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable JSON object that keeps its keys in arrival order: the properties of a STIX object, or any nested
 * JSON object inside one (a kill chain phase, a hashes dictionary, an extension).
 *
 * <p>Values are {@link String}, {@link Long} or {@link java.math.BigInteger} (JSON integers), {@link Double}
 * (JSON numbers with a fraction or exponent), {@link Boolean}, {@code null} (JSON null), an immutable
 * {@link List} of such values, or another {@code StixProperties}. Nothing is dropped or normalised, so writing
 * the object back gives the same JSON.
 *
 * <p>Keys live in a plain array: STIX objects have a dozen or two properties, and a linear scan over interned
 * keys beats hashing at that size while using a fraction of the memory of a {@link java.util.LinkedHashMap}.
 */
public final class StixProperties extends AbstractMap<String, Object> {
    private static final String[] NO_KEYS = new String[0];
    private static final Object[] NO_VALUES = new Object[0];
    private static final StixProperties EMPTY = new StixProperties(NO_KEYS, NO_VALUES);

    private final String[] keys;
    private final Object[] values;
    private int hash;

    private StixProperties(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * Wraps arrays the caller hands over and never touches again. Keys must be unique; values must already be
     * immutable JSON values. For the library's parsers, which check both.
     */
    public static StixProperties wrapTrusted(String[] keys, Object[] values) {
        return keys.length == 0 ? EMPTY : new StixProperties(keys, values);
    }

    public static StixProperties empty() {
        return EMPTY;
    }

    /** A copy of {@code map} (in its iteration order), with nested maps and lists converted too. */
    public static StixProperties copyOf(Map<String, ?> map) {
        if (map instanceof StixProperties) {
            return (StixProperties) map;
        }
        Builder b = builder();
        map.forEach(b::put);
        return b.build();
    }

    public static Builder builder() {
        return new Builder(8);
    }

    /** A builder holding these properties, in order, for a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(Math.max(8, keys.length + 4));
        System.arraycopy(keys, 0, b.keys, 0, keys.length);
        System.arraycopy(values, 0, b.values, 0, values.length);
        b.size = keys.length;
        return b;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The key at position {@code i} in arrival order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /** The value at position {@code i} in arrival order. */
    public Object valueAt(int i) {
        return values[i];
    }

    /**
     * True when both hold the very same array of keys. The parser shares one array between the objects of one
     * shape (the same keys in the same order), so whatever a caller works out from the keys of one object holds
     * for every object that shares them; false says nothing.
     */
    public boolean sameKeysAs(StixProperties other) {
        return keys == other.keys;
    }

    /** Position of {@code key}, or -1. */
    public int indexOf(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        String[] ks = keys;
        int h = key.hashCode(); // cached in the String, as are the keys' hashes after their first use
        for (int i = 0; i < ks.length; i++) {
            String k = ks[i];
            // keys from the parser and literals in code are interned, so the same instance is the usual hit
            if (k == key || (k.hashCode() == h && k.equals(key))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    /** The value of {@code key} if it is a JSON string, else null. */
    public String getString(String key) {
        Object v = get(key);
        return v instanceof String ? (String) v : null;
    }

    /** The value of {@code key} if it is a JSON object, else null. */
    public StixProperties getObject(String key) {
        Object v = get(key);
        return v instanceof StixProperties ? (StixProperties) v : null;
    }

    /** The value of {@code key} if it is a JSON array, else an empty list. */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        Object v = get(key);
        return v instanceof List ? (List<Object>) v : List.of();
    }

    /** The keys in arrival order. */
    public List<String> keys() {
        return List.of(keys);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
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
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map)) {
            return false;
        }
        Map<?, ?> other = (Map<?, ?>) o;
        if (other.size() != keys.length) {
            return false;
        }
        if (other instanceof StixProperties) {
            StixProperties p = (StixProperties) other;
            for (int i = 0; i < keys.length; i++) {
                int j = p.indexOf(keys[i]);
                if (j < 0 || !Objects.equals(values[i], p.values[j])) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < keys.length; i++) {
                h += keys[i].hashCode() ^ Objects.hashCode(values[i]);
            }
            hash = h;
        }
        return h;
    }

    /** Compact JSON, keys in arrival order. */
    @Override
    public String toString() {
        return StixJson.toJson(this);
    }

    /**
     * Builds a {@link StixProperties}. Putting an existing key replaces its value in place; values are converted
     * to immutable JSON values (maps to {@code StixProperties}, collections to immutable lists).
     */
    public static final class Builder {
        private String[] keys;
        private Object[] values;
        private int size;

        private Builder(int capacity) {
            keys = new String[capacity];
            values = new Object[capacity];
        }

        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Object v = JsonValues.immutable(value);
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    values[i] = v;
                    return this;
                }
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = v;
            size++;
            return this;
        }

        /** Puts {@code value} unless it is null. */
        public Builder putIfNotNull(String key, Object value) {
            return value == null ? this : put(key, value);
        }

        public Builder remove(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                    System.arraycopy(values, i + 1, values, i, size - i - 1);
                    size--;
                    keys[size] = null;
                    values[size] = null;
                    return this;
                }
            }
            return this;
        }

        /** Renames {@code from} to {@code to}, keeping its position; no-op when {@code from} is absent. */
        public Builder rename(String from, String to) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(from)) {
                    remove(to);
                    for (int j = 0; j < size; j++) {
                        if (keys[j].equals(from)) {
                            keys[j] = to;
                            break;
                        }
                    }
                    return this;
                }
            }
            return this;
        }

        public boolean has(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return true;
                }
            }
            return false;
        }

        public Object get(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        public StixProperties build() {
            if (size == 0) {
                return EMPTY;
            }
            return new StixProperties(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
        }
    }

    /** Conversion of arbitrary Java values into immutable JSON values. */
    static final class JsonValues {
        private JsonValues() {}

        static Object immutable(Object value) {
            if (value == null
                    || value instanceof String
                    || value instanceof Boolean
                    || value instanceof Long
                    || value instanceof Double
                    || value instanceof java.math.BigInteger
                    || (value instanceof java.math.BigDecimal
                            && Double.isInfinite(((java.math.BigDecimal) value).doubleValue()))
                    || value instanceof StixProperties
                    || value instanceof JsonList) {
                return value;
            }
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Float) {
                return ((Float) value).doubleValue();
            }
            if (value instanceof java.math.BigDecimal) {
                double d = ((java.math.BigDecimal) value).doubleValue();
                return Double.isInfinite(d) ? value : (Object) d;
            }
            if (value instanceof Map) {
                Builder b = builder();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    b.put(String.valueOf(e.getKey()), e.getValue());
                }
                return b.build();
            }
            if (value instanceof Iterable) {
                java.util.ArrayList<Object> out = new java.util.ArrayList<>();
                for (Object o : (Iterable<?>) value) {
                    out.add(immutable(o));
                }
                return JsonList.wrap(out.toArray());
            }
            if (value instanceof java.time.Instant) {
                return Timestamps.format((java.time.Instant) value);
            }
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }
}
