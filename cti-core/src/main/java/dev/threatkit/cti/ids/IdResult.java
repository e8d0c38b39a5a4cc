package dev.threatkit.cti.ids;

/**
 * The outcome of computing a deterministic id: the id with the scheme and the canonical name that was hashed,
 * or the reason there is none.
 *
 * @param id the id, or null
 * @param scheme which rule produced it, or null
 * @param canonicalName the RFC 8785 JSON text hashed into the UUIDv5 (empty for fixed ids), or null
 * @param reason why there is no id, or null
 */
public record IdResult(String id, Scheme scheme, String canonicalName, String reason) {
    /** Which set of rules produced an id. */
    public enum Scheme {
        /** STIX 2.1 deterministic SCO ids (spec 2.9). */
        STIX,
        /** OpenCTI's standard ids (opencti.md section 3). */
        OPENCTI,
        /** A fixed, well-known id (the TLP marking definitions). */
        FIXED
    }

    public static IdResult of(String id, Scheme scheme, String canonicalName) {
        return new IdResult(id, scheme, canonicalName, null);
    }

    public static IdResult none(String reason) {
        return new IdResult(null, null, null, reason);
    }

    public boolean present() {
        return id != null;
    }
}
