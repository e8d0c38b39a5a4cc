package dev.threatkit.cti.pattern;

/** How names and strings are written back as pattern text. */
final class PatternText {
    private PatternText() {}

    /** A property name or key: bare when it is an identifier, else quoted. */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of(
            "AND",
            "OR",
            "NOT",
            "FOLLOWEDBY",
            "LIKE",
            "MATCHES",
            "ISSUPERSET",
            "ISSUBSET",
            "EXISTS",
            "LAST",
            "IN",
            "START",
            "STOP",
            "SECONDS",
            "true",
            "false",
            "WITHIN",
            "REPEATS",
            "TIMES");

    static String key(String name) {
        boolean bare = !name.isEmpty() && isStart(name.charAt(0)) && !KEYWORDS.contains(name);
        for (int i = 1; bare && i < name.length(); i++) {
            char c = name.charAt(i);
            bare = isStart(c) || (c >= '0' && c <= '9');
        }
        return bare ? name : quote(name);
    }

    /** A string literal: quotes and backslashes escaped, the only two escapes STIX patterning has. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** The operands of a junction, copied; a junction joins at least two. */
    static <T> java.util.List<T> operands(java.util.List<T> operands) {
        java.util.List<T> copy = java.util.List.copyOf(operands);
        if (copy.size() < 2) {
            throw new IllegalArgumentException("a junction joins at least two expressions");
        }
        return copy;
    }

    private static boolean isStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
