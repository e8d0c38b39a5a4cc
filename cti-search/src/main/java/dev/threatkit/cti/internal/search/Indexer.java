package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.store.ChangeEvent;
import dev.threatkit.cti.store.ChangeKind;
import dev.threatkit.cti.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;

/**
 * Applies change events to the index on its own thread, so the store's writer hands an event over and goes on
 * while the index catches up on the other core. Makes what it applied searchable at least every
 * {@link #REFRESH_MILLIS} (sooner when a reader waits for it) and commits, with the last applied event id in the
 * commit, when idle and on close.
 */
public final class Indexer implements AutoCloseable {
    /** Longest time an applied event stays invisible to searches (plus the time of the refresh itself). */
    static final long REFRESH_MILLIS = 500;

    private static final long COMMIT_MILLIS = 5_000;
    private static final int BATCH = 1_024;
    private static final System.Logger LOG = System.getLogger("dev.threatkit.cti.search");

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final DocumentMapper mapper;
    // Bounded so the index never lags the store by more than a fraction of a second of indexing work.
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4_096);
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object progress = new Object();
    private final Object stopToken = new Object();

    /** Last event given to the writer; read by waiters under {@link #progress}. */
    private volatile long applied;
    /** Last event a fresh searcher reflects. */
    private volatile long visible;
    /** Last event id in a commit. */
    private volatile long committed;

    private volatile boolean refreshWanted;
    private volatile long skipped;
    private volatile boolean closed;
    private long unrefreshedSince = System.nanoTime();
    private long lastCommit = System.nanoTime();

    public Indexer(IndexWriter writer, SearcherManager searchers, DocumentMapper mapper, long appliedThrough) {
        this.writer = writer;
        this.searchers = searchers;
        this.mapper = mapper;
        this.applied = appliedThrough;
        this.visible = appliedThrough;
        this.committed = appliedThrough;
        this.thread = new Thread(this::run, "cti-search-indexer");
        thread.setDaemon(true);
        thread.start();
    }

    public long applied() {
        return applied;
    }

    public long committed() {
        return committed;
    }

    /** Queues {@code event}; blocks while the queue is full, which slows the writer to the index's pace. */
    public void submit(ChangeEvent event) {
        if (closed) {
            throw new StoreException("the search index is closed; close the store before its index");
        }
        try {
            while (!queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) { // closed, or failed: never block the store's writer for good
                    rethrow();
                    throw new StoreException("the search index is closed; close the store before its index");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while handing an event to the search index", e);
        }
    }

    /** How many objects could not be indexed (each logged as a warning); the rest of the index is sound. */
    public long skipped() {
        return skipped;
    }

    /** Waits until every event up to {@code eventId} that was submitted is searchable. */
    public void awaitVisible(long eventId) {
        synchronized (progress) {
            while (visible < eventId) {
                rethrow();
                if (!thread.isAlive()) {
                    throw new StoreException("the search indexer has stopped; event " + eventId + " is not searchable");
                }
                refreshWanted = true;
                try {
                    progress.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the search index", e);
                }
            }
        }
    }

    /** Sets the applied position after a rebuild made outside the queue. */
    public void reset(long eventId) {
        synchronized (progress) {
            applied = eventId;
            visible = eventId;
            committed = eventId;
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    boolean stop = false;
                    for (Object o : batch) {
                        if (o == stopToken) {
                            stop = true;
                            break;
                        }
                        apply((ChangeEvent) o);
                    }
                    batch.clear();
                    if (stop) {
                        refresh();
                        commit();
                        return;
                    }
                }
                maintain(first == null);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void apply(ChangeEvent e) throws IOException {
        Term key = new Term(Fields.ID, e.objectId());
        if (e.kind() == ChangeKind.DELETE) {
            writer.deleteDocuments(key);
        } else {
            Document doc;
            try {
                doc = mapper.map(e.objectId(), e.object());
                writer.updateDocument(key, doc);
            } catch (IllegalArgumentException bad) {
                // Lucene refuses a document (a value beyond one of its limits) before changing anything: the
                // object stays stored, only unsearchable; the index goes on with the next event.
                skipped++;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot index " + e.objectId() + " (event " + e.id() + "): " + bad.getMessage()
                                + "; it stays stored, but search will not find it");
                writer.deleteDocuments(key); // not an older version either
            }
            if (e.kind() == ChangeKind.MERGE) {
                for (String merged : e.mergedIds()) {
                    writer.deleteDocuments(new Term(Fields.ID, merged));
                }
            }
        }
        if (visible == applied) {
            unrefreshedSince = System.nanoTime(); // the first change the next refresh will show
        }
        applied = e.id();
    }

    /**
     * Refreshes when a reader waits, or when the oldest applied but invisible event was taken from the queue
     * {@link #REFRESH_MILLIS} ago. Not merely because the queue ran dry: a bulk import hands events over in
     * batches with short gaps between them, and a refresh in every gap would cut the index into many small
     * segments, each flushed and later merged at a cost.
     */
    private void maintain(boolean idle) throws IOException {
        long now = System.nanoTime();
        boolean behind = visible < applied;
        if (behind && (refreshWanted || now - unrefreshedSince >= TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS))) {
            refresh();
        }
        if (idle && committed < applied && now - lastCommit >= TimeUnit.MILLISECONDS.toNanos(COMMIT_MILLIS)) {
            commit();
        }
    }

    private void refresh() throws IOException {
        long through = applied;
        refreshWanted = false;
        searchers.maybeRefreshBlocking();
        synchronized (progress) {
            visible = through;
            progress.notifyAll();
        }
    }

    private void commit() throws IOException {
        long through = applied;
        writer.setLiveCommitData(LuceneCommit.data(through).entrySet());
        writer.commit();
        committed = through;
        lastCommit = System.nanoTime();
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new StoreException("the search index failed and stopped applying changes: " + t, t);
        }
    }

    /** Applies everything queued, makes it searchable, commits and stops the thread. */
    @Override
    public void close() {
        closed = true;
        if (thread.isAlive()) {
            try {
                queue.put(stopToken);
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rethrow();
    }
}
