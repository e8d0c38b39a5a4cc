package dev.threatkit.cti.internal.search;

import java.util.Objects;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;

/**
 * The terms of a keyword field that contain, or end with, a literal value: one pass over the field's term
 * dictionary comparing bytes, as {@code *value*} and {@code *value} would, but with no automaton to build, so a
 * value of any length (up to the 512 characters a keyword keeps) costs the same. UTF-8 is self-synchronising, so
 * a byte match is a character match.
 */
final class SubstringQuery extends MultiTermQuery {
    /** Where the literal must be. */
    enum Where {
        ANYWHERE,
        AT_END
    }

    private final BytesRef literal;
    private final Where where;

    SubstringQuery(String field, String literal, Where where) {
        super(field, CONSTANT_SCORE_BLENDED_REWRITE);
        this.literal = new BytesRef(Objects.requireNonNull(literal, "literal"));
        this.where = Objects.requireNonNull(where, "where");
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws java.io.IOException {
        return new FilteredTermsEnum(terms.iterator(), false) {
            @Override
            protected AcceptStatus accept(BytesRef term) {
                return matches(term) ? AcceptStatus.YES : AcceptStatus.NO;
            }
        };
    }

    boolean matches(BytesRef term) {
        if (where == Where.AT_END) {
            return term.length >= literal.length && regionMatches(term, term.offset + term.length - literal.length);
        }
        int last = term.offset + term.length - literal.length;
        for (int start = term.offset; start <= last; start++) {
            if (regionMatches(term, start)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(BytesRef term, int start) {
        byte[] t = term.bytes;
        byte[] l = literal.bytes;
        for (int i = 0; i < literal.length; i++) {
            if (t[start + i] != l[literal.offset + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String defaultField) {
        String value = literal.utf8ToString();
        String shown = where == Where.AT_END ? "*" + value : "*" + value + "*";
        return (field.equals(defaultField) ? "" : field + ":") + shown;
    }

    @Override
    public boolean equals(Object o) {
        if (!sameClassAs(o)) {
            return false;
        }
        SubstringQuery other = (SubstringQuery) o;
        return field.equals(other.field) && literal.equals(other.literal) && where == other.where;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, literal, where);
    }
}
