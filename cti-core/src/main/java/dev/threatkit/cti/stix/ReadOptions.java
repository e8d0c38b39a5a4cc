package dev.threatkit.cti.stix;

/**
 * Parser limits. They bound the memory and stack one hostile value can take; input beyond them fails with a
 * {@link StixParseException} of reason {@code LIMIT} instead of exhausting the JVM.
 *
 * @param maxStringLength longest JSON string, in characters
 * @param maxNestingDepth deepest nesting of arrays and objects
 * @param maxNumberLength longest number literal, in characters
 */
public record ReadOptions(int maxStringLength, int maxNestingDepth, int maxNumberLength) {
    /** 32 Mi characters per string, 1,000 levels, 1,000-digit numbers. */
    public static final ReadOptions DEFAULTS = new ReadOptions(32 * 1024 * 1024, 1000, 1000);

    public ReadOptions {
        if (maxStringLength <= 0 || maxNestingDepth <= 0 || maxNumberLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public ReadOptions withMaxStringLength(int chars) {
        return new ReadOptions(chars, maxNestingDepth, maxNumberLength);
    }

    public ReadOptions withMaxNestingDepth(int depth) {
        return new ReadOptions(maxStringLength, depth, maxNumberLength);
    }
}
