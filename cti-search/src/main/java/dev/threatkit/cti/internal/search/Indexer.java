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
 * Applies change events to the index, so the store's writer hands an event over and goes on. Two threads: one
 * applies events to the index writer; the other makes what was applied searchable (a near-real-time refresh,
 * which flushes a segment) and commits, so indexing goes on while a segment is written. What was applied becomes
 * searchable once it has waited {@link #REFRESH_MILLIS} (at once when a reader waits for it); the index commits,
 * with the last applied event id in the commit, when idle for {@link #COMMIT_MILLIS} and on close.
 */
public final class Indexer implements AutoCloseable {
    /** Longest time an applied event stays invisible to searches, besides the refresh itself. */
    static final long REFRESH_MILLIS = Long.getLong("cti.search.refreshMillis", 500);

    private static final long COMMIT_MILLIS = 5_000;
    private static final long TICK_MILLIS = 25;
    private static final int BATCH = 1_024;
    private static final System.Logger LOG = System.getLogger("dev.threatkit.cti.search");

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final DocumentMapper mapper;
    // Bounded so the index never lags the store by more than a fraction of a second of indexing work.
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4_096);
    private final Thread applier;
    private final Thread refresher;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object progress = new Object();
    private final Object stopToken = new Object();

    /** Last event given to the index writer. */
    private volatile long applied;
    /** Last event a fresh searcher reflects; waiters wait on {@link #progress} for it. */
    private volatile long visible;
    /** Last event id in a commit. */
    private volatile long committed;

    private volatile boolean refreshWanted;
    private volatile boolean drained;
    private volatile boolean closed;
    private volatile boolean held;

    public Indexer(IndexWriter writer, SearcherManager searchers, DocumentMapper mapper, long appliedThrough) {
        this.writer = writer;
        this.searchers = searchers;
        this.mapper = mapper;
        this.applied = appliedThrough;
        this.visible = appliedThrough;
        this.committed = appliedThrough;
        this.applier = daemon(this::applyLoop, "cti-search-indexer");
        this.refresher = daemon(this::refreshLoop, "cti-search-refresher");
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
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
                if (!applier.isAlive()) { // failed: never block the store's writer for good
                    rethrow();
                    throw new StoreException("the search index is closed; close the store before its index");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while handing an event to the search index", e);
        }
    }

    /** Waits until every event up to {@code eventId} that was submitted is searchable. */
    public void awaitVisible(long eventId) {
        synchronized (progress) {
            while (visible < eventId) {
                rethrow();
                if (!refresher.isAlive()) {
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

    /**
     * Stops refreshes and commits while the index is rebuilt outside the queue: a commit in the middle would
     * record a half-built index as caught up. {@link #reset(long)} resumes them.
     */
    public void hold() {
        awaitVisible(applied);
        held = true;
    }

    /** Sets the applied position after a rebuild made outside the queue, and resumes refreshes and commits. */
    public void reset(long eventId) {
        synchronized (progress) {
            applied = eventId;
            visible = eventId;
            committed = eventId;
        }
        held = false;
    }

    // ---------------------------------------------------------------- applying

    private void applyLoop() {
        List<Object> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                Object first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                drained = first == null;
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Object o : batch) {
                    if (o == stopToken) {
                        return;
                    }
                    apply((ChangeEvent) o);
                }
                batch.clear();
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void apply(ChangeEvent e) throws IOException {
        Term key = new Term(Fields.ID, e.objectId());
        if (e.kind() == ChangeKind.DELETE) {
            writer.deleteDocuments(key);
        } else {
            try {
                Document doc = mapper.map(e.objectId(), e.object());
                if (e.kind() == ChangeKind.CREATE) {
                    // a create follows every earlier event of the id, a delete at most: nothing to replace
                    writer.addDocument(doc);
                } else {
                    writer.updateDocument(key, doc);
                }
            } catch (IllegalArgumentException bad) {
                // Lucene refuses a document (a value beyond one of its limits) before changing anything: the
                // object stays stored, only unsearchable; the index goes on with the next event.
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
        applied = e.id();
    }

    // ---------------------------------------------------------------- refreshing and committing

    private void refreshLoop() {
        long unrefreshedSince = 0; // when this thread first saw applied changes no searcher shows, 0 for none
        long lastChange = System.nanoTime();
        try {
            while (applier.isAlive()) {
                long now = System.nanoTime();
                if (held) {
                    unrefreshedSince = 0;
                } else if (applied > visible) {
                    lastChange = now;
                    if (unrefreshedSince == 0) {
                        unrefreshedSince = now;
                    }
                    if (refreshWanted || now - unrefreshedSince >= TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS)) {
                        refresh();
                        unrefreshedSince = applied > visible ? System.nanoTime() : 0;
                    }
                } else if (drained
                        && committed < applied
                        && now - lastChange >= TimeUnit.MILLISECONDS.toNanos(COMMIT_MILLIS)) {
                    commit();
                }
                Thread.sleep(TICK_MILLIS);
            }
            // the applier stopped: on close after the last event, or on a failure
            if (failure.get() == null) {
                refresh();
                commit();
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void refresh() throws IOException {
        long through = applied; // everything up to it is in the writer: the refresh shows it
        refreshWanted = false;
        searchers.maybeRefreshBlocking();
        synchronized (progress) {
            visible = Math.max(visible, through);
            progress.notifyAll();
        }
    }

    private void commit() throws IOException {
        long through = applied;
        writer.setLiveCommitData(LuceneCommit.data(through).entrySet());
        writer.commit();
        committed = through;
    }

    private void fail(Throwable t) {
        failure.compareAndSet(null, t);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new StoreException("the search index failed and stopped applying changes: " + t, t);
        }
    }

    /** Applies everything queued, makes it searchable, commits and stops both threads. */
    @Override
    public void close() {
        closed = true;
        try {
            if (applier.isAlive()) {
                queue.put(stopToken);
                applier.join();
            }
            refresher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }
}
