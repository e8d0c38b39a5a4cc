package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.search.SearchException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/** The type names a search accepts: STIX types, OpenCTI entity types and their parent types, any case. */
public final class TypeNames {
    private final Set<String> known = new HashSet<>();

    /** Every name an indexed object can carry: what the document mapper writes, for every registered type. */
    public TypeNames(StixRegistry registry) {
        for (TypeDef def : registry.types()) {
            known.addAll(EntityTypeHierarchy.namesOf(def.type(), null, registry));
            if (def.entityType() != null) {
                for (String entityType : def.entityType().all()) {
                    known.addAll(EntityTypeHierarchy.namesOf(def.type(), entityType, registry));
                }
            }
        }
        known.add("threat-actor-individual"); // decided by x_opencti_type, beside the schema's rule
    }

    /** Matches objects of any of {@code types}; an unknown name is an error that says what is accepted. */
    public Query query(List<String> types) {
        List<BytesRef> terms = new ArrayList<>();
        for (String t : types) {
            String lower = t.strip().toLowerCase(Locale.ROOT);
            if (!known.contains(lower) && !lower.startsWith("x-")) {
                throw new SearchException("unknown type \"" + t + "\"; give a STIX type (malware, intrusion-set, "
                        + "ipv4-addr ...) or an OpenCTI entity type (Malware, Intrusion-Set, Stix-Cyber-Observable, "
                        + "Stix-Domain-Object, Identity, Location, Threat-Actor, Container ...)");
            }
            terms.add(new BytesRef(lower));
        }
        return new TermInSetQuery(Fields.ENTITY_TYPE, terms);
    }
}
