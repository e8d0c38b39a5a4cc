package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.ComparisonExpression;
import dev.threatkit.cti.pattern.Literal;
import dev.threatkit.cti.pattern.ObjectPath;
import dev.threatkit.cti.pattern.PathStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the index keys of a comparison expression. A comparison is only ever true for an object of its own
 * type, so {@link IndexKey.Type} is always a sound fallback; sharper keys come from equality (hash lookup),
 * ISSUBSET on addresses (prefix trie), numeric bounds (intervals) and the literal text of LIKE and MATCHES
 * (five-character pieces). An OR needs keys for every branch; an AND needs keys for one conjunct, and takes the
 * sharpest.
 */
final class IndexPlan {
    /** Characters per indexed piece of a LIKE/MATCHES literal: five make chance collisions rare. */
    static final int GRAM = 5;

    private IndexPlan() {}

    static List<IndexKey> keys(ComparisonExpression e) {
        if (e instanceof ComparisonExpression.Junction j) {
            if (j.logic() == ComparisonExpression.Logic.OR) {
                List<IndexKey> all = new ArrayList<>();
                for (ComparisonExpression operand : j.operands()) {
                    all.addAll(keys(operand));
                }
                return all;
            }
            List<IndexKey> range = rangeOfConjunction(j.operands());
            List<IndexKey> best = range;
            for (ComparisonExpression operand : j.operands()) {
                List<IndexKey> k = keys(operand);
                if (best == null || rank(k) < rank(best)) {
                    best = k;
                }
            }
            return best;
        }
        if (e instanceof ComparisonExpression.Exists x) {
            return List.of(new IndexKey.Type(x.path().objectType()));
        }
        ComparisonExpression.Comparison c = (ComparisonExpression.Comparison) e;
        List<IndexKey> sharp = c.negated() ? null : sharp(c);
        return sharp != null ? sharp : List.of(new IndexKey.Type(c.path().objectType()));
    }

    /** Lower is sharper: exact keys, then networks and intervals, then grams, then type only. */
    private static int rank(List<IndexKey> keys) {
        int worst = 0;
        for (IndexKey k : keys) {
            int r = k instanceof IndexKey.Exact
                    ? 0
                    : k instanceof IndexKey.Cidr || k instanceof IndexKey.Range
                            ? 1
                            : k instanceof IndexKey.Gram ? 2 : 3;
            worst = Math.max(worst, r);
        }
        return worst * 1_000_000 + keys.size(); // fewer keys break ties
    }

    private static List<IndexKey> sharp(ComparisonExpression.Comparison c) {
        ObjectPath path = c.path();
        boolean binary = lastKey(path).endsWith("_bin") || lastKey(path).endsWith("_hex");
        switch (c.operator()) {
            case EQUAL: {
                String v = binary ? null : IndicatorTable.literalKey(c.literal());
                return v == null ? null : List.of(new IndexKey.Exact(path, v));
            }
            case IN: {
                if (binary) {
                    return null;
                }
                List<IndexKey> out = new ArrayList<>();
                for (Literal l : ((Literal.SetLiteral) c.literal()).elements()) {
                    String v = IndicatorTable.literalKey(l);
                    if (v == null) {
                        return null;
                    }
                    out.add(new IndexKey.Exact(path, v));
                }
                return out.isEmpty() ? null : out;
            }
            case IS_SUBSET: {
                IpNetworks.Network n = IpNetworks.parse(((Literal.StringLiteral) c.literal()).value());
                return n == null ? null : List.of(new IndexKey.Cidr(path, n));
            }
            case LESS:
            case LESS_OR_EQUAL:
            case GREATER:
            case GREATER_OR_EQUAL: {
                double[] bounds = bounds(c);
                return bounds == null ? null : List.of(new IndexKey.Range(path, bounds[0], bounds[1]));
            }
            case LIKE: {
                String literal = longestLikeLiteral(((Literal.StringLiteral) c.literal()).value());
                return binary || literal == null ? null : List.of(gram(path, literal));
            }
            case MATCHES: {
                String literal = RegexLiterals.longestRequired(((Literal.StringLiteral) c.literal()).value());
                return binary || literal == null ? null : List.of(gram(path, literal));
            }
            default:
                return null;
        }
    }

    /** {@code p >= a AND p <= b} on one path: one interval instead of two half-lines. */
    private static List<IndexKey> rangeOfConjunction(List<ComparisonExpression> operands) {
        Map<String, double[]> byPath = new LinkedHashMap<>();
        Map<String, ObjectPath> paths = new LinkedHashMap<>();
        for (ComparisonExpression o : operands) {
            // only on a path with one value: with [*] or _refs each bound may hold for a different element
            if (o instanceof ComparisonExpression.Comparison c && !c.negated() && singleValued(c.path())) {
                double[] b = bounds(c);
                if (b != null) {
                    String key = c.path().toString();
                    paths.putIfAbsent(key, c.path());
                    byPath.merge(key, b, (x, y) -> new double[] {Math.max(x[0], y[0]), Math.min(x[1], y[1])});
                }
            }
        }
        IndexKey best = null;
        for (Map.Entry<String, double[]> e : byPath.entrySet()) {
            double[] b = e.getValue();
            if (!Double.isInfinite(b[0]) && !Double.isInfinite(b[1])) {
                best = new IndexKey.Range(paths.get(e.getKey()), b[0], b[1]);
            }
        }
        return best == null ? null : List.of(best);
    }

    /** The interval a numeric order comparison allows, or null when the constant is not a number. */
    private static double[] bounds(ComparisonExpression.Comparison c) {
        double v;
        if (c.literal() instanceof Literal.IntegerLiteral i) {
            v = i.value();
        } else if (c.literal() instanceof Literal.FloatLiteral f) {
            v = f.value();
        } else {
            return null;
        }
        switch (c.operator()) {
            case LESS:
            case LESS_OR_EQUAL:
                return new double[] {Double.NEGATIVE_INFINITY, v};
            case GREATER:
            case GREATER_OR_EQUAL:
                return new double[] {v, Double.POSITIVE_INFINITY};
            default:
                return null;
        }
    }

    private static IndexKey gram(ObjectPath path, String literal) {
        return new IndexKey.Gram(path, literal); // the table picks the piece: the one filed least so far
    }

    /** The longest run of the LIKE pattern without wildcards, when it has at least {@link #GRAM} characters. */
    static String longestLikeLiteral(String like) {
        String best = null;
        for (String run : like.split("[%_]")) {
            if (run.length() >= GRAM && (best == null || run.length() > best.length())) {
                best = run;
            }
        }
        return best == null ? null : java.text.Normalizer.normalize(best, java.text.Normalizer.Form.NFC);
    }

    private static boolean singleValued(ObjectPath path) {
        if (path.property().endsWith("_refs")) {
            return false;
        }
        for (PathStep s : path.steps()) {
            if (s instanceof PathStep.AnyIndex
                    || s instanceof PathStep.Key k && k.name().endsWith("_refs")) {
                return false;
            }
        }
        return true;
    }

    private static String lastKey(ObjectPath path) {
        String last = path.property();
        for (PathStep s : path.steps()) {
            if (s instanceof PathStep.Key k) {
                last = k.name();
            }
        }
        return last;
    }
}
