package dev.threatkit.cti.schema;

import java.util.Locale;

/** The family of a STIX type; it decides which common properties apply. */
public enum Category {
    /** STIX Domain Object. */
    SDO,
    /** STIX Cyber-observable Object. */
    SCO,
    /** STIX Relationship Object: relationship and sighting. */
    SRO,
    /** Meta object: marking-definition, language-content, extension-definition. */
    META,
    /** The bundle envelope, which is not a STIX object. */
    BUNDLE;

    public static Category parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown category \"" + s + "\"; use sdo, sco, sro, meta or bundle");
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
