package dev.threatkit.cti.store;

/**
 * The ordered stream of a store's change events. A subscriber names the last event id it has processed and
 * receives every retained event after it, then every new one as it is acknowledged (after it is durable).
 */
public interface ChangeFeed {
    /** The id of the last acknowledged event, 0 for an empty store. */
    long lastEventId();

    /**
     * Delivers every event with an id greater than {@code afterEventId}, in order, then keeps delivering new
     * ones until the subscription is closed. Catching up happens before this method returns.
     */
    Subscription subscribe(long afterEventId, ChangeListener listener);

    /** A live subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
