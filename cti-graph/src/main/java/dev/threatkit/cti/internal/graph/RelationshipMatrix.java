package dev.threatkit.cti.internal.graph;

import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenCTI's from/to matrix of relationship types (opencti.md section 2; {@code relationship-mapping.json} beside
 * this class, Apache-2.0 data derived from OpenCTI, see the NOTICE there), plus the few rules around it:
 *
 * <ol>
 *   <li>{@code related-to} and {@code revoked-by} are allowed between any two objects;
 *   <li>ATT&amp;CK's own relationships, decided on STIX types: {@code subtechnique-of} between attack patterns,
 *       {@code detects} from a data component, analytic or detection strategy to an attack pattern, and
 *       {@code targets} to an {@code x-mitre-asset} (ICS);
 *   <li>otherwise the key {@code <from>_<to>} of OpenCTI entity types must list the type; when the target is an
 *       observable {@code <from>_Stix-Cyber-Observable} counts too, when the source is one
 *       {@code Stix-Cyber-Observable_<to>}. A relationship as an end is named by its relationship type (an
 *       indicator {@code indicates} a {@code uses}; a {@code targets} is {@code located-at} a country).
 * </ol>
 *
 * <p>Immutable and thread-safe; the table is read once. Public only for tests; not part of the API.
 */
public final class RelationshipMatrix {
    static final String RESOURCE = "relationship-mapping.json";
    /** The abstract OpenCTI type that stands for any observable in the table. */
    static final String OBSERVABLE = "Stix-Cyber-Observable";

    private static final Set<String> ANY_ENDS = Set.of("related-to", "revoked-by");
    private static final Set<String> ATTACK_DETECTORS =
            Set.of("x-mitre-data-component", "x-mitre-analytic", "x-mitre-detection-strategy");

    /** Relationship types allowed from each source type to each target type (the table's from_to keys). */
    private final Map<String, Map<String, Set<String>>> allowed;
    /** Entity types of the built-in observable types, for {@link #allowed(String, String, String)}. */
    private final Set<String> observables;

    private RelationshipMatrix(Map<String, Map<String, Set<String>>> allowed, Set<String> observables) {
        this.allowed = allowed;
        this.observables = observables;
    }

    private static final class Loaded {
        static final RelationshipMatrix INSTANCE = load();
    }

    /** The matrix, read from the jar on first use. */
    public static RelationshipMatrix get() {
        return Loaded.INSTANCE;
    }

    private static RelationshipMatrix load() {
        String json;
        try (InputStream in = RelationshipMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StixObject table = StixJson.parseObject(json);
        List<StixProperties> triples = table.getObjects("triples");
        if (triples == null || triples.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " has no triples");
        }
        Map<String, Map<String, Set<String>>> allowed = new HashMap<>();
        for (StixProperties t : triples) {
            String from = t.getString("from");
            String to = t.getString("to");
            String type = t.getString("relationship_type");
            if (from == null || to == null || type == null) {
                throw new IllegalStateException(RESOURCE + ": a triple lacks from, to or relationship_type: " + t);
            }
            allowed.computeIfAbsent(from, k -> new HashMap<>())
                    .computeIfAbsent(to, k -> new HashSet<>(4))
                    .add(type);
        }
        Set<String> observables = new HashSet<>();
        for (TypeDef def : StixRegistry.builtIn().types()) {
            if (def.category() == Category.SCO && def.entityType() != null) {
                observables.addAll(def.entityType().all());
            }
        }
        return new RelationshipMatrix(allowed, Set.copyOf(observables));
    }

    /**
     * True when OpenCTI allows {@code relationshipType} from an object of entity type {@code from} to one of
     * entity type {@code to} (Malware, Intrusion-Set, Sector, City, StixFile, IPv4-Addr ..., or a relationship
     * type for a relationship end). Observables are OpenCTI's built-in observable types.
     */
    public boolean allowed(String from, String relationshipType, String to) {
        return allowed(from, false, relationshipType, to, false)
                || allowed(from, observables.contains(from), relationshipType, to, observables.contains(to));
    }

    /** As {@link #allowed(String, String, String)}, saying whether each end is an observable. */
    public boolean allowed(
            String from, boolean fromObservable, String relationshipType, String to, boolean toObservable) {
        if (relationshipType == null) {
            return false;
        }
        if (ANY_ENDS.contains(relationshipType)) {
            return true;
        }
        if (from == null || to == null) {
            return false;
        }
        return lists(from, to, relationshipType)
                || (toObservable && lists(from, OBSERVABLE, relationshipType))
                || (fromObservable && lists(OBSERVABLE, to, relationshipType));
    }

    private boolean lists(String from, String to, String relationshipType) {
        Map<String, Set<String>> targets = allowed.get(from);
        Set<String> types = targets == null ? null : targets.get(to);
        return types != null && types.contains(relationshipType);
    }

    /** True for the types allowed between any two objects: related-to and revoked-by. */
    public static boolean anyEnds(String relationshipType) {
        return relationshipType != null && ANY_ENDS.contains(relationshipType);
    }

    /**
     * True for ATT&amp;CK's own relationships, which OpenCTI's table lacks or names differently, decided on
     * the ends' STIX types: {@code subtechnique-of} between attack patterns, {@code detects} from a data
     * component, analytic or detection strategy to an attack pattern, {@code targets} to an asset.
     */
    public static boolean attackAllows(String fromStixType, String relationshipType, String toStixType) {
        if (relationshipType == null) {
            return false;
        }
        switch (relationshipType) {
            case "subtechnique-of":
                return "attack-pattern".equals(fromStixType) && "attack-pattern".equals(toStixType);
            case "detects":
                return ATTACK_DETECTORS.contains(fromStixType) && "attack-pattern".equals(toStixType);
            case "targets":
                return "x-mitre-asset".equals(toStixType);
            default:
                return false;
        }
    }
}
