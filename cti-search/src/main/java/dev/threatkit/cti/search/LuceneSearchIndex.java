package dev.threatkit.cti.search;

import dev.threatkit.cti.internal.search.DocumentMapper;
import dev.threatkit.cti.internal.search.Facets;
import dev.threatkit.cti.internal.search.Fields;
import dev.threatkit.cti.internal.search.Histograms;
import dev.threatkit.cti.internal.search.Indexer;
import dev.threatkit.cti.internal.search.LuceneCommit;
import dev.threatkit.cti.internal.search.RelatedCounts;
import dev.threatkit.cti.internal.search.SearchRunner;
import dev.threatkit.cti.internal.search.TextAnalyzer;
import dev.threatkit.cti.internal.search.Visibility;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.SearchIndex;
import dev.threatkit.cti.store.StoreException;
import dev.threatkit.cti.store.StoreReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The full-text index of a store: a Lucene index kept up to date from the store's change events, searched with
 * free text, OpenCTI filter groups, types and cursor paging, always within what the caller may see.
 *
 * <pre>{@code
 * try (LuceneSearchIndex index = LuceneSearchIndex.open(dir.resolve("search"));
 *         Cti cti = Cti.builder().dataDirectory(dir).searchIndex(index).readYourWrites(true).build()) {
 *     cti.importFiles(List.of(bundle), Caller.ADMIN);
 *     SearchPage page = index.search(SearchRequest.text("APT29").build(), Caller.ADMIN);
 * }
 * }</pre>
 *
 * <p>Events are applied on the index's own thread; what an import stored is searchable within a second, or at
 * once after {@link #awaitSearchable(long)}. The index commits the id of the last event it applied, so after a
 * restart the store replays only what came later. It is derived data: {@link #rebuild(StoreReader)} makes it
 * again from the store's objects. Thread-safe; close it after the store that feeds it.
 */
public final class LuceneSearchIndex implements SearchIndex {
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Indexer indexer;
    private final DocumentMapper mapper;
    private final SearchRunner runner;
    private final long openedThrough;

    private LuceneSearchIndex(Directory directory, StixRegistry registry, boolean readOnly) throws IOException {
        this.directory = directory;
        this.mapper = new DocumentMapper(registry);
        Analyzer analyzer = new TextAnalyzer();
        this.runner = new SearchRunner(registry, analyzer);
        if (readOnly) {
            if (!DirectoryReader.indexExists(directory)) {
                throw new StoreException("no search index in " + directory + "; run ./cti reindex to build one");
            }
            this.writer = null;
            this.indexer = null;
            this.searchers = new SearcherManager(directory, null);
            this.openedThrough = LuceneCommit.appliedThrough(directory);
            return;
        }
        boolean stale = LuceneCommit.otherFormat(directory);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)
                .setUseCompoundFile(false) // near-real-time flushes often; copying each segment into one file is waste
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        if (stale) { // written by another mapping: start over, the store replays everything
            writer.deleteAll();
            writer.setLiveCommitData(LuceneCommit.data(0).entrySet());
            writer.commit();
        }
        this.openedThrough = LuceneCommit.appliedThrough(directory);
        this.searchers = new SearcherManager(writer, true, false, null);
        this.indexer = new Indexer(writer, searchers, mapper, openedThrough);
    }

    /** Opens (or creates) the index in {@code dir} for writing, with the built-in schema. */
    public static LuceneSearchIndex open(Path dir) {
        return open(dir, StixRegistry.builtIn());
    }

    /** Opens (or creates) the index in {@code dir} for writing; one process at a time. */
    public static LuceneSearchIndex open(Path dir, StixRegistry registry) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
            return new LuceneSearchIndex(FSDirectory.open(dir), registry, false);
        } catch (LockObtainFailedException e) {
            throw new StoreException(
                    "the search index in " + dir + " is open for writing by another process; " + "open it read-only",
                    e);
        } catch (IOException e) {
            throw new StoreException("cannot open the search index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the index in {@code dir} for searching only, as its last commit holds it; allowed while another process
     * writes. It sees that process's later commits as they come.
     */
    public static LuceneSearchIndex openReadOnly(Path dir, StixRegistry registry) {
        try {
            return new LuceneSearchIndex(FSDirectory.open(dir), registry, true);
        } catch (IOException e) {
            throw new StoreException("cannot open the search index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An index in memory, for tests and short-lived embedders; it starts empty every time. */
    public static LuceneSearchIndex inMemory(StixRegistry registry) {
        try {
            return new LuceneSearchIndex(new ByteBuffersDirectory(), registry, false);
        } catch (IOException e) {
            throw new StoreException("cannot create an in-memory search index: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- SearchIndex

    @Override
    public long appliedThrough() {
        return indexer == null ? openedThrough : indexer.committed();
    }

    @Override
    public void onEvent(ChangeEvent event) {
        requireWritable();
        if (event.id() > indexer.applied()) {
            indexer.submit(event);
        }
    }

    @Override
    public void awaitSearchable(long eventId) {
        if (indexer != null) {
            indexer.awaitVisible(eventId);
        }
    }

    @Override
    public synchronized void rebuild(StoreReader store) {
        requireWritable();
        indexer.hold();
        long through = store.lastEventId();
        boolean done = false;
        try {
            writer.deleteAll();
            List<IOException> failures = new ArrayList<>();
            store.forEachObject(Caller.ADMIN, object -> {
                try {
                    writer.addDocument(mapper.map(object.id(), object));
                } catch (IllegalArgumentException bad) {
                    // beyond a Lucene limit: stays stored, unsearchable, as when the indexer meets it
                } catch (IOException e) {
                    failures.add(e);
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            writer.setLiveCommitData(LuceneCommit.data(through).entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            done = true;
        } catch (IOException e) {
            throw new StoreException("rebuilding the search index failed: " + e.getMessage() + "; run it again", e);
        } finally {
            // after a failure the index stays as the last commit left it, and rebuilding again starts over
            indexer.reset(done ? through : indexer.committed());
        }
    }

    // ---------------------------------------------------------------- searching

    /** One page of what matches {@code request}, as {@code caller} may see it. */
    public SearchPage search(SearchRequest request, Caller caller) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(caller, "caller");
        return read(searcher -> runner.search(searcher, request, caller));
    }

    /** How many objects match {@code request} (its text, filters and types; not its page), as the caller sees. */
    public long count(SearchRequest request, Caller caller) {
        return read(searcher -> searcher.count(runner.matching(searcher, request, caller)));
    }

    /**
     * The objects known by exactly {@code value}: any of their ids, or a name, alias, external id, observable value
     * or hash equal to it (case-insensitive; defanged input refanged). The embedder's indicator lookup, without
     * ranking beyond stored-id order; at most {@code limit} hits, revoked and deprecated objects included.
     */
    public List<SearchHit> lookup(String value, Caller caller, int limit) {
        String normalized = Fields.normalize(dev.threatkit.cti.internal.search.Refang.refang(value));
        return read(searcher -> {
            Query match = new BooleanQuery.Builder()
                    .add(Fields.anyId(value.strip()), Occur.SHOULD)
                    .add(new TermQuery(new Term(Fields.EXACT, normalized)), Occur.SHOULD)
                    .add(new TermQuery(new Term(Fields.IOC, normalized)), Occur.SHOULD)
                    .build();
            Query q = new BooleanQuery.Builder()
                    .add(match, Occur.MUST)
                    .add(Visibility.of(searcher.getIndexReader(), caller, true), Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(new ConstantScoreQuery(q), limit); // found or not: nothing to score
            List<SearchHit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc, Set.of(Fields.ID, Fields.TYPE, Fields.NAME));
                hits.add(new SearchHit(d.get(Fields.ID), d.get(Fields.TYPE), d.get(Fields.NAME), sd.score));
            }
            return hits;
        });
    }

    // ---------------------------------------------------------------- dashboards

    /**
     * A distribution widget: the {@code limit} most frequent values of {@code facet} among the objects matching
     * {@code request} (its text, filters and types; not its page or order) that {@code caller} may see, most
     * frequent first, equal counts in value order. Hidden objects are left out inside Lucene, before counting,
     * so no count reveals them; the names of markings and authors are shown only when the caller may see them.
     *
     * @param limit how many values, 1 to 1000
     * @throws SearchException when the request cannot run or the limit is out of range
     */
    public List<FacetCount> facet(Facet facet, SearchRequest request, Caller caller, int limit) {
        Objects.requireNonNull(facet, "facet");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(caller, "caller");
        return read(searcher -> {
            Query match = runner.matching(searcher, request, caller);
            Query names = Visibility.of(searcher.getIndexReader(), caller, true);
            return Facets.count(searcher, match, facet, limit, names);
        });
    }

    /**
     * A time-series widget: how many objects matching {@code request} that {@code caller} may see have their
     * {@code dateProperty} in each day, week (from Monday) or month, in UTC, oldest first. Empty buckets between
     * the first and the last are included; objects without the property are not counted.
     *
     * @param dateProperty a timestamp property: {@code created}, {@code modified}, {@code first_seen},
     *     {@code valid_from}, {@code published} ...
     * @throws SearchException when the property is not a timestamp, or the histogram would have more than 10,000
     *     buckets (use a coarser interval or narrow the dates with a within filter)
     */
    public List<DateCount> histogram(String dateProperty, DateInterval interval, SearchRequest request, Caller caller) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(caller, "caller");
        return read(searcher -> {
            Query match = runner.matching(searcher, request, caller);
            return Histograms.count(searcher, match, dateProperty, interval, runner.registry());
        });
    }

    /**
     * "Top targets" or "top users": the {@code limit} objects at one {@code end} of the most
     * {@code relationshipType} relationships matching {@code request} (its filters apply to the relationships,
     * e.g. {@code fromId} an intrusion set; without types it means relationships, or sightings for
     * {@code sighting}). Only relationships the caller may see are counted, and only ends the caller may see are
     * listed (active ones unless the request includes inactive objects); others are left out entirely.
     *
     * @param limit how many objects, 1 to 1000
     * @throws SearchException when the request cannot run, the type is blank or the limit is out of range
     */
    public List<RelatedCount> topRelated(
            String relationshipType, RelationshipEnd end, SearchRequest request, Caller caller, int limit) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(caller, "caller");
        return read(searcher -> RelatedCounts.top(searcher, runner, relationshipType, end, request, caller, limit));
    }

    /** The number of objects in the index, hidden ones included. */
    public int size() {
        return read(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Work on one point-in-time searcher. */
    private interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(Read<T> work) {
        IndexSearcher searcher = acquire();
        try {
            return work.apply(searcher);
        } catch (IOException e) {
            throw new SearchException("cannot read the search index: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    private IndexSearcher acquire() {
        try {
            if (writer == null) {
                searchers.maybeRefresh(); // another process may have committed since
            }
            return searchers.acquire();
        } catch (IOException e) {
            throw new SearchException("cannot read the search index: " + e.getMessage(), e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new SearchException("cannot release a searcher: " + e.getMessage(), e);
        }
    }

    private void requireWritable() {
        if (writer == null) {
            throw new StoreException("this search index was opened read-only; open it with LuceneSearchIndex.open "
                    + "to apply changes");
        }
    }

    /** Applies what is queued, commits, and closes. */
    @Override
    public synchronized void close() {
        try {
            if (indexer != null) {
                indexer.close();
            }
            searchers.close();
            if (writer != null) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new StoreException("cannot close the search index: " + e.getMessage(), e);
        }
    }
}
