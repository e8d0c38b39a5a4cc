package dev.threatkit.cti.internal.json;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An immutable JSON array over an array it owns. Unlike {@code List.of}, it may hold JSON nulls. */
public final class JsonList extends AbstractList<Object> implements RandomAccess {
    private static final JsonList EMPTY = new JsonList(new Object[0]);
    private final Object[] items;

    private JsonList(Object[] items) {
        this.items = items;
    }

    /** Wraps {@code items}, which the caller hands over and never changes again. */
    public static JsonList wrap(Object[] items) {
        return items.length == 0 ? EMPTY : new JsonList(items);
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
