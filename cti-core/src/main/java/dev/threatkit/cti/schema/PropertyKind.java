package dev.threatkit.cti.schema;

import java.util.Locale;

/** The value type of a property, as STIX defines its data types (spec section 2). */
public enum PropertyKind {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    TIMESTAMP,
    /** A STIX identifier, {@code type--uuid}; see {@link PropertySpec#refs()} for allowed targets. */
    IDENTIFIER,
    /** Base64 (RFC 4648). */
    BINARY,
    /** An even number of hex digits. */
    HEX,
    /** Algorithm name to hash value. */
    HASHES,
    /** Free keys; values may be described by {@link PropertySpec#values()}. */
    DICTIONARY,
    /** A nested object with known properties ({@link PropertySpec#properties()}). */
    OBJECT,
    /** A list of {@link PropertySpec#of()}. */
    LIST,
    KILL_CHAIN_PHASE,
    EXTERNAL_REFERENCE,
    GRANULAR_MARKING,
    /** The {@code extensions} dictionary. */
    EXTENSIONS,
    /** Anything; no check. */
    ANY;

    public static PropertyKind parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown property kind \"" + s + "\"; use one of " + names());
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String names() {
        StringBuilder sb = new StringBuilder();
        for (PropertyKind k : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.jsonName());
        }
        return sb.toString();
    }
}
