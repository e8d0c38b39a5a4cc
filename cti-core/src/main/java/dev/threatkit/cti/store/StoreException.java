package dev.threatkit.cti.store;

import dev.threatkit.cti.CtiException;

/**
 * A store operation that cannot be done: the store is held by another writer, a data directory is damaged,
 * an id is unknown to an operation that needs it, a caller lacks the confidence or markings required.
 */
public class StoreException extends CtiException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
