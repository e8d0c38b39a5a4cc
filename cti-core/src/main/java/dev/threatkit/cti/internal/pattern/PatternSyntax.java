package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.internal.pattern.grammar.StixPatternLexer;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser;
import dev.threatkit.cti.pattern.PatternException;
import dev.threatkit.cti.pattern.Position;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Runs the ANTLR lexer and parser over a pattern and turns the first syntax error into a
 * {@link PatternException} with its position. Nesting is bounded before ANTLR sees the text: its parser
 * recurses once per bracket level, and a hostile pattern must not overflow the stack.
 */
final class PatternSyntax {
    /** Deeper than any real pattern (they rarely pass 5); far below what the stack of a default thread holds. */
    static final int MAX_NESTING = 100;

    private PatternSyntax() {}

    static StixPatternParser.PatternContext parse(String text) {
        checkNesting(text);
        StixPatternLexer lexer = new StixPatternLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(THROWING);
        StixPatternParser parser = new StixPatternParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(THROWING);
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        try {
            return parser.pattern();
        } catch (SyntaxError e) {
            throw e.toPatternException(text);
        }
    }

    /** Rejects bracket nesting beyond {@link #MAX_NESTING}, skipping quoted text. */
    private static void checkNesting(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '/' && text.startsWith("/*", i)) { // comments: their quotes and brackets do not count
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '/' && text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (c == '(' || c == '[') {
                if (++depth > MAX_NESTING) {
                    throw new PatternException(
                            position(text, i),
                            "brackets and parentheses nest more than " + MAX_NESTING + " levels deep; "
                                    + "flatten the pattern");
                }
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    /** The position of offset {@code offset} in {@code text}. */
    static Position position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart + 1, offset);
    }

    /** A syntax error on its way out of ANTLR; unchecked so that it passes through the generated code. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;
        final int offset;
        final String detail;

        SyntaxError(int line, int column, int offset, String detail) {
            super(detail, null, false, false);
            this.line = line;
            this.column = column;
            this.offset = offset;
            this.detail = detail;
        }

        PatternException toPatternException(String text) {
            String hint = "";
            if (offset == firstSignificant(text) && !text.isBlank()) {
                char c = text.charAt(offset);
                if (c != '[' && c != '(') {
                    hint = "; a pattern starts with [ (one observation) or ( (a group), e.g. [file:size = 1280]";
                }
            } else if (text.isBlank()) {
                hint = "; the pattern is empty";
            }
            return new PatternException(new Position(line, column + 1, offset), detail + hint);
        }

        private static int firstSignificant(String text) {
            int i = 0;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }
    }

    private static final BaseErrorListener THROWING = new BaseErrorListener() {
        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                RecognitionException e) {
            int offset = offendingSymbol instanceof Token t ? t.getStartIndex() : -1;
            if (offset < 0 && recognizer instanceof StixPatternLexer lexer) {
                offset = lexer._tokenStartCharIndex;
            }
            throw new SyntaxError(line, charPositionInLine, Math.max(offset, 0), msg);
        }
    };
}
