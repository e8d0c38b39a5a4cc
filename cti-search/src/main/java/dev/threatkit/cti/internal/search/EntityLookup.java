package dev.threatkit.cti.internal.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the documents that references point at (authors, markings, relationship ends), within a visibility
 * query, so a name is shown only to a caller who may see its object. A reference is usually the stored id; it
 * may also be an id the object is known by (a merged object's former id), which is looked up one by one, and
 * only when the batch shows that some reference matched that way.
 */
final class EntityLookup {
    private static final Set<String> FIELDS = Set.of(Fields.ID, Fields.TYPE, Fields.NAME);

    /** The object a reference resolves to. */
    record Entity(String id, String type, String name) {}

    private EntityLookup() {}

    /** The visible object of each reference that has one; references to hidden or absent objects are left out. */
    static Map<String, Entity> resolve(IndexSearcher searcher, Collection<String> refs, Query visibility)
            throws IOException {
        Map<String, Entity> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        Set<String> wanted = new HashSet<>(refs);
        List<BytesRef> terms = new ArrayList<>(wanted.size());
        for (String ref : wanted) {
            terms.add(new BytesRef(ref));
        }
        Query batch = visible(Fields.anyId(terms), visibility);
        int hits = searcher.count(batch);
        if (hits == 0) {
            return out;
        }
        StoredFields stored = searcher.storedFields();
        boolean byKnownId = false;
        for (ScoreDoc sd : searcher.search(batch, hits).scoreDocs) {
            Entity e = entity(stored.document(sd.doc, FIELDS));
            if (wanted.contains(e.id())) {
                out.put(e.id(), e);
            } else {
                byKnownId = true;
            }
        }
        if (byKnownId) {
            for (String ref : wanted) {
                if (!out.containsKey(ref)) {
                    ScoreDoc[] one = searcher.search(visible(Fields.anyId(ref), visibility), 1).scoreDocs;
                    if (one.length > 0) {
                        out.put(ref, entity(stored.document(one[0].doc, FIELDS)));
                    }
                }
            }
        }
        return out;
    }

    private static Query visible(Query match, Query visibility) {
        return new BooleanQuery.Builder()
                .add(match, Occur.FILTER)
                .add(visibility, Occur.FILTER)
                .build();
    }

    private static Entity entity(Document d) {
        return new Entity(d.get(Fields.ID), d.get(Fields.TYPE), d.get(Fields.NAME));
    }
}
