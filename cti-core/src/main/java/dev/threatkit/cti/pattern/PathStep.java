package dev.threatkit.cti.pattern;

/** One step of an object path after the first property: a key, a list index, or any list element. */
public sealed interface PathStep {
    /** {@code .name} or {@code .'quoted name'}: an object property or a dictionary key. */
    record Key(String name) implements PathStep {
        @Override
        public String toString() {
            return "." + PatternText.key(name);
        }
    }

    /** {@code [n]}: the n-th list element from 0 (negative indexes parse but select nothing). */
    record Index(int index) implements PathStep {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code [*]}: any element of a list. */
    record AnyIndex() implements PathStep {
        @Override
        public String toString() {
            return "[*]";
        }
    }
}
