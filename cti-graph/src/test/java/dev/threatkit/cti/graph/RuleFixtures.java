package dev.threatkit.cti.graph;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Small objects and look-ups for rule tests. */
final class RuleFixtures {
    static final String TS = "2020-01-01T00:00:00.000Z";

    private RuleFixtures() {}

    static String id(String type, int n) {
        return type + "--" + Fixtures.uuid(n);
    }

    static String sdo(String type, String id, String name, String extra) {
        String required = switch (type) {
            case "malware" -> ",'is_family':true";
            case "identity" -> ",'identity_class':'organization'";
            case "indicator" ->
                ",'pattern':'[ipv4-addr:value = \\u002710.0.0.1\\u0027]','pattern_type':'stix',"
                        + "'valid_from':'2020-01-01T00:00:00Z'";
            case "location" -> ",'country':'FR'";
            default -> "";
        };
        return "{'type':'" + type + "','spec_version':'2.1','id':'" + id + "','created':'" + TS + "','modified':'" + TS
                + "','name':'" + name + "'" + required + (extra == null ? "" : "," + extra) + "}";
    }

    static String ip(String id, String value) {
        return "{'type':'ipv4-addr','spec_version':'2.1','id':'" + id + "','value':'" + value + "'}";
    }

    static String rel(String id, String type, String from, String to) {
        return Fixtures.relationship(id, type, from, to, null);
    }

    static String rel(String id, String type, String from, String to, String extra) {
        return Fixtures.relationship(id, type, from, to, extra);
    }

    static String sighting(String id, String of, String where, String extra) {
        return "{'type':'sighting','spec_version':'2.1','id':'" + id + "','created':'" + TS + "','modified':'" + TS
                + "','sighting_of_ref':'" + of + "','where_sighted_refs':['" + where + "']"
                + (extra == null ? "" : "," + extra) + "}";
    }

    static String report(String id, String name, String... refs) {
        return "{'type':'report','spec_version':'2.1','id':'" + id + "','created':'" + TS + "','modified':'" + TS
                + "','name':'" + name + "','published':'" + TS + "','object_refs':['" + String.join("','", refs)
                + "']}";
    }

    /** Inferred relationships from {@code from} of {@code type}, as target ids, sorted. */
    static List<String> inferred(Cti cti, String from, String type) {
        return cti.neighbors(from, type, Direction.OUT, true, Caller.ADMIN).orElseThrow().stream()
                .filter(Neighbor::inferred)
                .map(Neighbor::id)
                .sorted()
                .collect(Collectors.toList());
    }

    /** Every relationship (explicit and inferred) from {@code from} of {@code type}, as target ids, sorted. */
    static List<String> all(Cti cti, String from, String type) {
        return cti.neighbors(from, type, Direction.OUT, true, Caller.ADMIN).orElseThrow().stream()
                .map(Neighbor::id)
                .sorted()
                .collect(Collectors.toList());
    }

    static Optional<StixObject> inferredRelationship(Cti cti, String from, String type, String to) {
        return cti.neighbors(from, type, Direction.OUT, true, Caller.ADMIN).orElseThrow().stream()
                .filter(n -> n.inferred() && n.id().equals(to))
                .findFirst()
                .flatMap(n -> cti.get(n.relationship(), Caller.ADMIN));
    }
}
