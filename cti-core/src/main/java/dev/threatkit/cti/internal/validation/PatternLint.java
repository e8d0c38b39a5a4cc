package dev.threatkit.cti.internal.validation;

/**
 * A lexical check of STIX patterns: string literals are closed, and every object path names a valid object type
 * and property. It catches what breaks every STIX consumer; the full grammar, its semantic checks and matching
 * belong to the pattern module (issue #3), which replaces this check when it lands.
 */
final class PatternLint {
    private PatternLint() {}

    /** The first problem found in {@code pattern}, or null. */
    static String problem(String pattern) {
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = closeString(pattern, i + 1);
                if (end < 0) {
                    return "unterminated string literal starting at column " + (i + 1);
                }
                i = end + 1;
            } else if (c == '"') {
                return "double quote at column " + (i + 1) + ": STIX pattern strings use single quotes";
            } else if (isTypeChar(c) && (i == 0 || !isTypeChar(pattern.charAt(i - 1)))) {
                int start = i;
                while (i < n && isTypeChar(pattern.charAt(i))) {
                    i++;
                }
                if (i < n && pattern.charAt(i) == ':') {
                    String type = pattern.substring(start, i);
                    if (!Formats.isTypeName(type) && !(type.length() >= 3 && type.matches("[a-z0-9-]+"))) {
                        return "'" + type + "' is not a valid observable type name";
                    }
                    String property = firstProperty(pattern, i + 1);
                    if (property != null && !property.matches("[a-z0-9_]{3,250}")) {
                        return "'" + property + "' is not a valid observable property name";
                    }
                }
            } else {
                i++;
            }
        }
        return null;
    }

    private static String firstProperty(String p, int from) {
        int i = from;
        if (i < p.length() && p.charAt(i) == '\'') {
            int end = closeString(p, i + 1);
            return end < 0 ? null : p.substring(i + 1, end);
        }
        while (i < p.length() && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '_')) {
            i++;
        }
        return p.substring(from, i);
    }

    private static int closeString(String p, int from) {
        for (int i = from; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTypeChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
