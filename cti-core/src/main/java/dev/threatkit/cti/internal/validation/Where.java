package dev.threatkit.cti.internal.validation;

/**
 * A JSON path built lazily: one small node per step, turned into text ({@code objects[3].kill_chain_phases[0]})
 * only when a violation is reported. Validation walks every property of every object, and formatting paths
 * eagerly cost more than the checks themselves.
 */
final class Where {
    private final Where parent;
    private final String key; // null for a list index
    private final int index;

    private Where(Where parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    /** The root: the object's own path in its file ("" for a lone object). */
    static Where root(String base) {
        return new Where(null, base, -1);
    }

    Where child(String name) {
        return new Where(this, name, -1);
    }

    Where index(int i) {
        return new Where(this, null, i);
    }

    /** True when a step below the root is a custom ({@code x_}) property. */
    boolean throughCustom() {
        for (Where w = this; w.parent != null; w = w.parent) {
            if (w.key != null && w.key.startsWith("x_")) {
                return true;
            }
        }
        return false;
    }

    /** The last property name on the path, or null. */
    String lastKey() {
        for (Where w = this; w.parent != null; w = w.parent) {
            if (w.key != null) {
                return w.key;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent == null) {
            sb.append(key);
            return;
        }
        parent.append(sb);
        if (key == null) {
            sb.append('[').append(index).append(']');
        } else {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(key);
        }
    }
}
