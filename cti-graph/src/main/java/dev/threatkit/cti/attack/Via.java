package dev.threatkit.cti.attack;

import java.util.Locale;

/** How an entity comes to cover a technique. Lists of them keep this order. */
public enum Via {
    /** The entity itself {@code uses} the technique. */
    DIRECT,
    /** The technique is the parent ({@code subtechnique-of} target) of a sub-technique the entity covers. */
    SUBTECHNIQUE,
    /** A campaign or intrusion set attributed to the entity (transitively) uses it, or one of its sub-techniques. */
    ATTRIBUTION;

    /** The lower-case name used in JSON and on the command line. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
