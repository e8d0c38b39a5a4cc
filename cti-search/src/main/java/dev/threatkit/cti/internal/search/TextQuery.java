package dev.threatkit.cti.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Free text as an analyst types it, turned into a query. The text is refanged first; a "quoted phrase" must occur
 * as written; every other word must match somewhere (its stem), with
 * names weighing most, then aliases, then other text, then descriptions. Words shaped like indicators also match
 * the indicator field whole. The whole text, matching a name, alias, external id or observable value exactly, is
 * the {@linkplain #exact() exact} part, which ranks first. Only the last word also matches as a prefix of a name
 * or alias ("cozy be" finds "Cozy Bear"): prefixes of every word in every field would cost a term-dictionary
 * walk each, for little gain over the stems.
 */
public final class TextQuery {
    private static final String[] FIELDS = {
        Fields.TEXT_NAME, Fields.TEXT_ALIAS, Fields.TEXT_OTHER, Fields.TEXT_DESCRIPTION
    };
    private static final float[] BOOSTS = {5f, 4f, 2f, 1f};
    private static final int PREFIX_FIELDS = 2;
    private static final float EXACT_BOOST = 100f;
    private static final int MAX_WORDS = 32;

    private final Query scoring;
    private final Query exact;

    private TextQuery(Query scoring, Query exact) {
        this.scoring = scoring;
        this.exact = exact;
    }

    /** The query of {@code text}, or null when the text holds no searchable word. */
    public static TextQuery of(String text, Analyzer analyzer) {
        String refanged = Refang.refang(text.strip());
        if (refanged.isEmpty()) {
            return null;
        }
        List<String> phrases = new ArrayList<>();
        List<String> words = new ArrayList<>();
        split(refanged, phrases, words);
        if (phrases.size() + words.size() > MAX_WORDS) {
            throw new dev.threatkit.cti.search.SearchException("search text has " + (phrases.size() + words.size())
                    + " words and phrases; the most is " + MAX_WORDS);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String phrase : phrases) {
            Query q = phrase(phrase, analyzer);
            if (q != null) {
                all.add(q, Occur.MUST);
                clauses++;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            // only the last word is also a prefix: the one an analyst may not have finished typing
            Query q = word(words.get(i), analyzer, i == words.size() - 1);
            if (q != null) {
                all.add(q, Occur.MUST);
                clauses++;
            }
        }
        String whole = Fields.normalize(unquote(refanged));
        Query exact = whole.isEmpty() || whole.length() > Fields.MAX_KEYWORD ? null : exactQuery(whole);
        if (clauses == 0 && exact == null) {
            return null;
        }
        BooleanQuery.Builder scoring = new BooleanQuery.Builder();
        if (clauses > 0) {
            scoring.add(all.build(), exact == null ? Occur.MUST : Occur.SHOULD);
        }
        if (exact != null) {
            scoring.add(new BoostQuery(new ConstantScoreQuery(exact), EXACT_BOOST), Occur.SHOULD);
        }
        return new TextQuery(scoring.build(), exact);
    }

    /** Matches and scores every hit. */
    public Query scoring() {
        return scoring;
    }

    /** Matches the objects whose name, alias, external id or value is the whole text; null when none can. */
    public Query exact() {
        return exact;
    }

    private static Query exactQuery(String whole) {
        BooleanQuery.Builder b =
                new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.EXACT, whole)), Occur.SHOULD);
        if (IocTokens.looksLikeIoc(whole)) {
            b.add(new TermQuery(new Term(Fields.IOC, whole.toLowerCase(Locale.ROOT))), Occur.SHOULD);
        }
        return b.build();
    }

    private static Query word(String word, Analyzer analyzer, boolean last) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int n = 0;
        if (IocTokens.looksLikeIoc(word)) {
            String lower = word.toLowerCase(Locale.ROOT);
            any.add(new BoostQuery(new TermQuery(new Term(Fields.IOC, lower)), 3f), Occur.SHOULD);
            any.add(new BoostQuery(new TermQuery(new Term(Fields.EXACT, Fields.normalize(word))), 5f), Occur.SHOULD);
            n += 2;
        }
        List<String> terms = analyze(analyzer, word);
        if (!terms.isEmpty()) {
            // a word the analyser splits ("T1059.001", "e-mail") must match all its pieces
            BooleanQuery.Builder pieces = new BooleanQuery.Builder();
            for (int i = 0; i < terms.size(); i++) {
                pieces.add(term(terms.get(i), last && i == terms.size() - 1), Occur.MUST);
            }
            any.add(terms.size() == 1 ? term(terms.get(0), last) : pieces.build(), Occur.SHOULD);
            n++;
        }
        return n == 0 ? null : any.build();
    }

    /** One analysed term in any text field, weighted by field; as a prefix too when {@code prefix}. */
    private static Query term(String term, boolean prefix) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int i = 0; i < FIELDS.length; i++) {
            b.add(new BoostQuery(new TermQuery(new Term(FIELDS[i], term)), BOOSTS[i]), Occur.SHOULD);
            if (prefix && term.length() >= 3 && i < PREFIX_FIELDS) { // names and aliases: what one types the start of
                b.add(new BoostQuery(new PrefixQuery(new Term(FIELDS[i], term)), BOOSTS[i] * 0.3f), Occur.SHOULD);
            }
        }
        return b.build();
    }

    private static Query phrase(String phrase, Analyzer analyzer) {
        List<String> terms = analyze(analyzer, phrase);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int i = 0; i < FIELDS.length; i++) {
            Query q = terms.size() == 1
                    ? new TermQuery(new Term(FIELDS[i], terms.get(0)))
                    : new PhraseQuery(FIELDS[i], terms.toArray(new String[0]));
            b.add(new BoostQuery(q, BOOSTS[i]), Occur.SHOULD);
        }
        return b.build();
    }

    static List<String> analyze(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Fields.TEXT_NAME, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void split(String text, List<String> phrases, List<String> words) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    end = n;
                }
                String phrase = text.substring(i + 1, end).strip();
                if (!phrase.isEmpty()) {
                    phrases.add(phrase);
                }
                i = end + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                words.add(text.substring(i, end));
                i = end;
            }
        }
    }

    private static String unquote(String text) {
        return text.replace("\"", "");
    }
}
