package dev.threatkit.cti.validation;

/**
 * What the validator enforces.
 *
 * @param strict when true, the SHOULD-level best practices of STIX 2.1 are errors too (custom names without
 *     the {@code x_} / {@code x-} prefix, values outside open vocabularies, custom properties outside
 *     extensions ...)
 */
public record ValidationOptions(boolean strict) {
    /** The MUST rules of STIX 2.1. */
    public static final ValidationOptions DEFAULT = new ValidationOptions(false);

    /** MUST rules plus the SHOULD-level best practices, as errors. */
    public static final ValidationOptions STRICT = new ValidationOptions(true);
}
