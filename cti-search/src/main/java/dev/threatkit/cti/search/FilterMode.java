package dev.threatkit.cti.search;

import java.util.Locale;

/** How a group combines its members, and how a filter combines its values. */
public enum FilterMode {
    AND,
    OR;

    /** The lower-case name used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
