package dev.threatkit.cti.store;

/**
 * A projection of the store kept up to date from its change events, such as the full-text index. The store
 * replays every event after {@link #appliedThrough()} when it opens, then delivers new events as they are
 * acknowledged, so an index survives restarts without a rebuild.
 */
public interface SearchIndex extends ChangeListener, AutoCloseable {
    /** The id of the last event this index has applied durably, 0 when empty. */
    long appliedThrough();

    /**
     * Returns once every event up to {@code eventId} that this index was given is visible to its searches. An
     * index that applies events synchronously is always caught up, hence the default.
     */
    default void awaitSearchable(long eventId) {}

    /** Discards everything and indexes the current objects of {@code store}. */
    void rebuild(StoreReader store);

    @Override
    void close();
}
