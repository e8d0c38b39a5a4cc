package dev.threatkit.cti.pattern;

import dev.threatkit.cti.internal.pattern.PatternBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed and checked STIX pattern (STIX 2.1 section 9, or 2.0). Immutable and thread-safe; parse once, match
 * many times.
 *
 * <pre>{@code
 * Pattern p = Pattern.parse("[ipv4-addr:value ISSUBSET '198.51.100.0/24']");
 * }</pre>
 */
public final class Pattern {
    private final String text;
    private final PatternVersion version;
    private final ObservationExpression root;

    private Pattern(String text, PatternVersion version, ObservationExpression root) {
        this.text = text;
        this.version = version;
        this.root = root;
    }

    /** Parses a STIX 2.1 pattern. */
    public static Pattern parse(String text) {
        return parse(text, PatternVersion.V2_1);
    }

    /**
     * Parses {@code text} by the rules of {@code version}.
     *
     * @throws PatternException with the position and what is wrong, when the pattern is not valid
     */
    public static Pattern parse(String text, PatternVersion version) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(version, "version");
        return new Pattern(text, version, PatternBuilder.build(text, version));
    }

    /** The pattern as it was given. */
    public String text() {
        return text;
    }

    public PatternVersion version() {
        return version;
    }

    /** The top of the syntax tree. */
    public ObservationExpression root() {
        return root;
    }

    /** True for one {@code [...]} without qualifiers: what the indicator index answers in one lookup. */
    public boolean isSingleObservation() {
        return root instanceof ObservationExpression.Observation;
    }

    /** Every {@code [...]} of the pattern, left to right. */
    public List<ObservationExpression.Observation> observations() {
        List<ObservationExpression.Observation> out = new ArrayList<>();
        List<ObservationExpression> pending = new ArrayList<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            ObservationExpression e = pending.remove(pending.size() - 1);
            if (e instanceof ObservationExpression.Observation o) {
                out.add(o);
            } else if (e instanceof ObservationExpression.Junction j) {
                for (int i = j.operands().size() - 1; i >= 0; i--) {
                    pending.add(j.operands().get(i));
                }
            } else if (e instanceof ObservationExpression.FollowedBy f) {
                pending.add(f.right());
                pending.add(f.left());
            } else if (e instanceof ObservationExpression.Qualified q) {
                pending.add(q.expression());
            }
        }
        return out;
    }

    /** The pattern in canonical spelling (single spaces, needed parentheses only); parses to the same tree. */
    @Override
    public String toString() {
        return root.toString();
    }

    /** Equal when the canonical spellings and versions are: positions and spacing do not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Pattern p && p.version == version && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode() * 31 + version.hashCode();
    }
}
