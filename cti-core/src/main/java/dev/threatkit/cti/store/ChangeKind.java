package dev.threatkit.cti.store;

/** What a change event did to its object. */
public enum ChangeKind {
    /** The object did not exist and now does. */
    CREATE,
    /** The object changed; the event carries the patch and the reverse patch. */
    UPDATE,
    /** The object was removed; the event carries its last state. */
    DELETE,
    /** Other objects were merged into this one; the event names them and carries the merged state. */
    MERGE;

    /** The lower-case name used in JSON and on the command line. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
