package dev.threatkit.cti.schema;

import dev.threatkit.cti.CtiException;

/** A schema module that cannot be loaded: the message names the file, the JSON path and the fix. */
public final class SchemaException extends CtiException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
