package dev.threatkit.cti.stix;

import dev.threatkit.cti.CtiException;

/**
 * Input that cannot be read as STIX JSON: malformed or truncated JSON, invalid UTF-8, a duplicate key, or a
 * value beyond a parser limit (nesting depth, string length). Reading cannot continue past it.
 *
 * <p>The message says what is wrong, where (source, line, column and JSON path) and what to do.
 */
public final class StixParseException extends CtiException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem stopped the parser. */
    public enum Reason {
        /** Not JSON, truncated JSON, invalid UTF-8 and the like. */
        MALFORMED,
        /** A JSON object holds the same key twice. */
        DUPLICATE_KEY,
        /** A value exceeds a configured limit (nesting depth, string length, number length). */
        LIMIT,
        /** Well-formed JSON that is not shaped as STIX (for example a bundle whose objects is not a list). */
        NOT_STIX,
        /** The source could not be read at all (missing file, I/O error). */
        UNREADABLE
    }

    private final Reason reason;
    private final String source;
    private final String path;
    private final long line;
    private final long column;

    public StixParseException(Reason reason, String source, String path, long line, long column, String detail) {
        this(reason, source, path, line, column, detail, null);
    }

    public StixParseException(
            Reason reason, String source, String path, long line, long column, String detail, Throwable cause) {
        super(format(source, path, line, column, detail), cause);
        this.reason = reason;
        this.source = source;
        this.path = path;
        this.line = line;
        this.column = column;
    }

    private static String format(String source, String path, long line, long column, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append(source == null || source.isEmpty() ? "input" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        if (path != null && !path.isEmpty()) {
            sb.append(" at ").append(path);
        }
        return sb.append(": ").append(detail).toString();
    }

    public Reason reason() {
        return reason;
    }

    /** The file or stream name the input came from. */
    public String source() {
        return source;
    }

    /** JSON path of the failing value, rooted at the file (objects[3].created), or "" when unknown. */
    public String path() {
        return path == null ? "" : path;
    }

    /** 1-based line, or 0 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public long column() {
        return column;
    }
}
