package dev.threatkit.cti.pattern;

/**
 * Where a piece of a pattern starts: line from 1, column from 1 (in UTF-16 units, as Java strings count), and
 * the offset from 0 into the pattern text.
 */
public record Position(int line, int column, int offset) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
