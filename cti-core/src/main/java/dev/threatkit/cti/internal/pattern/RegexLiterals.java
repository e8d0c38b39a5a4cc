package dev.threatkit.cti.internal.pattern;

/**
 * The longest piece of literal text that every match of a regular expression must contain, found
 * conservatively: an expression with alternation or inline flags, and anything inside groups, yield nothing.
 * Used to index MATCHES comparisons; a miss only costs sharpness, never a wrong answer.
 */
final class RegexLiterals {
    private RegexLiterals() {}

    /** The longest required literal of at least {@link IndexPlan#GRAM} characters, or null. */
    static String longestRequired(String pattern) {
        // the matcher sees NFC text and an NFC expression: extract from that form, so that a quantifier after a
        // combining mark applies to the composed character
        String regex = java.text.Normalizer.normalize(pattern, java.text.Normalizer.Form.NFC);
        if (regex.indexOf('|') >= 0 || regex.contains("(?")) {
            return null;
        }
        for (int i = 0; i < regex.length(); i++) {
            if (Character.isSurrogate(regex.charAt(i))) {
                return null; // a quantifier would bind a whole pair; not worth the care
            }
        }
        String best = null;
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\': {
                    if (i + 1 >= regex.length()) {
                        return null;
                    }
                    char next = regex.charAt(++i);
                    if ("dDwWsSbBhHvV".indexOf(next) >= 0) { // a class or a boundary: ends the run
                        best = flush(run, best);
                    } else if (Character.isLetterOrDigit(next)) {
                        return null; // \x2e, \u002e, \0101, \cA, \p{L}, \Q...\E, \1: give up rather than misread
                    } else if (depth == 0) {
                        run.append(next);
                    }
                    break;
                }
                case '[':
                    best = flush(run, best);
                    i = skipClass(regex, i);
                    if (i < 0) {
                        return null;
                    }
                    break;
                case '(':
                    best = flush(run, best);
                    depth++;
                    break;
                case ')':
                    best = flush(run, best);
                    depth--;
                    break;
                case '*':
                case '?':
                case '{':
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1); // the character before may be absent
                    }
                    best = flush(run, best);
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        if (close < 0) {
                            return null;
                        }
                        i = close;
                    }
                    break;
                case '+':
                case '.':
                case '^':
                case '$':
                    best = flush(run, best);
                    break;
                default:
                    if (depth == 0) {
                        run.append(c);
                    }
            }
        }
        return flush(run, best);
    }

    private static String flush(StringBuilder run, String best) {
        String s = run.toString();
        run.setLength(0);
        return s.length() >= IndexPlan.GRAM && (best == null || s.length() > best.length()) ? s : best;
    }

    /** The index of the ']' closing the class opened at {@code open}, or -1. */
    private static int skipClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1; // nested classes and intersections: give up
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
