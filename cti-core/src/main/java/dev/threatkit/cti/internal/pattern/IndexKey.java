package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.ObjectPath;

/**
 * A necessary condition of a comparison expression that an index can look up: if the expression holds for an
 * object, the object satisfies at least one of the expression's keys. The path is compared by its text.
 */
sealed interface IndexKey {
    /** The object type the key speaks of. */
    String type();

    /** The path equals a value ({@link IndicatorTable#valueKey} spelling). */
    record Exact(ObjectPath path, String value) implements IndexKey {
        @Override
        public String type() {
            return path.objectType();
        }
    }

    /** The path's address lies within a network (ISSUBSET). */
    record Cidr(ObjectPath path, IpNetworks.Network network) implements IndexKey {
        @Override
        public String type() {
            return path.objectType();
        }
    }

    /** The path's number lies in [low, high] (bounds may be infinite). */
    record Range(ObjectPath path, double low, double high) implements IndexKey {
        @Override
        public String type() {
            return path.objectType();
        }
    }

    /** The path's text contains this literal (of LIKE or MATCHES); filed by one five-character piece of it. */
    record Gram(ObjectPath path, String literal) implements IndexKey {
        @Override
        public String type() {
            return path.objectType();
        }
    }

    /** Only that an object of the type is present: the fallback for what nothing sharper describes. */
    record Type(String type) implements IndexKey {}
}
