package dev.threatkit.cti.markings;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.Locale;
import java.util.Map;

/**
 * Traffic Light Protocol markings in their three spellings: the STIX 2.1 TLP 1.0 marking definitions (used by
 * OpenCTI and misp-stix, OpenCTI adding its own TLP:AMBER+STRICT), the TLP 2.0 extension's definitions, and a
 * plain name ("TLP:AMBER"). Every spelling resolves to one {@link Level}.
 */
public final class Tlp {
    /** The extension-definition that defines TLP 2.0 markings. */
    public static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /** A TLP level; CLEAR and WHITE are the same level under two names. */
    public enum Level {
        CLEAR(
                "TLP:CLEAR",
                "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
                "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
        GREEN(
                "TLP:GREEN",
                "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
                "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
        AMBER(
                "TLP:AMBER",
                "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
                "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
        AMBER_STRICT(
                "TLP:AMBER+STRICT",
                "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
                "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
        RED(
                "TLP:RED",
                "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
                "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

        private final String label;
        private final String v1Id;
        private final String v2Id;

        Level(String label, String v1Id, String v2Id) {
            this.label = label;
            this.v1Id = v1Id;
            this.v2Id = v2Id;
        }

        /** The TLP 2.0 name, "TLP:CLEAR" ... "TLP:RED". */
        public String label() {
            return label;
        }

        /**
         * The TLP 1.0 STIX id (OpenCTI's standard id for this level; for AMBER+STRICT, which TLP 1.0 lacks,
         * OpenCTI's own id).
         */
        public String stixId() {
            return v1Id;
        }

        /** The id of the TLP 2.0 extension's marking definition. */
        public String tlp2Id() {
            return v2Id;
        }
    }

    private static final Map<String, Level> BY_ID = Map.ofEntries(
            Map.entry(Level.CLEAR.v1Id, Level.CLEAR),
            Map.entry(Level.CLEAR.v2Id, Level.CLEAR),
            Map.entry(Level.GREEN.v1Id, Level.GREEN),
            Map.entry(Level.GREEN.v2Id, Level.GREEN),
            Map.entry(Level.AMBER.v1Id, Level.AMBER),
            Map.entry(Level.AMBER.v2Id, Level.AMBER),
            Map.entry(Level.AMBER_STRICT.v1Id, Level.AMBER_STRICT),
            Map.entry(Level.AMBER_STRICT.v2Id, Level.AMBER_STRICT),
            Map.entry(Level.RED.v1Id, Level.RED),
            Map.entry(Level.RED.v2Id, Level.RED));

    private Tlp() {}

    /** The level of a known TLP marking id (1.0, 2.0 or OpenCTI's), or null. */
    public static Level byId(String id) {
        return id == null ? null : BY_ID.get(id);
    }

    /**
     * The level named by {@code name}: "TLP:GREEN", "tlp:green", "GREEN", "white", "amber+strict" ... or null.
     */
    public static Level byName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("TLP:")) {
            n = n.substring(4);
        } else if (n.startsWith("TLP ")) {
            n = n.substring(4).trim();
        }
        switch (n) {
            case "CLEAR":
            case "WHITE":
                return Level.CLEAR;
            case "GREEN":
                return Level.GREEN;
            case "AMBER":
                return Level.AMBER;
            case "AMBER+STRICT":
            case "AMBER STRICT":
                return Level.AMBER_STRICT;
            case "RED":
                return Level.RED;
            default:
                return null;
        }
    }

    /**
     * The level a marking-definition object stands for, recognised by id, by a {@code tlp} definition, by the TLP
     * 2.0 extension or by its name; null when it is not a TLP marking.
     */
    public static Level of(StixObject marking) {
        Level byId = byId(marking.id());
        if (byId != null) {
            return byId;
        }
        String definitionType = marking.getString("definition_type");
        StixProperties definition = marking.getObject("definition");
        if ("tlp".equalsIgnoreCase(definitionType) && definition != null) {
            Level l = byName(definition.getString("tlp"));
            if (l != null) {
                return l;
            }
        }
        StixProperties extensions = marking.getObject("extensions");
        if (extensions != null && extensions.getObject(TLP2_EXTENSION) != null) {
            Level l = byName(extensions.getObject(TLP2_EXTENSION).getString("tlp_2_0"));
            if (l != null) {
                return l;
            }
        }
        String name = marking.name();
        return name != null && name.trim().toUpperCase(Locale.ROOT).startsWith("TLP") ? byName(name) : null;
    }
}
