package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.PatternException;

/**
 * Text handed to {@code java.util.regex} that counts how often the engine reads it and gives up past a budget.
 * A backtracking expression (MATCHES '(.*a){15}$' against forty a's takes minutes) becomes an evaluation error
 * instead of a hung thread.
 */
final class BoundedText implements CharSequence {
    /** Reads allowed per value: far beyond what a sane expression needs on a real value (about half a second). */
    static final long BUDGET = 50_000_000L;

    private final String text;
    private final long[] reads; // shared with subsequences

    BoundedText(String text) {
        this(text, new long[1]);
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > BUDGET) {
            throw new PatternException(
                    null,
                    "the regular expression needs more than " + BUDGET + " steps on a value of " + text.length()
                            + " characters; simplify it (nested repetition backtracks)");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
