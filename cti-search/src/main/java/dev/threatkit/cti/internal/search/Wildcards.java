package dev.threatkit.cti.internal.search;

import dev.threatkit.cti.search.SearchException;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Wildcard matching on keyword fields, bounded. Suffix and substring matches of user values are literal and
 * build no automaton ({@link SubstringQuery}). A user pattern ({@code *} any run, {@code ?} one character,
 * everything else literal, a backslash included) is at most {@link #MAX_PATTERN} characters, its runs of
 * {@code *} collapse to one, and its automaton must determinise within Lucene's work limit and stay under
 * {@link #MAX_STATES} states. Matching then costs one pass over the field's term dictionary, whatever the pattern.
 */
final class Wildcards {
    /** Longest user pattern. */
    static final int MAX_PATTERN = 256;
    /** Largest deterministic automaton a pattern may compile to. */
    static final int MAX_STATES = 10_000;

    private Wildcards() {}

    /** Terms of {@code field} containing {@code value} (already normalised), literally. */
    static Query contains(String field, String value) {
        return new SubstringQuery(field, value, SubstringQuery.Where.ANYWHERE);
    }

    /** Terms of {@code field} ending with {@code value} (already normalised), literally. */
    static Query endsWith(String field, String value) {
        return new SubstringQuery(field, value, SubstringQuery.Where.AT_END);
    }

    /**
     * Terms of {@code field} matching the user pattern {@code normalized} ({@code raw} as the user wrote it, for
     * the length check and messages).
     */
    static Query pattern(String field, String raw, String normalized) {
        if (raw.length() > MAX_PATTERN) {
            throw new SearchException("the wildcard pattern is " + raw.length() + " characters; the most is "
                    + MAX_PATTERN + ": use contains or starts_with for long values");
        }
        StringBuilder p = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == WildcardQuery.WILDCARD_ESCAPE) {
                p.append(WildcardQuery.WILDCARD_ESCAPE);
            } else if (c == WildcardQuery.WILDCARD_STRING && p.length() > 0 && p.charAt(p.length() - 1) == c) {
                continue;
            }
            p.append(c);
        }
        return compile(field, p.toString(), raw);
    }

    private static Query compile(String field, String pattern, String shown) {
        Term term = new Term(field, pattern);
        Automaton automaton;
        try {
            automaton =
                    Operations.determinize(WildcardQuery.toAutomaton(term), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        } catch (TooComplexToDeterminizeException e) {
            throw tooComplex(shown, e);
        }
        if (automaton.getNumStates() > MAX_STATES) {
            throw tooComplex(shown, null);
        }
        return new AutomatonQuery(term, automaton, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    }

    private static SearchException tooComplex(String shown, Throwable cause) {
        String head = shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
        return new SearchException(
                "the pattern \"" + head + "\" is too complex to match; use fewer * and ? "
                        + "wildcards, a shorter value, or starts_with / contains instead",
                cause);
    }
}
