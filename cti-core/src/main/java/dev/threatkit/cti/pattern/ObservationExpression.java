package dev.threatkit.cti.pattern;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A pattern's structure above the brackets: observations, the operators that join them, and qualifiers. */
public sealed interface ObservationExpression {
    /** Where the expression starts in the pattern text. */
    Position position();

    /** {@code [comparisons]}: one observation whose objects satisfy the comparisons. */
    record Observation(ComparisonExpression comparison, Position position) implements ObservationExpression {
        public Observation {
            Objects.requireNonNull(comparison, "comparison");
        }

        @Override
        public String toString() {
            return "[" + comparison + "]";
        }
    }

    /**
     * Two or more expressions joined by AND or OR, each matched on distinct observations. FOLLOWEDBY is never a
     * junction: it is {@link FollowedBy}, as its order matters.
     */
    record Junction(ComparisonExpression.Logic logic, List<ObservationExpression> operands, Position position)
            implements ObservationExpression {
        public Junction {
            Objects.requireNonNull(logic, "logic");
            operands = PatternText.operands(operands);
        }

        @Override
        public String toString() {
            return operands.stream()
                    .map(o -> o instanceof Observation ? o.toString() : "(" + o + ")")
                    .collect(Collectors.joining(" " + logic + " "));
        }
    }

    /** {@code left FOLLOWEDBY right}: both, on distinct observations, right not earlier than left. */
    record FollowedBy(ObservationExpression left, ObservationExpression right, Position position)
            implements ObservationExpression {
        public FollowedBy {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return paren(left) + " FOLLOWEDBY " + paren(right);
        }
    }

    /** An expression with one qualifier. */
    record Qualified(ObservationExpression expression, Qualifier qualifier, Position position)
            implements ObservationExpression {
        public Qualified {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(qualifier, "qualifier");
        }

        @Override
        public String toString() {
            return paren(expression) + " " + qualifier;
        }
    }

    private static String paren(ObservationExpression e) {
        return e instanceof Observation ? e.toString() : "(" + e + ")";
    }
}
