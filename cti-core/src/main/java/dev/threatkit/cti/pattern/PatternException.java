package dev.threatkit.cti.pattern;

import dev.threatkit.cti.CtiException;

/**
 * A pattern that is not valid STIX patterning (syntax or a semantic rule), or one that cannot be evaluated
 * against given data. The message says what is wrong and starts with the position, line:column, when the
 * problem has one.
 */
public final class PatternException extends CtiException {
    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final String reason;

    public PatternException(Position position, String reason) {
        super(position == null ? reason : "at " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** Where the problem is, or null when it has no single place (an evaluation error). */
    public Position position() {
        return position;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
