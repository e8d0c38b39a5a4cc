package dev.threatkit.cti.pattern;

/** The operator of one comparison, as written in pattern text. */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    IN("IN"),
    LIKE("LIKE"),
    MATCHES("MATCHES"),
    IS_SUBSET("ISSUBSET"),
    IS_SUPERSET("ISSUPERSET");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
