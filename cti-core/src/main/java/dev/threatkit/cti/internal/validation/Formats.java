package dev.threatkit.cti.internal.validation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Value formats STIX prescribes, checked by hand where a regex would be slow on the hot path. */
public final class Formats {
    private static final Pattern DICTIONARY_KEY = Pattern.compile("[a-zA-Z0-9_-]{1,250}");
    private static final Pattern HASH_KEY = Pattern.compile("[a-zA-Z0-9_-]{3,250}");
    private static final Pattern LANGUAGE_TAG =
            Pattern.compile("(?i)([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
                    + "(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?"
                    + "|x(-[a-z0-9]{1,8})+");
    private static final Pattern MIME_TYPE = Pattern.compile(
            "(application|audio|font|image|message|model|multipart|text|video)/[a-zA-Z0-9.+_-]+(\\s*;.*)?");
    private static final java.util.Set<String> LANGUAGES = languages();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s]*");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-(0\\d{3}|[1-9]\\d{3,})");
    private static final Pattern CAPEC = Pattern.compile("CAPEC-\\d+");
    private static final Pattern CPE = Pattern.compile("cpe:2\\.3:[aho\\*\\-](:(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|"
            + "(\\\\[\\\\\\*\\?!\"#$$%&'\\(\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|}~]))+(\\?*|\\*?))|[\\*\\-])){5}"
            + "(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\\*\\-]))(:(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|"
            + "(\\\\[\\\\\\*\\?!\"#$$%&'\\(\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|}~]))+(\\?*|\\*?))|[\\*\\-])){4}");

    private Formats() {}

    /** Lowercase ASCII letters, digits and hyphens, 3 to 250 characters, starting with a letter, no "--". */
    public static boolean isTypeName(String s) {
        return isTypeName(s, 0, s.length());
    }

    /** {@link #isTypeName(String)} for {@code s[from, to)}, without copying (identifiers are checked by millions). */
    public static boolean isTypeName(String s, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 250) {
            return false;
        }
        char first = s.charAt(from);
        char last = s.charAt(to - 1);
        if (first < 'a' || first > 'z' || last == '-') {
            return false;
        }
        char previous = first;
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok || (c == '-' && previous == '-')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** A STIX 2.1 property name: a lowercase ASCII letter, then 2 to 249 lowercase letters, digits or '_'. */
    public static boolean isPropertyName(String s) {
        int n = s.length();
        if (n < 3 || n > 250 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A relationship type: 3 to 250 lowercase ASCII letters, digits or hyphens. */
    public static boolean isRelationshipType(String s) {
        int n = s.length();
        if (n < 3 || n > 250) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isDictionaryKey(String s) {
        return DICTIONARY_KEY.matcher(s).matches();
    }

    public static boolean isHashKey(String s) {
        return HASH_KEY.matcher(s).matches();
    }

    /**
     * The UUID part of an identifier: 8-4-4-4-12 hex digits, RFC 4122 variant. Returns its version (1 to 8), or
     * -1 when malformed.
     */
    public static int uuidVersion(String id, int from) {
        if (id.length() - from != 36) {
            return -1;
        }
        // the characters as bytes, a character beyond Latin-1 as '?': then five word checks instead of 36 lookups
        byte[] b = id.getBytes(StandardCharsets.ISO_8859_1);
        long w0 = (long) LONGS.get(b, from);
        long w1 = (long) LONGS.get(b, from + 8);
        long w2 = (long) LONGS.get(b, from + 16);
        long w3 = (long) LONGS.get(b, from + 24);
        long w4 = (long) LONGS.get(b, from + 28);
        boolean ok = (hexBytes(w0) & hexBytes(w3) & hexBytes(w4)) == HIGHS
                && ((hexBytes(w1) & ~DASHES_1) | (dashBytes(w1) & DASHES_1)) == HIGHS
                && ((hexBytes(w2) & ~DASHES_2) | (dashBytes(w2) & DASHES_2)) == HIGHS;
        if (!ok) {
            return -1;
        }
        byte variant = b[from + 19];
        if (variant != '8' && variant != '9' && variant != 'a' && variant != 'b' && variant != 'A' && variant != 'B') {
            return -1;
        }
        int version = b[from + 14] - '0';
        return version >= 1 && version <= 8 ? version : -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    // the high bit of the bytes of UUID characters 8 to 15 and 16 to 23 that are hyphens: 8, 13 and 18, 23
    private static final long DASHES_1 = 0x0000800000000080L;
    private static final long DASHES_2 = 0x8000000000800000L;

    /** The high bit of each byte of {@code w} that is a hex digit (0-9, a-f, A-F). */
    private static long hexBytes(long w) {
        long ascii = ~w & HIGHS; // bytes below 0x80; the sums below cannot carry out of such a byte
        long x = w & ~HIGHS;
        long digit = (x + 0x5050505050505050L) & ~(x + 0x4646464646464646L); // 0x30 <= x <= 0x39
        long folded = x | 0x2020202020202020L; // A-F to a-f
        long letter = (folded + 0x1f1f1f1f1f1f1f1fL) & ~(folded + 0x1919191919191919L); // 0x61 <= x <= 0x66
        return (digit | letter) & ascii;
    }

    /**
     * The high bit of each byte of {@code w} that is a hyphen; exact where the byte below is not a hyphen, as at the
     * hyphens of a UUID, whose neighbours must be hex digits.
     */
    private static long dashBytes(long w) {
        long x = w ^ 0x2d2d2d2d2d2d2d2dL;
        return (x - 0x0101010101010101L) & ~x & HIGHS;
    }

    /** Index of "--" separating the type from the UUID, or -1. */
    public static int idSeparator(String id) {
        return id.indexOf("--");
    }

    /** A well-formed identifier: a type name, "--", an RFC 4122 UUID. */
    public static boolean isIdentifier(String id) {
        int sep = idSeparator(id);
        return sep > 0 && isTypeName(id, 0, sep) && uuidVersion(id, sep + 2) > 0;
    }

    private static final byte[] HEX_VALUES = hexValues();

    private static byte[] hexValues() {
        byte[] v = new byte[128];
        java.util.Arrays.fill(v, (byte) -1);
        for (int i = 0; i < 10; i++) {
            v['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            v['a' + i] = (byte) (10 + i);
            v['A' + i] = (byte) (10 + i);
        }
        return v;
    }

    private static boolean isHex(char c) {
        return c < 128 && HEX_VALUES[c] >= 0;
    }

    public static boolean isHexString(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4648 base64 with correct padding. */
    public static boolean isBase64(String s) {
        int n = s.length();
        if (n % 4 != 0) {
            return false;
        }
        int pad = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (i < n - 2) {
                    return false;
                }
                pad++;
            } else if (pad > 0
                    || !((c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '+'
                            || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 5646 tag whose primary language subtag is an ISO 639 code (or private use). */
    public static boolean isLanguageTag(String s) {
        if (!LANGUAGE_TAG.matcher(s).matches()) {
            return false;
        }
        int dash = s.indexOf('-');
        String primary = (dash < 0 ? s : s.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
        return primary.equals("x") || primary.equals("i") || primary.length() > 3 || LANGUAGES.contains(primary);
    }

    private static java.util.Set<String> languages() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (String two : java.util.Locale.getISOLanguages()) {
            codes.add(two);
            try {
                codes.add(new java.util.Locale(two).getISO3Language());
            } catch (java.util.MissingResourceException e) {
                // no three-letter form known to the JVM
            }
        }
        return java.util.Set.copyOf(codes);
    }

    public static boolean isMimeType(String s) {
        return MIME_TYPE.matcher(s).matches();
    }

    public static boolean isEmail(String s) {
        return EMAIL.matcher(s).matches();
    }

    public static boolean isUrl(String s) {
        return URL.matcher(s).matches();
    }

    public static boolean isCve(String s) {
        return CVE.matcher(s).matches();
    }

    public static boolean isCapec(String s) {
        return CAPEC.matcher(s).matches();
    }

    public static boolean isCpe(String s) {
        return CPE.matcher(s).matches();
    }

    /** A character set name the JVM knows (the IANA registry, as far as Java carries it). */
    public static boolean isCharset(String s) {
        try {
            return Charset.isSupported(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Dotted-quad IPv4, optionally with a /0-32 prefix. */
    public static boolean isIpv4(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (slash >= 0 && !isPrefix(s.substring(slash + 1), 32)) {
            return false;
        }
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (!Character.isDigit(p.charAt(i)) || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** IPv6 (with optional embedded IPv4 and /0-128 prefix). */
    public static boolean isIpv6(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (slash >= 0 && !isPrefix(s.substring(slash + 1), 128)) {
            return false;
        }
        if (addr.isEmpty() || addr.indexOf(':') < 0) {
            return false;
        }
        int doubleColon = addr.indexOf("::");
        if (doubleColon >= 0 && addr.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = addr.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            for (int j = 0; j < g.length(); j++) {
                if (!isHex(g.charAt(j))) {
                    return false;
                }
            }
            count++;
        }
        if (doubleColon < 0) {
            return count == 8 && !addr.startsWith(":") && !addr.endsWith(":");
        }
        return count < 8;
    }

    private static boolean isPrefix(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(s) <= max;
    }

    /** MAC address: six colon-separated pairs of lowercase hex digits. */
    public static boolean isMac(String s) {
        if (s.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (i % 3 == 2 ? c != ':' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
