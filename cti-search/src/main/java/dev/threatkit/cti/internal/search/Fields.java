package dev.threatkit.cti.internal.search;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The index's field names and the one normalisation every keyword goes through. One document per stored object;
 * its fields are derived from the object's properties (see {@link DocumentMapper}):
 *
 * <ul>
 *   <li>{@code k.<property>}: every scalar value of a top-level property (lists element by element, nested
 *       objects flattened to {@code k.<property>.<member>}), normalised, for eq, prefix, suffix and wildcard
 *       filters;
 *   <li>{@code n.<property>}: timestamps (epoch milliseconds) as long points, and timestamps and integers as
 *       sorted-numeric doc values, for ranges, sorting and histograms; {@code d.<property>}: every number as a
 *       double point (ranges), and decimals as sortable sorted-numeric doc values;
 *   <li>{@code s.<property>}: the normalised value of a sortable string property as sorted doc values;
 *   <li>{@code t.*}: analysed text for full-text search; {@code exact}: whole names, aliases, external ids and
 *       observable values, normalised, so an exact match can rank first; {@code ioc}: indicator-shaped tokens;
 *   <li>the bookkeeping fields below, prefixed with an underscore.
 * </ul>
 */
public final class Fields {
    private Fields() {}

    /** The object's stored STIX id: stored, indexed and as doc values (tie-break and cursor). */
    public static final String ID = "_id";
    /**
     * The other ids the object is known by (STIX id, x_opencti_stix_ids), besides its stored id: look an id up
     * in both with {@link #anyId}. Kept apart so the common object, known by one id, indexes that id once.
     */
    public static final String IDS = "_ids";
    /** The STIX type, stored (filters use {@code k.type} and {@code entity_type}). */
    public static final String TYPE = "_type";
    /** The display name (name, else value, else null), stored. */
    public static final String NAME = "_name";
    /** The STIX type, OpenCTI's entity type and its parent types, lowercase. */
    public static final String ENTITY_TYPE = "entity_type";
    /** One term per top-level property present, for nil and not_nil. */
    public static final String HAS = "_has";
    /** "1" when the object is revoked or deprecated. */
    public static final String INACTIVE = "_inactive";
    /**
     * The marking-definition ids the object carries, for the caller's visibility filter: the keyword field of
     * {@code object_marking_refs} (ids are lower case, so normalising leaves them as they are).
     */
    public static final String MARKING = "k.object_marking_refs";
    /** The source end of a relationship or sighting, as sorted-set doc values (top users). */
    public static final String FROM = "_from";
    /** The target ends of a relationship or sighting, as sorted-set doc values (top targets). */
    public static final String TO = "_to";
    /** Label values, normalised, as sorted-set doc values (facets). */
    public static final String LABEL_FACET = "_f.label";
    /** Marking ids as sorted-set doc values (facets). */
    public static final String MARKING_FACET = "_f.marking";
    /** The author's id as sorted-set doc values (facets). */
    public static final String AUTHOR_FACET = "_f.author";
    /** The STIX type as sorted-set doc values (facets). */
    public static final String TYPE_FACET = "_f.type";

    public static final String EXACT = "exact";
    public static final String IOC = "ioc";
    public static final String TEXT_NAME = "t.name";
    public static final String TEXT_ALIAS = "t.alias";
    public static final String TEXT_DESCRIPTION = "t.desc";
    public static final String TEXT_OTHER = "t.other";

    public static final String KEYWORD_PREFIX = "k.";
    public static final String NUMBER_PREFIX = "n.";
    public static final String DECIMAL_PREFIX = "d.";
    public static final String SORT_PREFIX = "s.";

    /**
     * Longest string indexed as a keyword. Longer values (descriptions, long patterns) are found through their
     * analysed text instead: a unique term of kilobytes per object would bloat the term dictionary for nothing.
     */
    public static final int MAX_KEYWORD = 512;

    /** Objects known by any of {@code ids}: their stored id, or another id they were known by. */
    public static Query anyId(Collection<BytesRef> ids) {
        return new BooleanQuery.Builder()
                .add(new TermInSetQuery(ID, ids), Occur.SHOULD)
                .add(new TermInSetQuery(IDS, ids), Occur.SHOULD)
                .build();
    }

    /** The object known by {@code id}. */
    public static Query anyId(String id) {
        return anyId(List.of(new BytesRef(id)));
    }

    /** Relationships and sightings with any of {@code ids} at either end. */
    public static Query anyEnd(Collection<BytesRef> ids) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String end : END_PROPERTIES) {
            b.add(new TermInSetQuery(keyword(end), ids), Occur.SHOULD);
        }
        return b.build();
    }

    /** The properties holding the ends of relationships and sightings. */
    public static final List<String> END_PROPERTIES =
            List.of("source_ref", "target_ref", "sighting_of_ref", "where_sighted_refs");

    public static String keyword(String property) {
        return name(KEYWORD, KEYWORD_PREFIX, property);
    }

    public static String number(String property) {
        return name(NUMBER, NUMBER_PREFIX, property);
    }

    public static String decimal(String property) {
        return name(DECIMAL, DECIMAL_PREFIX, property);
    }

    public static String sort(String property) {
        return name(SORT, SORT_PREFIX, property);
    }

    // Field names are made for every value of every document: remember them rather than concatenate each time.
    private static final int NAMES_REMEMBERED = 10_000;
    private static final Map<String, String> KEYWORD = new ConcurrentHashMap<>();
    private static final Map<String, String> NUMBER = new ConcurrentHashMap<>();
    private static final Map<String, String> DECIMAL = new ConcurrentHashMap<>();
    private static final Map<String, String> SORT = new ConcurrentHashMap<>();

    private static String name(Map<String, String> names, String prefix, String property) {
        String name = names.get(property);
        if (name == null) {
            name = prefix + property;
            if (names.size() < NAMES_REMEMBERED) { // custom properties are open-ended; the common ones fit
                names.put(property, name);
            }
        }
        return name;
    }

    /**
     * Lower case (root locale), accents folded to ASCII, surrounding space trimmed and inner runs of white space
     * made one space: what OpenCTI's keyword normaliser does, so eq is case- and accent-insensitive.
     */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        int n = value.length();
        if (n > 0 && isPlain(value, n)) {
            return value; // the common case (ids, lower-case words): no copy at all
        }
        String ascii = asciiLower(value, n);
        return ascii != null ? ascii : fold(value);
    }

    /** Lower case and white space collapsed in one pass, or null when the value needs accent folding. */
    private static String asciiLower(String value, int n) {
        char[] out = new char[n];
        int length = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c <= ' ') {
                space = length > 0;
                continue;
            }
            if (space) {
                out[length++] = ' ';
                space = false;
            }
            out[length++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(out, 0, length);
    }

    private static String fold(String value) {
        String lower = value.toLowerCase(Locale.ROOT).strip();
        char[] in = lower.toCharArray();
        char[] folded = new char[in.length * 4];
        int length = ASCIIFoldingFilter.foldToASCII(in, 0, folded, 0, in.length);
        StringBuilder out = new StringBuilder(length);
        boolean space = false;
        for (int i = 0; i < length; i++) {
            char c = folded[i];
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** ASCII, no upper case, no white space at the ends, no white space but single spaces inside. */
    private static boolean isPlain(String s, int n) {
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x7f || (c >= 'A' && c <= 'Z') || (c < ' ') || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** {@link #normalize}d {@code value} cut to {@link #MAX_KEYWORD} characters (a query value never matches more). */
    public static String keywordValue(String value) {
        return normalize(value.length() <= MAX_KEYWORD ? value : value.substring(0, MAX_KEYWORD));
    }
}
