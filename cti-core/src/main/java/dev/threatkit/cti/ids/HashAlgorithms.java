package dev.threatkit.cti.ids;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hash algorithm names as STIX spells them (hash-algorithm-ov), and the normalisation of other spellings. */
public final class HashAlgorithms {
    /** STIX 2.1's preference order when one hash goes into a deterministic id. */
    public static final List<String> STIX_ID_PREFERENCE = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

    /** OpenCTI's preference order for standard ids. */
    public static final List<String> OPENCTI_PREFERENCE =
            List.of("MD5", "SHA-1", "SHA-256", "SHA-512", "SHA3-256", "SHA3-512", "SSDEEP");

    private static final Map<String, String> CANONICAL = Map.of(
            "MD5", "MD5",
            "SHA1", "SHA-1",
            "SHA256", "SHA-256",
            "SHA512", "SHA-512",
            "SHA3256", "SHA3-256",
            "SHA3512", "SHA3-512",
            "SSDEEP", "SSDEEP",
            "TLSH", "TLSH");

    private HashAlgorithms() {}

    /** "sha256", "Sha-256", "SHA_256" give "SHA-256"; names that are not STIX algorithms come back unchanged. */
    public static String normalize(String name) {
        String key = name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        String canonical = CANONICAL.get(key);
        return canonical != null ? canonical : name;
    }

    /** True for the algorithms of hash-algorithm-ov, in any spelling. */
    public static boolean isKnown(String name) {
        return CANONICAL.containsKey(
                name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", ""));
    }

    /**
     * Whether {@code value} has the shape of a hash of {@code algorithm} (hex of the right length for MD5 and
     * the SHA families); true for algorithms without a fixed shape.
     */
    public static boolean fits(String algorithm, String value) {
        int hexLength;
        switch (normalize(algorithm)) {
            case "MD5":
                hexLength = 32;
                break;
            case "SHA-1":
                hexLength = 40;
                break;
            case "SHA-256":
            case "SHA3-256":
                hexLength = 64;
                break;
            case "SHA-512":
            case "SHA3-512":
                hexLength = 128;
                break;
            default:
                return true;
        }
        if (value.length() != hexLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
