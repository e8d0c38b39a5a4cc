package dev.threatkit.cti.search;

import dev.threatkit.cti.CtiException;

/** A search that cannot run as asked: a malformed filter, an unknown key, a bad cursor, a limit out of range. */
public final class SearchException extends CtiException {
    private static final long serialVersionUID = 1L;

    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
