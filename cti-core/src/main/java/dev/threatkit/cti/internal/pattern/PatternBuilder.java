package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.ids.HashAlgorithms;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser.ComparisonExpressionAndContext;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser.ComparisonExpressionContext;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser.ObservationExpressionAndContext;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser.ObservationExpressionContext;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser.ObservationExpressionOrContext;
import dev.threatkit.cti.internal.pattern.grammar.StixPatternParser.ObservationExpressionsContext;
import dev.threatkit.cti.pattern.ComparisonExpression;
import dev.threatkit.cti.pattern.ComparisonExpression.Logic;
import dev.threatkit.cti.pattern.ComparisonOperator;
import dev.threatkit.cti.pattern.Literal;
import dev.threatkit.cti.pattern.ObjectPath;
import dev.threatkit.cti.pattern.ObservationExpression;
import dev.threatkit.cti.pattern.PathStep;
import dev.threatkit.cti.pattern.PatternException;
import dev.threatkit.cti.pattern.PatternVersion;
import dev.threatkit.cti.pattern.Position;
import dev.threatkit.cti.pattern.Qualifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the syntax tree of {@code dev.threatkit.cti.pattern} from ANTLR's parse tree and applies the rules the
 * grammar cannot state: hash constants that fit their algorithm, one qualifier of each type per expression,
 * WITHIN and REPEATS greater than zero, timestamps, the differences between STIX 2.0 and 2.1, and regular
 * expressions that compile. Chains of one operator are read iteratively: ANTLR nests them one level per
 * operand, and a long chain must not cost a stack frame per operand.
 */
public final class PatternBuilder {
    private final PatternVersion version;

    private PatternBuilder(PatternVersion version) {
        this.version = version;
    }

    /** Parses and checks {@code text}; throws {@link PatternException} for anything invalid. */
    public static ObservationExpression build(String text, PatternVersion version) {
        StixPatternParser.PatternContext tree = PatternSyntax.parse(text);
        return new PatternBuilder(version).observations(tree.observationExpressions());
    }

    // ---- observation expressions ---------------------------------------------------------------------------

    private ObservationExpression observations(ObservationExpressionsContext ctx) {
        // (a FOLLOWEDBY b) FOLLOWEDBY c: walk down the left spine, then rebuild left-nested
        List<ObservationExpressionsContext> rights = new ArrayList<>();
        ObservationExpressionsContext c = ctx;
        while (c.FOLLOWEDBY() != null) {
            rights.add(c.observationExpressions(1));
            c = c.observationExpressions(0);
        }
        ObservationExpression result = or(c.observationExpressionOr());
        for (int i = rights.size() - 1; i >= 0; i--) {
            ObservationExpressionsContext right = rights.get(i);
            result = new ObservationExpression.FollowedBy(result, observations(right), result.position());
        }
        return result;
    }

    private ObservationExpression or(ObservationExpressionOrContext ctx) {
        List<ObservationExpressionAndContext> operands = new ArrayList<>();
        List<ObservationExpressionOrContext> pending = new ArrayList<>();
        pending.add(ctx);
        while (!pending.isEmpty()) { // depth-first, left to right, without recursion
            ObservationExpressionOrContext c = pending.remove(pending.size() - 1);
            if (c.OR() != null) {
                pending.add(c.observationExpressionOr(1));
                pending.add(c.observationExpressionOr(0));
            } else {
                operands.add(c.observationExpressionAnd());
            }
        }
        List<ObservationExpression> built = new ArrayList<>(operands.size());
        for (ObservationExpressionAndContext a : operands) {
            built.add(and(a));
        }
        return built.size() == 1 ? built.get(0) : new ObservationExpression.Junction(Logic.OR, built, at(ctx));
    }

    private ObservationExpression and(ObservationExpressionAndContext ctx) {
        List<ObservationExpressionContext> operands = new ArrayList<>();
        List<ObservationExpressionAndContext> pending = new ArrayList<>();
        pending.add(ctx);
        while (!pending.isEmpty()) {
            ObservationExpressionAndContext c = pending.remove(pending.size() - 1);
            if (c.AND() != null) {
                pending.add(c.observationExpressionAnd(1));
                pending.add(c.observationExpressionAnd(0));
            } else {
                operands.add(c.observationExpression());
            }
        }
        List<ObservationExpression> built = new ArrayList<>(operands.size());
        for (ObservationExpressionContext o : operands) {
            built.add(observation(o));
        }
        return built.size() == 1 ? built.get(0) : new ObservationExpression.Junction(Logic.AND, built, at(ctx));
    }

    private ObservationExpression observation(ObservationExpressionContext ctx) {
        // qualifiers nest to the left: ([a] WITHIN ..) REPEATS ..; collect them outermost first
        List<ObservationExpressionContext> qualified = new ArrayList<>();
        ObservationExpressionContext c = ctx;
        while (c instanceof StixPatternParser.ObservationStartStopContext
                || c instanceof StixPatternParser.ObservationWithinContext
                || c instanceof StixPatternParser.ObservationRepeatedContext) {
            qualified.add(c);
            c = c.getRuleContext(ObservationExpressionContext.class, 0);
        }
        ObservationExpression result;
        if (c instanceof StixPatternParser.ObservationSimpleContext simple) {
            result = new ObservationExpression.Observation(comparisons(simple.comparisonExpression()), at(simple));
        } else {
            result = observations(((StixPatternParser.ObservationGroupedContext) c).observationExpressions());
        }
        List<Class<?>> seen = new ArrayList<>();
        for (int i = qualified.size() - 1; i >= 0; i--) {
            ObservationExpressionContext q = qualified.get(i);
            Qualifier qualifier = qualifier(q);
            // STIX 2.1: one qualifier of each type on an observation [...]; like the reference validator we do
            // not apply the rule to a parenthesised group, nor to 2.0 patterns, which the 2.0 rules allow
            boolean checked = version == PatternVersion.V2_1 && c instanceof StixPatternParser.ObservationSimpleContext;
            if (checked && seen.contains(qualifier.getClass())) {
                throw error(
                        q.getStop(),
                        "the expression has two " + qualifierName(qualifier) + " qualifiers; one of each type is "
                                + "allowed (group with parentheses to nest them)");
            }
            seen.add(qualifier.getClass());
            result = new ObservationExpression.Qualified(result, qualifier, at(ctx));
        }
        return result;
    }

    private static String qualifierName(Qualifier q) {
        return q instanceof Qualifier.Within ? "WITHIN" : q instanceof Qualifier.Repeats ? "REPEATS" : "START/STOP";
    }

    private Qualifier qualifier(ObservationExpressionContext ctx) {
        if (ctx instanceof StixPatternParser.ObservationWithinContext w) {
            Token n = ((TerminalNode) w.withinQualifier().getChild(1)).getSymbol();
            BigDecimal seconds = new BigDecimal(stripPlus(n.getText()));
            if (seconds.signum() <= 0) {
                throw error(n, "WITHIN takes a number of seconds greater than zero, not " + n.getText());
            }
            return new Qualifier.Within(seconds);
        }
        if (ctx instanceof StixPatternParser.ObservationRepeatedContext r) {
            Token n = r.repeatedQualifier().IntPosLiteral().getSymbol();
            long times = parseLong(n, "REPEATS count");
            if (times <= 0 || times > Integer.MAX_VALUE) {
                throw error(n, "REPEATS takes a count from 1 to " + Integer.MAX_VALUE + ", not " + n.getText());
            }
            return new Qualifier.Repeats((int) times);
        }
        StixPatternParser.StartStopQualifierContext s =
                ((StixPatternParser.ObservationStartStopContext) ctx).startStopQualifier();
        Token start = ((TerminalNode) s.getChild(1)).getSymbol();
        Token stop = ((TerminalNode) s.getChild(3)).getSymbol();
        String startText = qualifierTimestamp(start);
        String stopText = qualifierTimestamp(stop);
        return new Qualifier.StartStop(instant(startText), instant(stopText), startText, stopText);
    }

    /** The timestamp text of a START or STOP operand. */
    private String qualifierTimestamp(Token t) {
        if (t.getType() == StixPatternParser.TimestampLiteral) {
            return t.getText().substring(2, t.getText().length() - 1);
        }
        if (version == PatternVersion.V2_1) {
            throw error(t, "in STIX 2.1, START and STOP take timestamp literals: t'2016-06-01T00:00:00Z'");
        }
        String s = unquote(t.getText());
        if (!TIMESTAMP.matcher(s).matches()) {
            throw error(t, "START and STOP take timestamps YYYY-MM-DDTHH:mm:ss[.s+]Z, not '" + s + "'");
        }
        return s;
    }

    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
            "[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?Z");

    // ---- comparison expressions ----------------------------------------------------------------------------

    private ComparisonExpression comparisons(ComparisonExpressionContext ctx) {
        List<ComparisonExpressionAndContext> operands = new ArrayList<>();
        List<ComparisonExpressionContext> pending = new ArrayList<>();
        pending.add(ctx);
        while (!pending.isEmpty()) {
            ComparisonExpressionContext c = pending.remove(pending.size() - 1);
            if (c.OR() != null) {
                pending.add(c.comparisonExpression(1));
                pending.add(c.comparisonExpression(0));
            } else {
                operands.add(c.comparisonExpressionAnd());
            }
        }
        List<ComparisonExpression> built = new ArrayList<>(operands.size());
        for (ComparisonExpressionAndContext a : operands) {
            built.add(comparisonAnd(a));
        }
        return built.size() == 1 ? built.get(0) : new ComparisonExpression.Junction(Logic.OR, built, at(ctx));
    }

    private ComparisonExpression comparisonAnd(ComparisonExpressionAndContext ctx) {
        List<StixPatternParser.PropTestContext> operands = new ArrayList<>();
        List<ComparisonExpressionAndContext> pending = new ArrayList<>();
        pending.add(ctx);
        while (!pending.isEmpty()) {
            ComparisonExpressionAndContext c = pending.remove(pending.size() - 1);
            if (c.AND() != null) {
                pending.add(c.comparisonExpressionAnd(1));
                pending.add(c.comparisonExpressionAnd(0));
            } else {
                operands.add(c.propTest());
            }
        }
        List<ComparisonExpression> built = new ArrayList<>(operands.size());
        for (StixPatternParser.PropTestContext p : operands) {
            built.add(propTest(p));
        }
        return built.size() == 1 ? built.get(0) : new ComparisonExpression.Junction(Logic.AND, built, at(ctx));
    }

    private ComparisonExpression propTest(StixPatternParser.PropTestContext ctx) {
        if (ctx instanceof StixPatternParser.PropTestParenContext p) {
            return comparisons(p.comparisonExpression());
        }
        if (ctx instanceof StixPatternParser.PropTestExistsContext e) {
            if (version == PatternVersion.V2_0) {
                throw error(e.EXISTS().getSymbol(), "EXISTS is STIX 2.1 patterning; a 2.0 pattern cannot use it");
            }
            return new ComparisonExpression.Exists(path(e.objectPath()), e.NOT() != null, at(ctx));
        }
        ObjectPath path = path(ctx.getRuleContext(StixPatternParser.ObjectPathContext.class, 0));
        boolean negated = ctx.getToken(StixPatternParser.NOT, 0) != null;
        ComparisonOperator op;
        Literal literal;
        if (ctx instanceof StixPatternParser.PropTestEqualContext eq) {
            op = eq.EQ() != null ? ComparisonOperator.EQUAL : ComparisonOperator.NOT_EQUAL;
            literal = primitive(eq.primitiveLiteral());
        } else if (ctx instanceof StixPatternParser.PropTestOrderContext o) {
            op = o.GT() != null
                    ? ComparisonOperator.GREATER
                    : o.GE() != null
                            ? ComparisonOperator.GREATER_OR_EQUAL
                            : o.LT() != null ? ComparisonOperator.LESS : ComparisonOperator.LESS_OR_EQUAL;
            literal = orderable(o.orderableLiteral());
        } else if (ctx instanceof StixPatternParser.PropTestSetContext s) {
            op = ComparisonOperator.IN;
            List<Literal> elements = new ArrayList<>();
            for (StixPatternParser.PrimitiveLiteralContext p : s.setLiteral().primitiveLiteral()) {
                elements.add(primitive(p));
            }
            literal = new Literal.SetLiteral(elements);
        } else {
            Token string = ctx.getToken(StixPatternParser.StringLiteral, 0).getSymbol();
            literal = new Literal.StringLiteral(unquote(string.getText()));
            if (ctx instanceof StixPatternParser.PropTestLikeContext) {
                op = ComparisonOperator.LIKE;
            } else if (ctx instanceof StixPatternParser.PropTestRegexContext) {
                op = ComparisonOperator.MATCHES;
                checkRegex(string, ((Literal.StringLiteral) literal).value());
            } else if (ctx instanceof StixPatternParser.PropTestIsSubsetContext) {
                op = ComparisonOperator.IS_SUBSET;
            } else {
                op = ComparisonOperator.IS_SUPERSET;
            }
        }
        ComparisonExpression.Comparison comparison =
                new ComparisonExpression.Comparison(path, op, negated, literal, at(ctx));
        checkHash(comparison, ctx);
        return comparison;
    }

    private static void checkRegex(Token token, String regex) {
        try {
            java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw error(
                    token,
                    "MATCHES needs a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** A hash constant must fit its algorithm: file:hashes.'SHA-256' = 'f00' cannot be true. */
    private static void checkHash(ComparisonExpression.Comparison c, ParserRuleContext ctx) {
        List<PathStep> steps = c.path().steps();
        String algorithm;
        if (steps.size() == 1 && c.path().property().equals("hashes") && steps.get(0) instanceof PathStep.Key k) {
            algorithm = k.name();
        } else if (steps.size() >= 2
                && steps.get(steps.size() - 2) instanceof PathStep.Key h
                && h.name().equals("hashes")
                && steps.get(steps.size() - 1) instanceof PathStep.Key k) {
            algorithm = k.name();
        } else {
            return;
        }
        if (!HashAlgorithms.isKnown(algorithm)
                || (c.operator() != ComparisonOperator.EQUAL
                        && c.operator() != ComparisonOperator.NOT_EQUAL
                        && c.operator() != ComparisonOperator.IN)) {
            return;
        }
        List<Literal> values = c.literal() instanceof Literal.SetLiteral s ? s.elements() : List.of(c.literal());
        for (Literal v : values) {
            if (v instanceof Literal.StringLiteral s && !HashAlgorithms.fits(algorithm, s.value())) {
                throw error(
                        ctx.getStop(),
                        "'" + s.value() + "' is not a valid " + HashAlgorithms.normalize(algorithm) + " hash ("
                                + hexDigits(algorithm) + " hex digits)");
            }
        }
    }

    private static int hexDigits(String algorithm) {
        switch (HashAlgorithms.normalize(algorithm)) {
            case "MD5":
                return 32;
            case "SHA-1":
                return 40;
            case "SHA-256":
            case "SHA3-256":
                return 64;
            default:
                return 128;
        }
    }

    private ObjectPath path(StixPatternParser.ObjectPathContext ctx) {
        String type = ctx.objectType().getText();
        String first = key(ctx.firstPathComponent().getStart());
        List<PathStep> steps = new ArrayList<>();
        for (StixPatternParser.PathStepContext s : ctx.pathStep()) {
            if (s instanceof StixPatternParser.KeyStepContext k) {
                steps.add(new PathStep.Key(key(k.getStop())));
            } else {
                StixPatternParser.IndexStepContext i = (StixPatternParser.IndexStepContext) s;
                if (i.ASTERISK() != null) {
                    steps.add(new PathStep.AnyIndex());
                } else {
                    Token n = ((TerminalNode) i.getChild(1)).getSymbol();
                    long index = parseLong(n, "list index");
                    if (index > Integer.MAX_VALUE || index < Integer.MIN_VALUE) {
                        throw error(n, "list index " + n.getText() + " is out of range");
                    }
                    steps.add(new PathStep.Index((int) index));
                }
            }
        }
        return new ObjectPath(type, first, steps);
    }

    private static String key(Token t) {
        return t.getType() == StixPatternParser.StringLiteral ? unquote(t.getText()) : t.getText();
    }

    // ---- literals ------------------------------------------------------------------------------------------

    private Literal primitive(StixPatternParser.PrimitiveLiteralContext ctx) {
        if (ctx.BoolLiteral() != null) {
            return new Literal.BooleanLiteral(ctx.BoolLiteral().getText().equals("true"));
        }
        return orderable(ctx.orderableLiteral());
    }

    private Literal orderable(StixPatternParser.OrderableLiteralContext ctx) {
        Token t = ctx.getStart();
        String text = t.getText();
        switch (t.getType()) {
            case StixPatternParser.IntPosLiteral:
            case StixPatternParser.IntNegLiteral:
                return new Literal.IntegerLiteral(parseLong(t, "integer"));
            case StixPatternParser.FloatPosLiteral:
            case StixPatternParser.FloatNegLiteral:
                double d = Double.parseDouble(text);
                if (!Double.isFinite(d)) {
                    throw error(t, "float " + text + " is beyond the range of a 64-bit float");
                }
                return new Literal.FloatLiteral(d, stripPlus(text));
            case StixPatternParser.StringLiteral:
                return new Literal.StringLiteral(unquote(text));
            case StixPatternParser.BinaryLiteral:
                return new Literal.BinaryLiteral(
                        Base64.getDecoder().decode(text.substring(2, text.length() - 1)), false);
            case StixPatternParser.HexLiteral:
                return new Literal.BinaryLiteral(HexFormat.of().parseHex(text.substring(2, text.length() - 1)), true);
            case StixPatternParser.TimestampLiteral:
                String ts = text.substring(2, text.length() - 1);
                return new Literal.TimestampLiteral(instant(ts), ts);
            default:
                throw error(t, "unexpected constant " + text);
        }
    }

    /**
     * The instant of a timestamp the grammar accepted. The grammar checks field ranges, not the calendar, so
     * t'2024-02-30T00:00:00Z' is valid; its day counts on from the first of its month (March 1).
     */
    static Instant instant(String s) {
        int year = Integer.parseInt(s.substring(0, 4));
        int month = Integer.parseInt(s.substring(5, 7));
        int day = Integer.parseInt(s.substring(8, 10));
        long seconds = java.time.LocalDate.of(year, month, 1).toEpochDay() * 86_400L
                + (day - 1) * 86_400L
                + Integer.parseInt(s.substring(11, 13)) * 3600L
                + Integer.parseInt(s.substring(14, 16)) * 60L
                + Integer.parseInt(s.substring(17, 19));
        int nanos = 0;
        if (s.charAt(19) == '.') {
            String fraction = s.substring(20, s.length() - 1);
            String nine = (fraction + "000000000").substring(0, 9); // beyond nanoseconds is cut
            nanos = Integer.parseInt(nine);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static long parseLong(Token t, String what) {
        try {
            return Long.parseLong(stripPlus(t.getText()));
        } catch (NumberFormatException e) {
            throw error(t, what + " " + t.getText() + " is beyond the 64-bit range");
        }
    }

    private static String stripPlus(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }

    /** The content of a quoted string token: \' and \\ are the only escapes. */
    static String unquote(String token) {
        StringBuilder sb = new StringBuilder(token.length());
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '\\') {
                c = token.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    // ---- positions -----------------------------------------------------------------------------------------

    private static Position at(ParserRuleContext ctx) {
        return at(ctx.getStart());
    }

    private static Position at(Token t) {
        return new Position(t.getLine(), t.getCharPositionInLine() + 1, t.getStartIndex());
    }

    private static PatternException error(Token t, String message) {
        return new PatternException(at(t), message);
    }
}
