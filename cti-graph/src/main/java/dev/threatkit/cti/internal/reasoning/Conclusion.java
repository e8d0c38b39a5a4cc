package dev.threatkit.cti.internal.reasoning;

import dev.threatkit.cti.ids.Uuids;
import java.util.UUID;

/**
 * What a rule derives: a relationship ({@code type} is its relationship type), a sighting ({@code sighting}), a
 * container reference ({@code object}: {@code from} holds {@code to}) or an incident ({@code incident}: {@code from}
 * is its id, {@code to} the uid of the sighting premise that raised it). Two derivations of the same conclusion are one inferred fact with two explanations.
 */
public final class Conclusion {
    /** Namespace of the ids of inferred objects: the same conclusion always gets the same id. */
    private static final UUID NAMESPACE = UUID.fromString("3f1c9a52-7b0e-5d4a-9e61-2c8d0b7a4f13");

    public static final String SIGHTING = "sighting";
    public static final String OBJECT = "object";
    public static final String INCIDENT = "incident";
    public static final String CREATED_BY = "created-by";

    private final String type;
    private final String from;
    private final String to;
    private final String key;
    private String citedId;

    public Conclusion(String type, String from, String to) {
        this.type = type;
        this.from = from;
        this.to = to;
        this.key = type + '|' + from + '|' + to;
    }

    public String type() {
        return type;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conclusion && ((Conclusion) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }

    /** True when nothing can be stored for it: a relationship from an object to itself. */
    boolean selfLoop() {
        return !INCIDENT.equals(type) && from.equals(to);
    }

    /** The id explanations cite for this fact, and the id of the object that stores it (a container's own). */
    public String citedId() {
        String id = citedId;
        if (id == null) {
            switch (type) {
                case OBJECT:
                case INCIDENT:
                    id = from;
                    break;
                case SIGHTING:
                    id = "sighting--" + Uuids.v5(NAMESPACE, key);
                    break;
                default:
                    id = "relationship--" + Uuids.v5(NAMESPACE, key);
                    break;
            }
            citedId = id;
        }
        return id;
    }

    /** The id of the incident raised for the sighting premise {@code uid}. */
    static String incidentId(String uid) {
        return "incident--" + Uuids.v5(NAMESPACE, "incident|" + uid);
    }
}
