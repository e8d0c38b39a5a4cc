package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.graph.RuleScope;
import dev.threatkit.cti.internal.reasoning.Attributes;
import dev.threatkit.cti.internal.reasoning.Derived;
import dev.threatkit.cti.internal.reasoning.Premise;
import dev.threatkit.cti.internal.reasoning.Reasoner;
import dev.threatkit.cti.internal.reasoning.Rule;
import dev.threatkit.cti.internal.reasoning.RuleCatalog;
import dev.threatkit.cti.internal.reasoning.StoredFacts;
import dev.threatkit.cti.internal.reasoning.World;
import dev.threatkit.cti.schema.Category;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.schema.TypeDef;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Data and premises for the rule-engine benchmarks (issue #6).
 *
 * <p>{@link #importAll} fills a store with ATT&amp;CK Enterprise 18.1 and the OpenCTI test bundles. {@link Facts}
 * reads a store's objects back into the premises the rule engine joins, the way the store's own glue
 * ({@code internal.graph.Inference#premises}, package-private) makes them: relationships of a type some rule reads,
 * one premise per target of a sighting, one per reference of a report or observed data, the author of observed
 * data; nothing for revoked or deprecated objects. With them the benchmarks drive a bare {@link Reasoner}: the
 * derivations alone, without the journal, the graph or the inferred objects' JSON. The benchmarks check that the
 * bare reasoner derives as many facts as the store writes.
 */
final class RuleWorkload {
    /** The OpenCTI test bundles of issue #6; each imports, with some objects rejected by validation. */
    static final List<String> OPENCTI_BUNDLES = List.of(
            "data/opencti/platform-tests/DATA-TEST-STIX2_v2.json",
            "data/opencti/platform-tests/data-test-stix-e2e.json",
            "data/opencti/client-python-tests/DATA-TEST-STIX2_v2.json",
            "data/opencti/parser-samples/misp-event-converted-bundle.json");

    private RuleWorkload() {}

    /** ATT&CK Enterprise 18.1, then (when {@code opencti}) the OpenCTI bundles, imported in that order. */
    static List<Path> files(boolean opencti) {
        List<Path> files = new ArrayList<>();
        files.add(DataFiles.locate(DataFiles.ATTACK_ENTERPRISE_18_1));
        if (opencti) {
            for (String b : OPENCTI_BUNDLES) {
                files.add(DataFiles.locate(b));
            }
        }
        return files;
    }

    /**
     * Imports {@code files} one call each into {@code cti}, printing what each gave; fails when a file gave nothing
     * (the second DATA-TEST-STIX2_v2.json mostly repeats the first: it updates rather than creates).
     */
    static void importAll(Cti cti, List<Path> files) {
        for (Path f : files) {
            ImportReport r = cti.importFiles(List.of(f), Caller.ADMIN);
            System.out.printf(
                    "%nimported %s: %d objects, %d created, %d updated, %d unchanged, %d rejected%n",
                    f.getParent().getFileName() + "/" + f.getFileName(),
                    r.objects(),
                    r.created(),
                    r.updated(),
                    r.unchanged(),
                    r.rejected().size());
            if (r.created() + r.updated() + r.unchanged() == 0) {
                throw new IllegalStateException("nothing imported from " + f + ": " + r);
            }
        }
    }

    /** Every rule of the catalog enabled in catalog order, as the store does on open; the dirty set drained. */
    static Reasoner enableAll(Reasoner r) {
        for (Rule rule : RuleCatalog.all()) {
            r.enable(rule, RuleScope.ALL);
        }
        r.takeDirty();
        return r;
    }

    /** Inferred facts standing (active), as the store writes them: objects plus container references. */
    static long active(Reasoner r) {
        long n = 0;
        for (Derived d : r.all()) {
            if (d.active()) {
                n++;
            }
        }
        return n;
    }

    /** Attributes of every fact in {@code dirty}, as the store computes them before writing; returns a checksum. */
    static long attributes(Reasoner r, List<Derived> dirty) {
        Attributes.Calculator calc = new Attributes.Calculator(r);
        long sum = 0;
        for (Derived d : dirty) {
            sum += calc.of(d).confidence() + 1;
        }
        return sum + dirty.size();
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("lock")) { // the writer's lock, not data
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of a store as the rule engine sees them: premises, plus the world rules ask about their ends. */
    static final class Facts implements World {
        private static final StixRegistry REGISTRY = StixRegistry.builtIn();

        final List<Premise> premises = new ArrayList<>();
        /** Premises by stored object id (a sighting or a report stands for several). */
        final Map<String, List<Premise>> byObject = new HashMap<>();
        /** Every stored object by id (to pick benchmark cases). */
        final Map<String, StixObject> objects = new HashMap<>();

        private final Map<String, String> types = new HashMap<>();
        private final Map<String, String> entityTypes = new HashMap<>();
        private final Set<String> retired = new HashSet<>();
        private final Map<String, Boolean> observableTypes = new HashMap<>();
        private final Set<String> read = new HashSet<>();

        Facts(Cti cti) {
            read.addAll(StoredFacts.read());
            cti.forEachObject(Caller.ADMIN, o -> {
                if (o.has("x_threatkit_inference")) {
                    return; // inferred: the reasoner makes those
                }
                objects.put(o.id(), o);
                types.put(o.id(), o.type());
                String et = REGISTRY.entityType(o);
                if (et != null) {
                    entityTypes.put(o.id(), et);
                }
                if (o.revoked() || Boolean.TRUE.equals(o.getBoolean("x_mitre_deprecated"))) {
                    retired.add(o.id());
                }
            });
            for (StixObject o : objects.values()) {
                String t = o.type();
                if (StoredFacts.mayHold(t)) {
                    List<Premise> ps = premises(o);
                    if (!ps.isEmpty()) {
                        premises.addAll(ps);
                        byObject.put(o.id(), ps);
                    }
                }
            }
        }

        /** A fresh reasoner holding every premise, no rule enabled. */
        Reasoner reasoner() {
            Reasoner r = new Reasoner(this);
            for (Premise p : premises) {
                r.assertExplicit(p);
            }
            return r;
        }

        @Override
        public String type(String id) {
            String t = types.get(id);
            if (t != null) {
                return t;
            }
            int cut = id.indexOf("--");
            return cut > 0 ? id.substring(0, cut) : "";
        }

        @Override
        public String entityType(String id) {
            return entityTypes.get(id);
        }

        @Override
        public boolean observable(String id) {
            return observableTypes.computeIfAbsent(type(id), t -> {
                TypeDef def = REGISTRY.type(t);
                return def != null && def.category() == Category.SCO;
            });
        }

        @Override
        public boolean retired(String id) {
            return retired.contains(id);
        }

        /** The store's premises of one stored object (references as given: the benchmark's data has no aliases). */
        private List<Premise> premises(StixObject o) {
            return StoredFacts.of(o.id(), o, ref -> ref, read);
        }
    }
}
