package dev.threatkit.cti.internal.pattern;

import dev.threatkit.cti.pattern.ComparisonExpression;
import dev.threatkit.cti.pattern.ComparisonOperator;
import dev.threatkit.cti.pattern.Literal;
import dev.threatkit.cti.pattern.ObjectPath;
import dev.threatkit.cti.pattern.ObservedData;
import dev.threatkit.cti.pattern.PathStep;
import dev.threatkit.cti.pattern.PatternException;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.Timestamps;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates what stands inside {@code [...]} against one observation (STIX 2.1 sections 9.6 and 9.7): true when
 * some object of the observation satisfies the whole expression, every comparison starting from that same
 * object. A path that does not resolve makes its comparison false whatever the operator; values of
 * incompatible types compare false, except with {@code !=}. Thread-safe.
 */
public final class ComparisonEvaluator {
    private static final Map<String, java.util.regex.Pattern> REGEXES = new ConcurrentHashMap<>();

    private ComparisonEvaluator() {}

    /** True when some object of {@code observation} satisfies {@code expression}. */
    public static boolean test(ComparisonExpression expression, ObservedData observation) {
        for (StixProperties object : observation.objects().values()) {
            if (holds(expression, object, observation)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code object} (an observable, the root of every path) satisfies {@code e}. */
    public static boolean holds(ComparisonExpression e, StixProperties object, ObservedData observation) {
        if (e instanceof ComparisonExpression.Junction j) {
            boolean and = j.logic() == ComparisonExpression.Logic.AND;
            for (ComparisonExpression operand : j.operands()) {
                if (holds(operand, object, observation) != and) {
                    return !and;
                }
            }
            return and;
        }
        if (e instanceof ComparisonExpression.Exists x) {
            // like every comparison, EXISTS speaks of objects of its type: NOT EXISTS a:x holds for an a without x,
            // not for objects of other types
            if (!x.path().objectType().equals(object.getString("type"))) {
                return false;
            }
            return resolve(x.path(), object, observation).isEmpty() == x.negated();
        }
        ComparisonExpression.Comparison c = (ComparisonExpression.Comparison) e;
        if (!c.path().objectType().equals(object.getString("type"))) {
            return false;
        }
        List<Object> values = resolve(c.path(), object, observation);
        Binary binary = binaryKind(c.path());
        for (Object v : values) {
            if (compare(c.operator(), v, c.literal(), binary) != c.negated()) {
                return true;
            }
        }
        return false;
    }

    // ---- paths ---------------------------------------------------------------------------------------------

    /** The values {@code path} reaches from {@code root}: none when it does not resolve, several through [*]. */
    static List<Object> resolve(ObjectPath path, StixProperties root, ObservedData observation) {
        List<Object> current = new ArrayList<>(1);
        if (!root.containsKey(path.property())) {
            return List.of();
        }
        current.add(root.get(path.property()));
        String lastKey = path.property();
        for (PathStep step : path.steps()) {
            List<Object> next = new ArrayList<>(current.size());
            for (Object value : current) {
                if (step instanceof PathStep.Key k) {
                    Object target = value instanceof String ref && lastKey.endsWith("_ref")
                                    || value instanceof String && lastKey.endsWith("_refs")
                            ? observation.objects().get((String) value)
                            : value;
                    if (target instanceof StixProperties p && p.containsKey(k.name())) {
                        next.add(p.get(k.name()));
                    }
                } else if (value instanceof List<?> list) {
                    if (step instanceof PathStep.Index i) {
                        if (i.index() >= 0 && i.index() < list.size()) {
                            next.add(list.get(i.index()));
                        }
                    } else {
                        next.addAll(list);
                    }
                }
            }
            if (step instanceof PathStep.Key k) {
                lastKey = k.name();
            }
            current = next;
            if (current.isEmpty()) {
                return List.of();
            }
        }
        return current;
    }

    /** How a path's value holds bytes: a _bin property is base64, a _hex property hex. */
    enum Binary {
        NONE,
        BASE64,
        HEX
    }

    private static Binary binaryKind(ObjectPath path) {
        String last = path.property();
        for (PathStep s : path.steps()) {
            if (s instanceof PathStep.Key k) {
                last = k.name();
            }
        }
        return last.endsWith("_bin") ? Binary.BASE64 : last.endsWith("_hex") ? Binary.HEX : Binary.NONE;
    }

    // ---- one value against one constant --------------------------------------------------------------------

    /** The comparison without NOT. Incompatible types give false, except for != which gives true. */
    static boolean compare(ComparisonOperator op, Object value, Literal literal, Binary binaryPath) {
        switch (op) {
            case IN: {
                List<Literal> elements = ((Literal.SetLiteral) literal).elements();
                checkOneType(elements);
                for (Literal element : elements) {
                    Integer c = order(value, element, binaryPath);
                    if (c != null && c == 0) {
                        return true;
                    }
                }
                return false;
            }
            case LIKE: {
                if (!(value instanceof String s)) {
                    return false;
                }
                String text = s;
                if (binaryPath != Binary.NONE) { // bytes match as ISO-8859-1 characters
                    byte[] bytes = decode(s, binaryPath);
                    if (bytes == null) {
                        return false;
                    }
                    text = new String(bytes, StandardCharsets.ISO_8859_1);
                }
                return like(text, ((Literal.StringLiteral) literal).value(), binaryPath == Binary.NONE);
            }
            case MATCHES:
                return matches(value, ((Literal.StringLiteral) literal).value(), binaryPath);
            case IS_SUBSET:
            case IS_SUPERSET: {
                if (!(value instanceof String s)) {
                    return false;
                }
                String constant = ((Literal.StringLiteral) literal).value();
                return op == ComparisonOperator.IS_SUBSET
                        ? IpNetworks.isSubset(s, constant)
                        : IpNetworks.isSubset(constant, s);
            }
            default: {
                Integer c = order(value, literal, binaryPath);
                if (c == null) {
                    return op == ComparisonOperator.NOT_EQUAL;
                }
                switch (op) {
                    case EQUAL:
                        return c == 0;
                    case NOT_EQUAL:
                        return c != 0;
                    case LESS:
                        return c < 0;
                    case LESS_OR_EQUAL:
                        return c <= 0;
                    case GREATER:
                        return c > 0;
                    default:
                        return c >= 0;
                }
            }
        }
    }

    /** value compared to literal (negative, 0, positive), or null when their types are incompatible. */
    static Integer order(Object value, Literal literal, Binary binaryPath) {
        if (value == null || value instanceof List || value instanceof StixProperties) {
            return null;
        }
        if (literal instanceof Literal.StringLiteral s) {
            if (binaryPath != Binary.NONE && value instanceof String v) {
                byte[] bytes = decode(v, binaryPath);
                byte[] constant = latin1(s.value());
                return bytes == null || constant == null ? null : Arrays.compareUnsigned(bytes, constant);
            }
            return value instanceof String v ? compareCodePoints(v, s.value()) : null;
        }
        if (literal instanceof Literal.BinaryLiteral b) {
            if (!(value instanceof String v)) {
                return null;
            }
            byte[] bytes = binaryPath != Binary.NONE ? decode(v, binaryPath) : latin1(v);
            return bytes == null ? null : Arrays.compareUnsigned(bytes, b.bytes());
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return null; // NaN or infinite data compares like an incompatible type
        }
        if (literal instanceof Literal.IntegerLiteral i) {
            return value instanceof Number n && !(value instanceof Boolean)
                    ? number(n).compareTo(BigDecimal.valueOf(i.value()))
                    : null;
        }
        if (literal instanceof Literal.FloatLiteral f) {
            return value instanceof Number n ? number(n).compareTo(new BigDecimal(f.value())) : null;
        }
        if (literal instanceof Literal.BooleanLiteral b) {
            return value instanceof Boolean v ? Boolean.compare(v, b.value()) : null;
        }
        if (literal instanceof Literal.TimestampLiteral t) {
            if (!(value instanceof String v)) {
                return null;
            }
            if (!Timestamps.isValid(v)) {
                throw new PatternException(
                        null, "\"" + v + "\" is not a STIX timestamp, so it cannot be compared with " + t);
            }
            return Timestamps.parse(v).compareTo(t.value());
        }
        return null;
    }

    private static BigDecimal number(Number n) {
        if (n instanceof Long || n instanceof Integer) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (n instanceof BigDecimal d) {
            return d;
        }
        return new BigDecimal(n.doubleValue());
    }

    private static void checkOneType(List<Literal> elements) {
        for (int i = 1; i < elements.size(); i++) {
            if (kind(elements.get(i)) != kind(elements.get(0))) {
                throw new PatternException(
                        null,
                        "the set " + new Literal.SetLiteral(elements) + " mixes constant types; IN needs one type");
            }
        }
    }

    /** The type of a constant for IN: integers and floats are both numbers. */
    private static Class<?> kind(Literal l) {
        return l instanceof Literal.FloatLiteral ? Literal.IntegerLiteral.class : l.getClass();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The bytes of a _bin (base64) or _hex value, or null when it is not well formed. */
    private static byte[] decode(String v, Binary kind) {
        try {
            return kind == Binary.BASE64
                    ? Base64.getDecoder().decode(v)
                    : HexFormat.of().parseHex(v);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** A string's code points as bytes, or null when one is beyond U+00FF. */
    private static byte[] latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return null;
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean like(String value, String pattern, boolean unicode) {
        String text = unicode ? nfc(value) : value;
        String like = unicode ? nfc(pattern) : pattern;
        return wildcard(text.codePoints().toArray(), like.codePoints().toArray()); // _ is one code point
    }

    /** NFC form; ASCII text is its own. */
    static String nfc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    /**
     * SQL LIKE without a regular expression: % for any run, _ for one character. Greedy with a return to the last
     * %, so at most length(value) x length(pattern) steps: no backtracking blow-up.
     */
    static boolean wildcard(int[] s, int[] p) {
        int i = 0;
        int j = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length) {
            if (j < p.length && p[j] != '%' && (p[j] == '_' || p[j] == s[i])) {
                i++;
                j++;
            } else if (j < p.length && p[j] == '%') {
                star = j++;
                mark = i;
            } else if (star >= 0) {
                j = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (j < p.length && p[j] == '%') {
            j++;
        }
        return j == p.length;
    }

    /** Compiled expressions by text; cleared when full, so that a stream of distinct patterns cannot grow it. */
    private static java.util.regex.Pattern cached(
            String key, java.util.function.Supplier<java.util.regex.Pattern> compile) {
        java.util.regex.Pattern p = REGEXES.get(key);
        if (p == null) {
            if (REGEXES.size() > 10_000) {
                REGEXES.clear();
            }
            p = compile.get();
            REGEXES.put(key, p);
        }
        return p;
    }

    private static boolean matches(Object value, String regex, Binary binaryPath) {
        if (!(value instanceof String v)) {
            return false;
        }
        java.util.regex.Pattern p = cached(
                "re:" + regex,
                () -> java.util.regex.Pattern.compile(
                        Normalizer.normalize(regex, Normalizer.Form.NFC), java.util.regex.Pattern.DOTALL));
        if (binaryPath != Binary.NONE) {
            byte[] bytes = decode(v, binaryPath);
            return bytes != null
                    && p.matcher(new BoundedText(new String(bytes, StandardCharsets.ISO_8859_1)))
                            .find();
        }
        return p.matcher(new BoundedText(nfc(v))).find();
    }
}
