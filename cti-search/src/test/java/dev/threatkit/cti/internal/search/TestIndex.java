package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/** An in-memory index of STIX objects, mapped as the indexer maps them, with helpers to run filters on it. */
final class TestIndex implements AutoCloseable {
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Clock clock;

    private TestIndex(Collection<StixObject> objects, Clock clock) {
        this.clock = clock;
        DocumentMapper mapper = new DocumentMapper(StixRegistry.builtIn());
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new TextAnalyzer()))) {
            for (StixObject o : objects) {
                writer.addDocument(mapper.map(o.id(), o));
            }
            writer.commit();
            reader = DirectoryReader.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        searcher = new IndexSearcher(reader);
    }

    static TestIndex of(Collection<StixObject> objects, Clock clock) {
        return new TestIndex(objects, clock);
    }

    static StixObject object(String json) {
        return StixJson.parseObject(json);
    }

    IndexSearcher searcher() {
        return searcher;
    }

    /** What {@code caller} may see, revoked objects included. */
    Query visibility(Caller caller) {
        return Visibility.of(reader, caller, true);
    }

    FilterCompiler compiler(Caller caller) {
        return new FilterCompiler(searcher, visibility(caller), StixRegistry.builtIn(), clock);
    }

    /** The ids of the objects the administrator finds with {@code json}. */
    Set<String> ids(String json) {
        return ids(FilterJson.parse(json), Caller.ADMIN);
    }

    Set<String> ids(FilterGroup group) {
        return ids(group, Caller.ADMIN);
    }

    /** The ids of the objects {@code caller} finds with {@code group}, searched as a search would. */
    Set<String> ids(FilterGroup group, Caller caller) {
        Query visibility = visibility(caller);
        Query filter = compiler(caller).compile(group);
        return run(new BooleanQuery.Builder()
                .add(filter, Occur.MUST)
                .add(visibility, Occur.FILTER)
                .build());
    }

    Set<String> run(Query query) {
        try {
            Set<String> out = new LinkedHashSet<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query, 100_000).scoreDocs) {
                out.add(stored.document(hit.doc).get(Fields.ID));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        dir.close();
    }
}
