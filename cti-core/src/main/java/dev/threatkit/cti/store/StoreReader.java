package dev.threatkit.cti.store;

import dev.threatkit.cti.stix.StixObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Read access to a store's current objects, as the search index (and anything else that rebuilds a
 * projection) needs it, without depending on the graph module.
 */
public interface StoreReader {
    /** The object known by {@code id} (any id form the store resolves), if the caller may see it. */
    Optional<StixObject> get(String id, Caller caller);

    /** Every current object the caller may see, in no particular order. */
    void forEachObject(Caller caller, Consumer<StixObject> action);

    /** The id of the last event reflected in what this reader returns. */
    long lastEventId();
}
