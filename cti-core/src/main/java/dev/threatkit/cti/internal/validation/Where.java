package dev.threatkit.cti.internal.validation;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A JSON path built lazily, turned into text ({@code objects[3].kill_chain_phases[0]}) only when a violation is
 * reported. Validation walks every property of every object, and formatting, or even allocating, one path
 * per property cost more than the checks themselves; so the nodes are reused: one per depth, shared by one
 * validation pass. A node is valid until the next {@link #child} or {@link #index} at its depth, which is
 * why whatever keeps a path keeps its text ({@link #toString()}), never the node.
 */
final class Where implements Supplier<String> {
    /** The nodes of one pass, by depth. */
    private static final class Nodes {
        Where[] byDepth = new Where[8];
    }

    private final Nodes nodes;
    private final int depth;
    private Where parent;
    private String key; // null for a list index
    private int index;
    // the root only: its path is key, or key[index] when index >= 0, formatted only for a violation
    private String rootText;

    private Where(Nodes nodes, int depth) {
        this.nodes = nodes;
        this.depth = depth;
    }

    /** The root: the object's own path in its file ("" for a lone object). */
    static Where root(String base) {
        Nodes nodes = new Nodes();
        Where root = new Where(nodes, 0);
        root.reset(base);
        nodes.byDepth[0] = root;
        return root;
    }

    /** Makes this root stand for another object's path. */
    void reset(String base) {
        key = base;
        index = -1;
        rootText = base;
    }

    /**
     * Makes this root stand for item {@code i} of the list {@code list} ("" for a top-level array): the path
     * {@code objects[12]} is formatted only if a violation needs it.
     */
    void reset(String list, int i) {
        key = list;
        index = i;
        rootText = null;
    }

    Where child(String name) {
        return next(name, -1);
    }

    Where index(int i) {
        return next(null, i);
    }

    private Where next(String name, int i) {
        int d = depth + 1;
        if (d >= nodes.byDepth.length) {
            nodes.byDepth = Arrays.copyOf(nodes.byDepth, d * 2);
        }
        Where next = nodes.byDepth[d];
        if (next == null) {
            next = new Where(nodes, d);
            nodes.byDepth[d] = next;
        }
        next.parent = this;
        next.key = name;
        next.index = i;
        return next;
    }

    /** The property name of this step, or null for a list index (and the root's base for the root). */
    String key() {
        return key;
    }

    /** Steps below the root: 1 for a top-level property. */
    int depth() {
        return depth;
    }

    /** True when a step below the root is a custom ({@code x_}) property. */
    boolean throughCustom() {
        for (Where w = this; w.depth > 0; w = w.parent) {
            if (w.key != null && w.key.startsWith("x_")) {
                return true;
            }
        }
        return false;
    }

    /** The path's text, for a {@link dev.threatkit.cti.validation.StixValidator.ReferenceSink}. */
    @Override
    public String get() {
        return toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (depth == 0) {
            if (rootText == null) {
                rootText = key + "[" + index + "]";
            }
            sb.append(rootText);
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
