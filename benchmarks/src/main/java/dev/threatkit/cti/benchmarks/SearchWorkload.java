package dev.threatkit.cti.benchmarks;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.store.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The data and the questions of the search benchmarks (issue #5).
 *
 * <p>Data: the {@link StoreWorkload} bundle of #4, same seed, same ids, values, hashes, markings and references,
 * {@linkplain StoreWorkload#write(java.nio.file.Path, int, long, boolean) described}: every malware, intrusion set and attack
 * pattern has a description of 20 to 60 words, every indicator 5 to 15, every report 30 to 80, drawn from
 * {@link SyntheticText}'s 4,096-word Zipf vocabulary. For 1,000,000 objects (1,000,001 made; benchmarks take the
 * first million): 20 identities, 10,000 malware ("Malware 17", alias "MW-17"), 5,000 intrusion sets ("Group 3",
 * aliases "G-3" and "Actor 3"), 20,000 attack patterns ("Technique 9"), 76,509 to 76,510 each of IPv4, domain and
 * file observables, 229,528 indicators ("Indicator 5"), 504,962 relationships and 963 reports ("Report 1035").
 * Observables and identities carry no marking; every other object carries one of the four TLP markings at
 * random.
 *
 * <p>Questions, drawn with fixed seeds by reservoir sampling over the objects the {@link #CALLER} may see (so each
 * has at least one answer for it), {@value #PER_KIND} of each kind at most:
 *
 * <ul>
 *   <li>one-term text queries, each for one type in turn (malware, intrusion-set, attack-pattern, indicator,
 *       report): for a malware or intrusion set, one time in three its first alias ("MW-17", "G-3"); otherwise one
 *       word of the object's description, chosen uniformly among its words (so common words come up as often as
 *       they occur);
 *   <li>two-term text queries, same types in turn: one time in three the object's name ("Malware 17", "Indicator
 *       5"), otherwise two different words of its description;
 *   <li>lookups: IPv4 values, domain names and SHA-256 hashes of observables, and STIX ids of any visible object,
 *       each with the id it must find (for a value, also the id of the indicator whose pattern holds it).
 * </ul>
 *
 * The caller is {@code Caller.of(Set.of(TLP:GREEN, TLP:AMBER), 100)}: it sees unmarked objects (observables,
 * identities) and those marked green or amber, about half of the marked ones.
 */
public final class SearchWorkload {
    /** The seed of the data, as in #4's benchmarks. */
    public static final long SEED = 42;

    /** Changes whenever the data or the questions change, so cached indexes of older data are not reused. */
    public static final int VERSION = 1;

    /** At most this many questions of each kind. */
    public static final int PER_KIND = 1_000;

    /** The types of the text queries, in turn. */
    public static final List<String> TEXT_TYPES =
            List.of("malware", "intrusion-set", "attack-pattern", "indicator", "report");

    static final String GREEN = StoreWorkload.TLP[1];
    static final String AMBER = StoreWorkload.TLP[2];

    /** Who asks every question: sees unmarked, TLP:GREEN and TLP:AMBER objects. */
    public static final Caller CALLER = Caller.of(Set.of(GREEN, AMBER), 100);

    private static final long SAMPLE_SALT = 0x51A9_1E5E_ED00_0001L;
    private static final long TERMS_SALT = 0x7E4A_5E1E_C700_0002L;

    private SearchWorkload() {}

    /** A text question: {@code terms} joined by spaces, for objects of {@code type}; {@code sourceId} answers it. */
    public record TextQuery(String type, List<String> terms, String sourceId) {
        public String text() {
            return String.join(" ", terms);
        }
    }

    /**
     * An exact-value question, the id it must find, and for an observable's value the indicator whose pattern holds
     * the same value (null for an id question).
     */
    public record Lookup(String value, String expectedId, String indicatorId) {}

    /** Every question of the benchmarks. */
    public record Queries(
            List<TextQuery> oneTerm,
            List<TextQuery> twoTerms,
            List<Lookup> ips,
            List<Lookup> domains,
            List<Lookup> hashes,
            List<Lookup> ids) {
        /** Fails unless there is at least one question of each kind. */
        public Queries check() {
            if (oneTerm.isEmpty()
                    || twoTerms.isEmpty()
                    || ips.isEmpty()
                    || domains.isEmpty()
                    || hashes.isEmpty()
                    || ids.isEmpty()) {
                throw new IllegalStateException("a kind of question has no sample: " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return oneTerm.size() + " one-term, " + twoTerms.size() + " two-term, " + ips.size() + " ip, "
                    + domains.size() + " domain, " + hashes.size() + " hash, " + ids.size() + " id questions";
        }
    }

    /**
     * Generates the {@code n}-object described bundle for {@code seed} and hands each object, parsed, to
     * {@code action} in bundle order, without keeping them; returns the count.
     */
    public static int forEach(int n, long seed, Consumer<StixObject> action) {
        return StoreWorkload.generate(n, seed, true, json -> action.accept(StixJson.parseObject(json)));
    }

    /** The {@code n}-object described bundle for {@code seed}, parsed, in memory. */
    public static List<StixObject> objects(int n, long seed) {
        List<StixObject> out = new ArrayList<>(n + 16);
        forEach(n, seed, out::add);
        return out;
    }

    /** The questions about {@code objects}; give it every object of a bundle in order, then call {@link #queries}. */
    public static final class Sampler implements Consumer<StixObject> {
        private final long seed;
        private final Map<String, Reservoir<StixObject>> texts = new LinkedHashMap<>();
        private final Reservoir<Lookup> ips;
        private final Reservoir<Lookup> domains;
        private final Reservoir<Lookup> hashes;
        private final Reservoir<Lookup> ids;

        public Sampler(long seed) {
            this.seed = seed;
            int perType = PER_KIND / TEXT_TYPES.size();
            long s = seed ^ SAMPLE_SALT;
            for (String type : TEXT_TYPES) {
                texts.put(type, new Reservoir<>(perType, s += 0x9E37_79B9_7F4A_7C15L));
            }
            ips = new Reservoir<>(PER_KIND, s += 0x9E37_79B9_7F4A_7C15L);
            domains = new Reservoir<>(PER_KIND, s += 0x9E37_79B9_7F4A_7C15L);
            hashes = new Reservoir<>(PER_KIND, s += 0x9E37_79B9_7F4A_7C15L);
            ids = new Reservoir<>(PER_KIND, s + 0x9E37_79B9_7F4A_7C15L);
        }

        @Override
        public void accept(StixObject o) {
            if (!CALLER.canSee(o.objectMarkingRefs())) {
                return;
            }
            ids.offer(new Lookup(o.id(), o.id(), null));
            Reservoir<StixObject> text = texts.get(o.type());
            if (text != null && o.description() != null) {
                text.offer(o);
            }
            switch (o.type()) {
                case "ipv4-addr":
                    ips.offer(new Lookup(o.getString("value"), o.id(), indicatorOf(o.id())));
                    break;
                case "domain-name":
                    domains.offer(new Lookup(o.getString("value"), o.id(), indicatorOf(o.id())));
                    break;
                case "file":
                    StixProperties h = o.getObject("hashes");
                    if (h != null && h.getString("SHA-256") != null) {
                        hashes.offer(new Lookup(h.getString("SHA-256"), o.id(), indicatorOf(o.id())));
                    }
                    break;
                default:
                    break;
            }
        }

        /** The questions, deterministic for the same objects and seed. */
        public Queries queries() {
            List<StixObject> sources = new ArrayList<>();
            for (int i = 0; ; i++) {
                boolean any = false;
                for (Reservoir<StixObject> r : texts.values()) {
                    if (i < r.items.size()) {
                        sources.add(r.items.get(i));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            SplittableRandom random = new SplittableRandom(seed ^ TERMS_SALT);
            List<TextQuery> one = new ArrayList<>();
            List<TextQuery> two = new ArrayList<>();
            for (StixObject o : sources) {
                List<String> words = SyntheticText.words(o.description());
                List<String> aliases = o.aliases();
                if (!aliases.isEmpty() && random.nextInt(3) == 0) {
                    one.add(new TextQuery(o.type(), List.of(aliases.get(0)), o.id()));
                } else {
                    one.add(new TextQuery(o.type(), List.of(words.get(random.nextInt(words.size()))), o.id()));
                }
                List<String> pair = random.nextInt(3) == 0 ? null : twoDifferent(words, random);
                two.add(new TextQuery(o.type(), pair == null ? List.of(o.name().split(" ")) : pair, o.id()));
            }
            return new Queries(
                            List.copyOf(one),
                            List.copyOf(two),
                            ips.items(),
                            domains.items(),
                            hashes.items(),
                            ids.items())
                    .check();
        }

        /** The indicator of the observable's unit: the same unit number in its id, kind 6 instead of 5. */
        private static String indicatorOf(String observableId) {
            String uuid = observableId.substring(observableId.indexOf("--") + 2);
            return "indicator--" + StoreWorkload.uuid(6, Integer.parseInt(uuid.substring(0, 8), 16));
        }

        private static List<String> twoDifferent(List<String> words, SplittableRandom random) {
            String a = words.get(random.nextInt(words.size()));
            List<String> others = new ArrayList<>();
            for (String w : words) {
                if (!w.equals(a)) {
                    others.add(w);
                }
            }
            return others.isEmpty() ? null : List.of(a, others.get(random.nextInt(others.size())));
        }
    }

    /** Uniform sampling of at most {@code size} items from a stream of unknown length (algorithm R), seeded. */
    static final class Reservoir<T> {
        private final int size;
        private final SplittableRandom random;
        private final List<T> items = new ArrayList<>();
        private long seen;

        Reservoir(int size, long seed) {
            this.size = size;
            this.random = new SplittableRandom(seed);
        }

        void offer(T item) {
            if (items.size() < size) {
                items.add(item);
            } else {
                long j = random.nextLong(seen + 1);
                if (j < size) {
                    items.set((int) j, item);
                }
            }
            seen++;
        }

        List<T> items() {
            return List.copyOf(items);
        }
    }
}
