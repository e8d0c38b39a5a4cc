package dev.threatkit.cti.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The indicator-shaped tokens of free text, whole and lower-cased, for an exact keyword field: a general-purpose
 * analyzer would cut "10.0.0.0/8", "evil.co.uk" or "C:\Windows\evil.dll" into pieces that no longer find them.
 *
 * <p>What is emitted, after {@link Refang#refang}:
 *
 * <ul>
 *   <li>IPv4 addresses; a CIDR block as itself and as its address. "1.2.3.4:443" gives "1.2.3.4".
 *   <li>IPv6 addresses in the RFC 5952 form, plus the written form when it differs; blocks with and without the
 *       prefix; an IPv4-mapped address also as its IPv4 address. A zone ("%eth0") is dropped.
 *   <li>Domains and each parent of two labels or more: "a.evil.co.uk", "evil.co.uk", "co.uk". No public-suffix
 *       list: "co.uk" is a term like any other. The TLD test is a heuristic (see {@link IocShapes#isDomain}).
 *   <li>URLs ("scheme://..."): the URL less trailing punctuation, without its trailing slash (or with one when it
 *       has no path), its host as above, and the file name ending its path.
 *   <li>E-mail addresses and their domain as above.
 *   <li>MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512 hex and SSDEEP digests.
 *   <li>File names ("name.ext") and paths: an absolute or backslashed path whole and its file name; a relative
 *       "host/path" its host and file name.
 *   <li>ATT&amp;CK, CAPEC, CVE and CWE ids as written, never the parent of a sub-technique: a query for "T1059"
 *       should rank T1059 above its children.
 * </ul>
 *
 * <p>One pass: text is cut into chunks at white space, quotes and angle brackets; a chunk holding "scheme://" is
 * a URL from there on, the rest is cut again at brackets, commas, semicolons, '=' and the like, and each piece is
 * tried against the shapes in a fixed order. Every test reads its piece a bounded number of times or gives up on
 * its length, so the work is linear in the text. Terms longer than {@link #MAX_TERM} are dropped.
 */
public final class IocTokens {
    /**
     * Longest term emitted, in chars. Lucene refuses a term over 32766 UTF-8 bytes and a char takes at most three;
     * an indicator this long is a pasted blob, not something anyone will type into a query.
     */
    public static final int MAX_TERM = 8192;

    private IocTokens() {}

    /** Emits the indicators found in {@code text}, each once, lower-cased (Locale.ROOT). Nothing for null. */
    public static void extract(String text, Consumer<String> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        new IocScan(Refang.refang(text), out).run();
    }

    /** {@link #extract} into a list, in the order found. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        extract(text, tokens::add);
        return tokens;
    }

    /**
     * True when the token is itself an indexed term: {@code extract(token)} emits {@code refang(token)} lower-cased
     * whole. A query can then look that term up in the exact field. "evil.com:443" is false (it is indexed as
     * "evil.com"); a caller who wants the indicators inside a larger query term uses {@link #tokens}.
     */
    public static boolean looksLikeIoc(String token) {
        if (token == null) {
            return false;
        }
        String stripped = token.strip();
        String wanted = Refang.refang(stripped).toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        extract(stripped, term -> found[0] |= term.equals(wanted));
        return found[0];
    }
}
