package dev.threatkit.cti.internal.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes the defanging analysts apply to indicators so that a pasted {@code hxxp://evil[.]com} and a stored
 * {@code http://evil.com} meet on the same term.
 *
 * <p>Only unambiguous forms are undone: bracketed ones ({@code [.]}, {@code (dot)}, {@code [@]}, {@code [:]},
 * {@code [://]}, {@code [/]}...), defanged schemes ({@code hxxp}, {@code hxxps}, {@code fxp}) in front of a colon,
 * and {@code \.} in a token whose every backslash escapes a dot. A bare " dot " or " at " in prose is left alone:
 * undoing it would turn sentences into host names.
 *
 * <p>One pass over the text, token by token (a token runs between white space); no regular expression, so the
 * work is linear in the input whatever it holds.
 */
public final class Refang {
    private Refang() {}

    /** Bracketed forms: the text between the brackets, any case, and what the whole form stands for. */
    private static final String[][] BRACKETED = {
        {".", "."}, {"dot", "."}, {"@", "@"}, {"at", "@"},
    };

    /** Square brackets only: "(:)" and "(/)" read as emoticons and list markers in prose. */
    private static final String[][] SQUARE_ONLY = {
        {"://", "://"}, {":", ":"}, {"/", "/"},
    };

    /** Defanged schemes, longest first so that "hxxps" is not read as "hxxp" followed by "s". */
    private static final String[][] SCHEMES = {
        {"hxxps", "https"}, {"hxxp", "http"}, {"fxps", "ftps"}, {"fxp", "ftp"},
    };

    /**
     * The text with defanged indicators restored, the same instance when nothing was defanged, null for null.
     * Percent-escapes are decoded only inside a token that is a URL (see {@link #percentDecode}).
     */
    public static String refang(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = null; // created at the first change: most text has nothing to undo
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String fixed = i > start ? token(text, start, i) : null;
            if (fixed != null && out == null) {
                out = new StringBuilder(n).append(text, 0, start);
            }
            if (out != null) {
                if (fixed != null) {
                    out.append(fixed);
                } else {
                    out.append(text, start, i);
                }
            }
            int space = i;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (out != null) {
                out.append(text, space, i);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The refanged token in [from, to), or null when it needs no change. */
    private static String token(String s, int from, int to) {
        boolean escapedDots = backslashesEscapeDots(s, from, to);
        StringBuilder b = null;
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            String replacement = null;
            int length = 0;
            if (c == '[' || c == '(' || c == '{') {
                char close = c == '[' ? ']' : c == '(' ? ')' : '}';
                for (String[] form : BRACKETED) {
                    if (enclosed(s, i, to, close, form[0])) {
                        replacement = form[1];
                        length = form[0].length() + 2;
                        break;
                    }
                }
                for (int k = 0; replacement == null && c == '[' && k < SQUARE_ONLY.length; k++) {
                    if (enclosed(s, i, to, close, SQUARE_ONLY[k][0])) {
                        replacement = SQUARE_ONLY[k][1];
                        length = SQUARE_ONLY[k][0].length() + 2;
                    }
                }
            } else if (c == '\\' && escapedDots && i + 1 < to && s.charAt(i + 1) == '.') {
                replacement = ".";
                length = 2;
            } else if ((c == 'h' || c == 'H' || c == 'f' || c == 'F')
                    && (i == from || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                for (String[] scheme : SCHEMES) {
                    int end = i + scheme[0].length();
                    if (s.regionMatches(true, i, scheme[0], 0, scheme[0].length()) && colonFollows(s, end, to)) {
                        replacement = scheme[1];
                        length = scheme[0].length();
                        break;
                    }
                }
            }
            if (replacement != null) {
                if (b == null) {
                    b = new StringBuilder(to - from).append(s, from, i);
                }
                b.append(replacement);
                i += length;
            } else {
                if (b != null) {
                    b.append(c);
                }
                i++;
            }
        }
        String result = b == null ? null : b.toString();
        if (hasPercent(s, from, to)) { // the replacements above never add one
            String whole = result == null ? s.substring(from, to) : result;
            String decoded = isUrl(whole) ? percentDecode(whole) : null;
            if (decoded != null) {
                result = decoded;
            }
        }
        return result;
    }

    private static boolean hasPercent(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                return true;
            }
        }
        return false;
    }

    /** True when s[at] opens a bracket holding exactly {@code inner} (any case) and closed by {@code close}. */
    private static boolean enclosed(String s, int at, int to, char close, String inner) {
        int end = at + 1 + inner.length();
        return end < to && s.charAt(end) == close && s.regionMatches(true, at + 1, inner, 0, inner.length());
    }

    /** A scheme is only a scheme in front of ":" or a defanged "[:" / "[://]"; "hxxpd" or "fxpool" are words. */
    private static boolean colonFollows(String s, int at, int to) {
        return at < to && (s.charAt(at) == ':' || (s.charAt(at) == '[' && at + 1 < to && s.charAt(at + 1) == ':'));
    }

    /**
     * "evil\.com" is a domain escaped for a regular expression; "C:\Users\bob\.ssh" is a path whose backslashes
     * must stay. Only a token whose every backslash precedes a dot, one of them after a letter or digit, is read
     * as the former.
     */
    private static boolean backslashesEscapeDots(String s, int from, int to) {
        boolean afterLabel = false;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\\') {
                if (i + 1 >= to || s.charAt(i + 1) != '.') {
                    return false;
                }
                afterLabel |= i > from && Character.isLetterOrDigit(s.charAt(i - 1));
            }
        }
        return afterLabel;
    }

    /** "scheme://..." after any opening punctuation: the token is a URL, so its escapes are URL escapes. */
    private static boolean isUrl(String t) {
        int i = 0;
        while (i < t.length() && "([{<\"'".indexOf(t.charAt(i)) >= 0) {
            i++;
        }
        int start = i;
        while (i < t.length() && isSchemeChar(t.charAt(i), i == start)) {
            i++;
        }
        return i - start >= 2 && t.startsWith("://", i);
    }

    private static boolean isSchemeChar(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return letter || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-'));
    }

    /**
     * Decodes the escapes that name the same resource either way (RFC 3986 6.2.2.2: unreserved characters) and
     * UTF-8 sequences of non-ASCII printable characters (an IRI's readable form). Reserved characters, "%25",
     * spaces and controls stay escaped: decoding them would change where the URL's parts begin, would let a second
     * refang decode again, or would split the URL into two tokens. Null when nothing was decoded.
     */
    private static String percentDecode(String t) {
        StringBuilder b = null;
        int i = 0;
        int n = t.length();
        while (i < n) {
            if (hexPair(t, i) < 0) {
                if (b != null) {
                    b.append(t.charAt(i));
                }
                i++;
                continue;
            }
            int runStart = i;
            while (i < n && hexPair(t, i) >= 0) {
                i += 3;
            }
            int count = (i - runStart) / 3;
            byte[] run = new byte[count];
            for (int k = 0; k < count; k++) {
                run[k] = (byte) hexPair(t, runStart + 3 * k);
            }
            String decoded = decodeRun(t, runStart, run, count);
            if (decoded != null && b == null) {
                b = new StringBuilder(n).append(t, 0, runStart);
            }
            if (b != null) {
                b.append(decoded != null ? decoded : t.substring(runStart, i));
            }
        }
        return b == null ? null : b.toString();
    }

    /** The run of escaped bytes written out, or null when none of it may be decoded. */
    private static String decodeRun(String t, int runStart, byte[] run, int count) {
        StringBuilder b = new StringBuilder();
        boolean any = false;
        int k = 0;
        while (k < count) {
            int v = run[k] & 0xFF;
            if (v < 0x80) {
                boolean unreserved = Character.isLetterOrDigit(v) || v == '-' || v == '.' || v == '_' || v == '~';
                if (unreserved) {
                    b.append((char) v);
                    any = true;
                } else {
                    b.append(t, runStart + 3 * k, runStart + 3 * k + 3);
                }
                k++;
                continue;
            }
            int end = k;
            while (end < count && (run[end] & 0xFF) >= 0x80) {
                end++;
            }
            String text = utf8(run, k, end);
            if (text != null) {
                b.append(text);
                any = true;
            } else {
                b.append(t, runStart + 3 * k, runStart + 3 * end);
            }
            k = end;
        }
        return any ? b.toString() : null;
    }

    /** Strict UTF-8 of printable characters only, else null. */
    private static String utf8(byte[] bytes, int from, int to) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                int type = Character.getType(c);
                if (Character.isWhitespace(c)
                        || Character.isSpaceChar(c)
                        || Character.isISOControl(c)
                        || type == Character.FORMAT) {
                    return null;
                }
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The byte of "%XX" at i, or -1. */
    private static int hexPair(String t, int i) {
        if (i + 2 >= t.length() || t.charAt(i) != '%') {
            return -1;
        }
        int hi = Character.digit(t.charAt(i + 1), 16);
        int lo = Character.digit(t.charAt(i + 2), 16);
        return hi < 0 || lo < 0 || t.charAt(i + 1) > 'f' || t.charAt(i + 2) > 'f' ? -1 : hi * 16 + lo;
    }
}
