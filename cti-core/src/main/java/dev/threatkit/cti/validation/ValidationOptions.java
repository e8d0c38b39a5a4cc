package dev.threatkit.cti.validation;

/**
 * What the validator enforces.
 *
 * @param strict when true, the SHOULD-level best practices of STIX 2.1 are errors too (custom names without
 *     the {@code x_} / {@code x-} prefix, values outside open vocabularies, custom properties outside
 *     extensions ...)
 * @param openCti when true, what OpenCTI writes beyond STIX 2.1 is a warning rather than an error: relationships
 *     whose source or target is a relationship (a targeting located at a place, an indicator of a usage) and
 *     sightings of observables. The knowledge store validates this way; {@code cti validate} does not.
 */
public record ValidationOptions(boolean strict, boolean openCti) {
    /** The MUST rules of STIX 2.1. */
    public static final ValidationOptions DEFAULT = new ValidationOptions(false, false);

    /** MUST rules plus the SHOULD-level best practices, as errors. */
    public static final ValidationOptions STRICT = new ValidationOptions(true, false);

    /** The MUST rules of STIX 2.1, with OpenCTI's extensions allowed (with warnings). */
    public static final ValidationOptions OPENCTI = new ValidationOptions(false, true);

    public ValidationOptions(boolean strict) {
        this(strict, false);
    }
}
