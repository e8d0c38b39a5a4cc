package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names an object answers to in an {@code entity_type} filter: its STIX type, OpenCTI's entity type and that
 * type's parents (Stix-Domain-Object, Container, Identity, Location, Threat-Actor, Stix-Cyber-Observable ...), as
 * OpenCTI's {@code parent_types} lets {@code Stix-Cyber-Observable} select every observable. All lower case.
 */
public final class EntityTypeHierarchy {
    private static final Set<String> CONTAINERS = Set.of(
            "report",
            "note",
            "opinion",
            "observed-data",
            "grouping",
            "case-incident",
            "case-rfi",
            "case-rft",
            "feedback",
            "task");

    private EntityTypeHierarchy() {}

    /** Every name an object of {@code type} and OpenCTI {@code entityType} (or null) answers to. */
    public static Set<String> namesOf(String type, String entityType, StixRegistry registry) {
        return compute(type, entityType, registry);
    }

    private static Set<String> compute(String type, String entityType, StixRegistry registry) {
        Set<String> names = new LinkedHashSet<>();
        names.add(lower(type));
        if (entityType != null) {
            names.add(lower(entityType));
        }
        TypeDef def = registry.type(type);
        Category category = def == null ? guess(type) : def.category();
        switch (category) {
            case SDO:
                if (CONTAINERS.contains(type)) {
                    names.add("container");
                }
                if ("identity".equals(type)) {
                    names.add("identity");
                } else if ("location".equals(type)) {
                    names.add("location");
                } else if ("threat-actor".equals(type)) {
                    names.add("threat-actor");
                }
                names.add("stix-domain-object");
                names.add("stix-core-object");
                break;
            case SCO:
                names.add("stix-cyber-observable");
                names.add("stix-core-object");
                break;
            case SRO:
                names.add("relationship".equals(type) ? "stix-core-relationship" : "stix-sighting-relationship");
                names.add("stix-relationship");
                names.add("basic-relationship");
                break;
            case META:
                names.add("stix-meta-object");
                break;
            default:
                break;
        }
        names.add("stix-object");
        return names;
    }

    /** Unregistered custom types: x-...-observable style names are not reliable, so treat them as domain objects. */
    private static Category guess(String type) {
        return "relationship".equals(type) || "sighting".equals(type) ? Category.SRO : Category.SDO;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
