package dev.threatkit.cti.pattern;

import dev.threatkit.cti.ids.DeterministicIds;
import dev.threatkit.cti.ids.HashAlgorithms;
import dev.threatkit.cti.ids.IdResult;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Between observables and patterns, for the common indicator types: IPv4/IPv6 addresses and CIDR blocks, domain
 * names, hostnames, URLs, e-mail addresses, files (hashes, name), mutexes, registry keys, user agents,
 * autonomous systems and X.509 serial numbers. {@link #toPattern} turns an observable into the pattern of an
 * indicator for it ("create indicator from observable"); {@link #toObservables} turns the equality comparisons
 * of a simple pattern into observables with their deterministic ids ("create observables from indicator").
 */
public final class ObservablePatterns {
    /** The property a pattern tests for each supported type (files are handled on their own). */
    private static final Map<String, String> MAIN_PROPERTY = Map.ofEntries(
            Map.entry("ipv4-addr", "value"),
            Map.entry("ipv6-addr", "value"),
            Map.entry("domain-name", "value"),
            Map.entry("hostname", "value"),
            Map.entry("url", "value"),
            Map.entry("email-addr", "value"),
            Map.entry("mutex", "name"),
            Map.entry("windows-registry-key", "key"),
            Map.entry("user-agent", "value"),
            Map.entry("autonomous-system", "number"),
            Map.entry("x509-certificate", "serial_number"));

    private ObservablePatterns() {}

    /**
     * The STIX 2.1 pattern that detects {@code observable}, or empty when its type is not supported or it lacks
     * the property that identifies it. A file gives its hashes joined by OR (strongest first), else its name.
     */
    public static Optional<String> toPattern(StixProperties observable) {
        String type = observable.getString("type");
        if (type == null) {
            return Optional.empty();
        }
        if (type.equals("file")) {
            return filePattern(observable);
        }
        String property = MAIN_PROPERTY.get(type);
        Object value = property == null ? null : observable.get(property);
        if (value instanceof String s && !s.isEmpty()) {
            return Optional.of("[" + type + ":" + property + " = " + PatternText.quote(s) + "]");
        }
        if (value instanceof Long n) {
            return Optional.of("[" + type + ":" + property + " = " + n + "]");
        }
        return Optional.empty();
    }

    private static Optional<String> filePattern(StixProperties file) {
        List<String> tests = new ArrayList<>();
        StixProperties hashes = file.getObject("hashes");
        if (hashes != null) {
            List<String> order = new ArrayList<>(List.of("SHA-256", "SHA-512", "SHA-1", "MD5", "SHA3-256", "SHA3-512"));
            for (int i = 0; i < hashes.size(); i++) {
                String name = HashAlgorithms.normalize(hashes.keyAt(i));
                if (!order.contains(name)) {
                    order.add(name);
                }
            }
            for (String algorithm : order) {
                for (int i = 0; i < hashes.size(); i++) {
                    if (HashAlgorithms.normalize(hashes.keyAt(i)).equals(algorithm)
                            && hashes.valueAt(i) instanceof String v
                            && HashAlgorithms.fits(algorithm, v)) {
                        tests.add("file:hashes." + PatternText.key(algorithm) + " = " + PatternText.quote(v));
                    }
                }
            }
        }
        if (tests.isEmpty() && file.getString("name") != null) {
            tests.add("file:name = " + PatternText.quote(file.getString("name")));
        }
        return tests.isEmpty() ? Optional.empty() : Optional.of("[" + String.join(" OR ", tests) + "]");
    }

    /**
     * The observables a pattern names by equality (or ISSUBSET for an address block): one per object of each
     * [...] alternative, with spec_version 2.1 and its deterministic id. Comparisons of other kinds are left
     * out; a pattern with none that qualify gives an empty list.
     */
    public static List<StixProperties> toObservables(Pattern pattern) {
        List<StixProperties> out = new ArrayList<>();
        for (ObservationExpression.Observation o : pattern.observations()) {
            for (ComparisonExpression alternative : alternatives(o.comparison())) {
                Map<String, StixProperties.Builder> byType = new LinkedHashMap<>();
                for (ComparisonExpression.Comparison c : conjuncts(alternative)) {
                    apply(c, byType);
                }
                for (StixProperties.Builder b : byType.values()) {
                    out.add(withId(b));
                }
            }
        }
        return out;
    }

    private static List<ComparisonExpression> alternatives(ComparisonExpression e) {
        if (e instanceof ComparisonExpression.Junction j && j.logic() == ComparisonExpression.Logic.OR) {
            List<ComparisonExpression> out = new ArrayList<>();
            j.operands().forEach(x -> out.addAll(alternatives(x)));
            return out;
        }
        return List.of(e);
    }

    private static List<ComparisonExpression.Comparison> conjuncts(ComparisonExpression e) {
        List<ComparisonExpression.Comparison> out = new ArrayList<>();
        if (e instanceof ComparisonExpression.Comparison c) {
            out.add(c);
        } else if (e instanceof ComparisonExpression.Junction j && j.logic() == ComparisonExpression.Logic.AND) {
            j.operands().forEach(x -> out.addAll(conjuncts(x)));
        }
        return out;
    }

    private static void apply(ComparisonExpression.Comparison c, Map<String, StixProperties.Builder> byType) {
        ObjectPath path = c.path();
        String type = path.objectType();
        boolean equality = c.operator() == ComparisonOperator.EQUAL && !c.negated();
        boolean block = c.operator() == ComparisonOperator.IS_SUBSET
                && !c.negated()
                && (type.equals("ipv4-addr") || type.equals("ipv6-addr"))
                && path.property().equals("value");
        if (!equality && !block) {
            return;
        }
        Object value = c.literal() instanceof Literal.StringLiteral s
                ? s.value()
                : c.literal() instanceof Literal.IntegerLiteral i ? (Object) i.value() : null;
        if (value == null) {
            return;
        }
        if (type.equals("file")
                && path.property().equals("hashes")
                && path.steps().size() == 1
                && path.steps().get(0) instanceof PathStep.Key k) {
            StixProperties.Builder b = byType.computeIfAbsent(type, ObservablePatterns::start);
            StixProperties hashes = b.get("hashes") instanceof StixProperties h ? h : StixProperties.empty();
            b.put(
                    "hashes",
                    hashes.toBuilder()
                            .put(HashAlgorithms.normalize(k.name()), value)
                            .build());
        } else if (path.isSimple()
                && (MAIN_PROPERTY.get(type) != null && MAIN_PROPERTY.get(type).equals(path.property())
                        || type.equals("file") && path.property().equals("name"))) {
            byType.computeIfAbsent(type, ObservablePatterns::start).put(path.property(), value);
        }
    }

    private static StixProperties.Builder start(String type) {
        return StixProperties.builder().put("type", type).put("spec_version", "2.1");
    }

    private static final DeterministicIds IDS = DeterministicIds.builtIn();

    private static StixProperties withId(StixProperties.Builder b) {
        StixProperties draft = b.build();
        IdResult id = IDS.compute(StixObject.of(draft));
        if (!id.present()) {
            return draft;
        }
        // the id goes after type and spec_version, where STIX objects usually carry it
        StixProperties.Builder out = StixProperties.builder()
                .put("type", draft.get("type"))
                .put("spec_version", "2.1")
                .put("id", id.id());
        for (int i = 0; i < draft.size(); i++) {
            if (!draft.keyAt(i).equals("type") && !draft.keyAt(i).equals("spec_version")) {
                out.put(draft.keyAt(i), draft.valueAt(i));
            }
        }
        return out.build();
    }
}
