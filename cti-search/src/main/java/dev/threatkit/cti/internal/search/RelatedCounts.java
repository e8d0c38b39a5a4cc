package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.RelatedCount;
import dev.threatkit.cti.search.RelationshipEnd;
import dev.threatkit.cti.search.SearchException;
import dev.threatkit.cti.search.SearchRequest;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * "Top targets" and "top users": the relationships of one type that match a request, counted by the object at
 * one end, as OpenCTI's relationship distributions do. The request's filters apply to the relationships
 * ({@code fromId} an intrusion set: what that set targets). A relationship counts when the caller may see it;
 * an end is listed when the caller may see it too, and an end the caller cannot see is left out, not shown as a
 * placeholder: its id, type and name are all it would give away.
 */
public final class RelatedCounts {
    private static final List<String> SIGHTING_NAMES = List.of("sighting", "stix-sighting-relationship");

    private RelatedCounts() {}

    /**
     * The {@code limit} objects at {@code end} of the most {@code relationshipType} relationships matching
     * {@code request}; {@code sighting} (or {@code stix-sighting-relationship}) counts sightings.
     */
    public static List<RelatedCount> top(
            IndexSearcher searcher,
            SearchRunner runner,
            String relationshipType,
            RelationshipEnd end,
            SearchRequest request,
            Caller caller,
            int limit)
            throws IOException {
        Facets.requireLimit(limit);
        if (relationshipType == null || relationshipType.isBlank()) {
            throw new SearchException("give a relationship type (uses, targets, indicates ...) or sighting");
        }
        if (end == null) {
            throw new SearchException("give the end to count by: SOURCE or TARGET");
        }
        boolean sighting = SIGHTING_NAMES.contains(relationshipType.strip().toLowerCase(Locale.ROOT));
        // relationships are what is counted: a request without types means relationships of this kind, and
        // free text then does not shut them out as it does in an entity search
        SearchRequest relationships = request.types().isEmpty()
                ? new SearchRequest(
                        request.text(),
                        request.filters(),
                        List.of(sighting ? "sighting" : "relationship"),
                        request.limit(),
                        null,
                        request.includeInactive(),
                        null,
                        false)
                : request;
        BooleanQuery.Builder match = new BooleanQuery.Builder()
                .add(runner.matching(searcher, relationships, caller), Occur.MUST)
                .add(
                        new TermQuery(new Term(Fields.keyword("type"), sighting ? "sighting" : "relationship")),
                        Occur.FILTER);
        if (!sighting) {
            match.add(
                    new TermQuery(new Term(Fields.keyword("relationship_type"), Fields.keywordValue(relationshipType))),
                    Occur.FILTER);
        }
        Map<String, Long> byRef =
                TermCounter.count(searcher, match.build(), end == RelationshipEnd.SOURCE ? Fields.FROM : Fields.TO);
        Query visibleEnds = Visibility.of(searcher.getIndexReader(), caller, request.includeInactive());
        Map<String, EntityLookup.Entity> entities = EntityLookup.resolve(searcher, byRef.keySet(), visibleEnds);
        // an object referred to by two of its ids is one object: add its counts up under its stored id
        Map<String, Long> byObject = new HashMap<>();
        Map<String, EntityLookup.Entity> objects = new HashMap<>();
        byRef.forEach((ref, n) -> {
            EntityLookup.Entity e = entities.get(ref);
            if (e != null) {
                byObject.merge(e.id(), n, Long::sum);
                objects.put(e.id(), e);
            }
        });
        List<RelatedCount> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : Facets.top(byObject, limit)) {
            EntityLookup.Entity o = objects.get(e.getKey());
            out.add(new RelatedCount(o.id(), o.type(), o.name(), e.getValue()));
        }
        return out;
    }
}
