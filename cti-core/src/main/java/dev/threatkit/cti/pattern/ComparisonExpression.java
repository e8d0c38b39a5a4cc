package dev.threatkit.cti.pattern;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** What stands inside {@code [...]}: comparisons joined by AND and OR. */
public sealed interface ComparisonExpression {
    /** Where the expression starts in the pattern text. */
    Position position();

    /** {@code path [NOT] op literal}. */
    record Comparison(ObjectPath path, ComparisonOperator operator, boolean negated, Literal literal, Position position)
            implements ComparisonExpression {
        public Comparison {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(literal, "literal");
        }

        @Override
        public String toString() {
            return path + (negated ? " NOT " : " ") + operator.symbol() + " " + literal;
        }
    }

    /** {@code [NOT] EXISTS path} (STIX 2.1). */
    record Exists(ObjectPath path, boolean negated, Position position) implements ComparisonExpression {
        public Exists {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return (negated ? "NOT EXISTS " : "EXISTS ") + path;
        }
    }

    /** Two or more expressions joined by one operator; AND binds tighter than OR. */
    record Junction(Logic logic, List<ComparisonExpression> operands, Position position)
            implements ComparisonExpression {
        public Junction {
            Objects.requireNonNull(logic, "logic");
            operands = PatternText.operands(operands);
        }

        @Override
        public String toString() {
            return operands.stream()
                    .map(o -> o instanceof Junction j && j.logic != logic ? "(" + o + ")" : o.toString())
                    .collect(Collectors.joining(" " + logic + " "));
        }
    }

    /** How a junction joins its operands. */
    enum Logic {
        AND,
        OR
    }
}
