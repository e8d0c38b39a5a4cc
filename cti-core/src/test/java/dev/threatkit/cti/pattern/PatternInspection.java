package dev.threatkit.cti.pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the reference validator's inspector reports about a pattern, computed from our syntax tree. */
final class PatternInspection {
    private PatternInspection() {}

    static List<String> qualifiers(Pattern p) {
        TreeSet<String> out = new TreeSet<>();
        walk(p.root(), e -> {
            if (e instanceof ObservationExpression.Qualified q) {
                out.add(q.qualifier().toString());
            }
        });
        return new ArrayList<>(out);
    }

    static List<String> observationOperators(Pattern p) {
        TreeSet<String> out = new TreeSet<>();
        walk(p.root(), e -> {
            if (e instanceof ObservationExpression.Junction j) {
                out.add(j.logic().name());
            } else if (e instanceof ObservationExpression.FollowedBy) {
                out.add("FOLLOWEDBY");
            }
        });
        return new ArrayList<>(out);
    }

    /** Object type to [[path steps], operator, literal text] in order of appearance. */
    static Map<String, List<List<Object>>> comparisons(Pattern p) {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        for (ObservationExpression.Observation o : p.observations()) {
            comparisons(o.comparison(), out);
        }
        return out;
    }

    private static void comparisons(ComparisonExpression e, Map<String, List<List<Object>>> out) {
        if (e instanceof ComparisonExpression.Junction j) {
            j.operands().forEach(o -> comparisons(o, out));
        } else if (e instanceof ComparisonExpression.Comparison c) {
            List<Object> steps = new ArrayList<>();
            steps.add(c.path().property());
            for (PathStep s : c.path().steps()) {
                steps.add(
                        s instanceof PathStep.Key k
                                ? k.name()
                                : s instanceof PathStep.Index i ? (Object) i.index() : "*");
            }
            String op = (c.negated() ? "NOT " : "") + c.operator().symbol();
            out.computeIfAbsent(c.path().objectType(), k -> new ArrayList<>())
                    .add(List.of(steps, op, c.literal().toString()));
        }
    }

    private static void walk(ObservationExpression e, java.util.function.Consumer<ObservationExpression> visit) {
        visit.accept(e);
        if (e instanceof ObservationExpression.Junction j) {
            j.operands().forEach(o -> walk(o, visit));
        } else if (e instanceof ObservationExpression.FollowedBy f) {
            walk(f.left(), visit);
            walk(f.right(), visit);
        } else if (e instanceof ObservationExpression.Qualified q) {
            walk(q.expression(), visit);
        }
    }
}
