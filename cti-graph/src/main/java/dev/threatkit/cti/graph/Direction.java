package dev.threatkit.cti.graph;

import java.util.Locale;

/** Which relationships of an object to follow: those it is the source of, the target of, or both. */
public enum Direction {
    OUT,
    IN,
    BOTH;

    /** The lower-case name used in JSON and on the command line. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
