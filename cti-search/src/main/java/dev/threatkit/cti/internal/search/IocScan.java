package dev.threatkit.cti.internal.search;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One {@link IocTokens#extract} call: cuts the refanged text into chunks and pieces, tries each piece against the
 * shapes of {@link IocShapes} and {@link IpLiterals}, and sends every term once.
 *
 * <p>Chunks end at white space, quotes and angle brackets. A chunk holding "scheme://" is a URL from the scheme
 * on, because a URL keeps the '=', '&amp;' and brackets that cut the rest of a chunk into pieces.
 */
final class IocScan {
    /** Cut a chunk into pieces; none of them occurs inside an indicator outside a URL. */
    private static final String SOFT_BOUNDARIES = ",;=()[]{}|!?&*#^";

    private final String s;
    private final Consumer<String> out;
    private final Set<String> seen = new HashSet<>();

    IocScan(String s, Consumer<String> out) {
        this.s = s;
        this.out = out;
    }

    void run() {
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isHardBoundary(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isHardBoundary(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                chunk(start, i);
            }
        }
    }

    /** A URL keeps its '=', '&', brackets...: find it before the chunk is cut at them. */
    private void chunk(int from, int to) {
        int sep = indexOf("://", from, to);
        if (sep > from) {
            int start = sep;
            while (start > from && isSchemeChar(s.charAt(start - 1))) {
                start--;
            }
            while (start < sep && !IocShapes.isAsciiLetter(s.charAt(start))) {
                start++; // a scheme begins with a letter
            }
            if (sep - start >= 2 && url(start, sep, to)) {
                soft(from, start);
                return;
            }
        }
        soft(from, to);
    }

    private void soft(int from, int to) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || SOFT_BOUNDARIES.indexOf(s.charAt(i)) >= 0) {
                if (i > start) {
                    piece(start, i, true);
                }
                start = i + 1;
            }
        }
    }

    /**
     * Tries the shapes in an order where an earlier one never hides a later one that should win: a STIX
     * object path before anything with a colon, addresses before file names ("10.0.0.0/8" is no path),
     * SSDEEP before paths (its base64 has '/'), paths before the colon split ("C:\...").
     */
    private void piece(int from, int to, boolean splitColons) {
        while (to > from && (s.charAt(to - 1) == '.' || singleColonAt(from, to - 1))) {
            to--; // sentence punctuation; "fe80::" keeps its "::"
        }
        while (from < to && s.charAt(from) == '-') {
            from++;
        }
        if (from >= to) {
            return;
        }
        boolean dot = false;
        boolean colon = false;
        boolean slash = false;
        boolean at = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            dot |= c == '.';
            colon |= c == ':';
            slash |= c == '/' || c == '\\';
            at |= c == '@';
            digit |= IocShapes.isDigit(c);
        }
        if (colon && IocShapes.isObjectPath(s, from, to)) {
            return;
        }
        if ((dot && ipv4(from, to)) || (colon && ipv6(from, to))) {
            return;
        }
        if (IocShapes.isHash(s, from, to)
                || (colon && IocShapes.isSsdeep(s, from, to))
                || (digit && IocShapes.isKnownId(s, from, to))) {
            emit(from, to);
            return;
        }
        if (at && email(from, to)) {
            return;
        }
        if (slash) {
            path(from, to);
            return;
        }
        if (colon) {
            if (splitColons) { // "evil.com:443", "sha256:<hex>", "mailto:x@evil.com"
                int start = from;
                for (int i = from; i <= to; i++) {
                    if (i == to || s.charAt(i) == ':') {
                        if (i > start) {
                            piece(start, i, false);
                        }
                        start = i + 1;
                    }
                }
            }
            return;
        }
        while (from < to && s.charAt(from) == '.') {
            from++; // "*.evil.com" arrives as ".evil.com"
        }
        if (dot && IocShapes.isDomain(s, from, to)) {
            domain(from, to);
        } else if (dot && IocShapes.isFileName(s, from, to)) {
            emit(from, to);
        }
    }

    private boolean singleColonAt(int from, int i) {
        return s.charAt(i) == ':' && !(i > from && s.charAt(i - 1) == ':');
    }

    /** "a.b.c.d" or "a.b.c.d/n". */
    private boolean ipv4(int from, int to) {
        int slash = indexOf("/", from, to);
        int end = slash < 0 ? to : slash;
        if (IpLiterals.ipv4(s, from, end) < 0) {
            return false;
        }
        if (slash >= 0) {
            if (IpLiterals.prefix(s, slash + 1, to, 32) < 0) {
                return false; // "1.2.3.4/index.html" is a host and a path
            }
            emit(from, to);
        }
        emit(from, end);
        return true;
    }

    /** An IPv6 address or block, optionally with a zone. */
    private boolean ipv6(int from, int to) {
        int slash = indexOf("/", from, to);
        int end = slash < 0 ? to : slash;
        int zone = indexOf("%", from, end);
        int addressEnd = zone < 0 ? end : zone;
        int[] groups = IpLiterals.ipv6(s, from, addressEnd);
        if (groups == null || (zone >= 0 && !isZone(zone + 1, end))) {
            return false;
        }
        boolean hexDigit = false; // "::" alone is punctuation far more often than the unspecified address
        for (int i = from; i < addressEnd && !hexDigit; i++) {
            hexDigit = IocShapes.isHex(s.charAt(i));
        }
        int prefix = slash < 0 ? -1 : IpLiterals.prefix(s, slash + 1, to, 128);
        if (!hexDigit || (slash >= 0 && prefix < 0)) {
            return false;
        }
        String canonical = IpLiterals.format(groups);
        String written = s.substring(from, addressEnd).toLowerCase(Locale.ROOT);
        emit(canonical);
        if (prefix >= 0) {
            emit(canonical + "/" + prefix);
        }
        if (!written.equals(canonical)) {
            emit(written);
            if (prefix >= 0) {
                emit(written + s.substring(slash, to));
            }
        }
        if (IpLiterals.isIpv4Mapped(groups)) {
            emit(IpLiterals.ipv4Tail(groups));
        }
        return true;
    }

    private boolean isZone(int from, int to) {
        if (from >= to || to - from > 32) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(IocShapes.isAsciiLetter(c) || IocShapes.isDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private boolean email(int from, int to) {
        int at = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at <= from || at - from > 64 || s.charAt(from) == '.' || s.charAt(at - 1) == '.') {
            return false;
        }
        for (int i = from; i < at; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-')) {
                return false;
            }
        }
        if (!IocShapes.isDomain(s, at + 1, to)) {
            return false;
        }
        emit(from, to);
        domain(at + 1, to);
        return true;
    }

    /**
     * An absolute path ("/tmp/x.sh", "~/x", "C:\...", "\\server\share") or one with backslashes (registry
     * keys, "%APPDATA%\x.exe") is an indicator whole; "dir/x.sh" or "evil.com/a.php" is not, but its host and
     * file name are.
     */
    private void path(int from, int to) {
        int firstSeparator = -1;
        int lastSeparator = -1;
        boolean backslash = false;
        int segments = 0;
        int segmentStart = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '/';
            if (c == '/' || c == '\\') {
                if (i < to) {
                    backslash |= c == '\\';
                    lastSeparator = i;
                    if (firstSeparator < 0) {
                        firstSeparator = i;
                    }
                }
                if (i > segmentStart) {
                    segments++;
                }
                segmentStart = i + 1;
            }
        }
        char first = s.charAt(from);
        boolean absolute = first == '/'
                || first == '\\'
                || s.startsWith("~/", from)
                || (to - from >= 3
                        && IocShapes.isAsciiLetter(first)
                        && s.charAt(from + 1) == ':'
                        && (s.charAt(from + 2) == '\\' || s.charAt(from + 2) == '/'));
        boolean file = IocShapes.isFileName(s, lastSeparator + 1, to);
        if (absolute || backslash) {
            if (segments >= 2 || file) {
                emit(from, to);
            }
        } else {
            host(from, firstSeparator);
        }
        if (file) {
            emit(lastSeparator + 1, to);
        }
    }

    /** "evil.com", "1.2.3.4", either with ":port". */
    private void host(int from, int to) {
        while (to > from && s.charAt(to - 1) == '.') {
            to--;
        }
        int colon = -1;
        for (int i = to - 1; i >= from && colon < 0 && to - i <= 6; i--) {
            if (s.charAt(i) == ':') {
                colon = i;
            }
        }
        if (colon >= 0) {
            if (!isPort(colon + 1, to)) {
                return;
            }
            to = colon;
        }
        if (IpLiterals.ipv4(s, from, to) >= 0) {
            emit(from, to);
        } else if (IocShapes.isDomain(s, from, to)) {
            domain(from, to);
        }
    }

    private boolean isPort(int from, int to) {
        if (to - from < 1 || to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!IocShapes.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The domain and each parent that still has two labels. */
    private void domain(int from, int to) {
        emit(from, to);
        int dots = 0;
        for (int i = from; i < to; i++) {
            dots += s.charAt(i) == '.' ? 1 : 0;
        }
        for (int i = from; i < to && dots > 1; i++) {
            if (s.charAt(i) == '.') {
                emit(i + 1, to);
                dots--;
            }
        }
    }

    /** The URL beginning at {@code start} with its scheme; false when nothing follows "://". */
    private boolean url(int start, int sep, int to) {
        int end = trimUrl(start, to);
        int rest = sep + 3;
        if (end <= rest) {
            return false;
        }
        int authorityEnd = rest;
        while (authorityEnd < end && "/?#\\".indexOf(s.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String url = s.substring(start, end);
        emit(url);
        if (s.charAt(end - 1) == '/' && end - 1 > rest) {
            emit(s.substring(start, end - 1));
        } else if (authorityEnd == end) {
            emit(url + "/"); // "http://evil.com" and "http://evil.com/" name the same resource
        }
        int hostStart = rest;
        for (int i = rest; i < authorityEnd; i++) {
            if (s.charAt(i) == '@') {
                hostStart = i + 1; // past "user:password@"
            }
        }
        if (hostStart < authorityEnd && s.charAt(hostStart) == '[') {
            int close = indexOf("]", hostStart, authorityEnd);
            if (close > hostStart + 1) {
                ipv6(hostStart + 1, close);
            }
        } else if (hostStart < authorityEnd) {
            host(hostStart, authorityEnd);
        }
        int pathEnd = authorityEnd;
        int lastSlash = -1;
        while (pathEnd < end && s.charAt(pathEnd) != '?' && s.charAt(pathEnd) != '#') {
            if (s.charAt(pathEnd) == '/' || s.charAt(pathEnd) == '\\') {
                lastSlash = pathEnd;
            }
            pathEnd++;
        }
        if (lastSlash >= 0 && IocShapes.isFileName(s, lastSlash + 1, pathEnd)) {
            emit(lastSlash + 1, pathEnd);
        }
        return true;
    }

    /**
     * The end of the URL without the sentence around it: trailing ".,;:!?" and a closing bracket that has no
     * opening one inside the URL ("(see http://x/a_(b))" keeps "a_(b)").
     */
    private int trimUrl(int start, int to) {
        int parens = 0;
        int squares = 0;
        int braces = 0;
        for (int i = start; i < to; i++) {
            switch (s.charAt(i)) {
                case '(' -> parens++;
                case ')' -> parens--;
                case '[' -> squares++;
                case ']' -> squares--;
                case '{' -> braces++;
                case '}' -> braces--;
                default -> {}
            }
        }
        int end = to;
        while (end > start) {
            char c = s.charAt(end - 1);
            if (".,;:!?".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && parens < 0) {
                parens++;
                end--;
            } else if (c == ']' && squares < 0) {
                squares++;
                end--;
            } else if (c == '}' && braces < 0) {
                braces++;
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private void emit(int from, int to) {
        if (to - from <= IocTokens.MAX_TERM) {
            emit(s.substring(from, to));
        }
    }

    private void emit(String term) {
        if (term.length() <= IocTokens.MAX_TERM) {
            String lower = term.toLowerCase(Locale.ROOT);
            if (seen.add(lower)) {
                out.accept(lower);
            }
        }
    }

    /** Searches s[from, to) only: String.indexOf would read on to the end of the text for every chunk. */
    private int indexOf(String needle, int from, int to) {
        for (int i = from; i + needle.length() <= to; i++) {
            if (s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Ends a chunk: white space, controls, quotes, angle brackets, and any non-ASCII character that is not part
     * of a word (typographic quotes, CJK punctuation, no-break spaces).
     */
    private static boolean isHardBoundary(char c) {
        if (c < 0x80) {
            return c <= ' ' || c == 0x7F || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>';
        }
        if (Character.isLetterOrDigit(c)) {
            return false;
        }
        int type = Character.getType(c);
        return type != Character.NON_SPACING_MARK
                && type != Character.COMBINING_SPACING_MARK
                && type != Character.ENCLOSING_MARK;
    }

    private static boolean isSchemeChar(char c) {
        return IocShapes.isAsciiLetter(c) || IocShapes.isDigit(c) || c == '+' || c == '-';
    }
}
