package dev.threatkit.cti.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.testing.SharedData;
import dev.threatkit.cti.upgrade.Stix20Upgrader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store on the real datasets in {@code ../shared/data}.
 *
 * <p>ATT&amp;CK (Enterprise 18.1, Mobile and ICS 17.1 and 18.1, and the STIX 2.0 files of 18.1; Enterprise 17.1 is
 * {@link AttackImportTest}'s) and CAPEC 3.9: each bundle into an empty store stores one object per object with no
 * rejection, the counts by type are the bundle's, importing it again changes nothing, and the store opened again
 * is the same (replay equality). The 2.0 files store exactly what their 2.1 twins store, object for object.
 *
 * <p>MISP-derived and OpenCTI test bundles, and the other public STIX bundles: every problem is reported (a
 * rejection with its file, id, JSON path and reason; the counts are pinned per file below) and nothing is stored
 * half: a rejected object cannot be got, every other object can, and one seen once in its file is stored exactly
 * as read.
 */
class DatasetImportTest {
    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ ATT&CK and CAPEC

    @Test
    void enterprise181Stix21AndItsStix20TwinStoreTheSameObjects() {
        sameObjectsFromBoth(
                "mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz",
                "mitre-attack-enterprise/enterprise-attack-18.1.stix20.json.gz",
                24_771,
                7); // x_mitre_data_source_ref: "" (see importsOneToOneAndAgainChangesNothing)
    }

    @Test
    void mobile181Stix21AndItsStix20TwinStoreTheSameObjects() {
        sameObjectsFromBoth(
                "mitre-attack-mobile/mobile-attack-18.1.stix21.json",
                "mitre-attack-mobile/mobile-attack-18.1.stix20.json",
                2_535,
                1); // x_mitre_data_source_ref: ""
    }

    /**
     * The other releases. {@code emptyRefs}: objects with {@code x_mitre_data_source_ref: ""} (an empty reference,
     * a quirk of the ATT&amp;CK 18.1 data), which the import reports as references it cannot resolve.
     */
    @ParameterizedTest
    @CsvSource({
        "mitre-attack-mobile/mobile-attack-17.1.json, 2148, 0",
        "mitre-attack-ics/ics-attack-17.1.json, 1651, 0",
        "mitre-attack-ics/ics-attack-18.1.json, 1826, 5",
        "mitre-capec/stix-capec-3.9.stix21.json, 2683, 0"
    })
    void importsOneToOneAndAgainChangesNothing(String bundle, int objects, int emptyRefs) {
        Path file = SharedData.file(bundle);
        oneToOne(file, countByType(file), objects, emptyRefs, tmp.resolve("store"));
    }

    /** Every ATT&amp;CK and CAPEC file in the shared data is one of the above, so a new one is not left out. */
    @Test
    void everyAttackAndCapecFileIsCovered() throws IOException {
        Path root = SharedData.root();
        Set<String> files = new TreeSet<>();
        for (String dir :
                List.of("mitre-attack-enterprise", "mitre-attack-mobile", "mitre-attack-ics", "mitre-capec")) {
            try (Stream<Path> s = Files.list(root.resolve(dir))) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.json(\\.gz)?"))
                        .filter(p -> !p.getFileName().toString().equals("attack-stix-data-index.json"))
                        .forEach(p -> files.add(root.relativize(p).toString()));
            }
        }
        // enterprise 17.1 is covered by AttackImportTest (17.1 then 18.1); the index is not STIX.
        assertThat(files)
                .containsExactly(
                        "mitre-attack-enterprise/enterprise-attack-17.1.stix21.json.gz",
                        "mitre-attack-enterprise/enterprise-attack-18.1.stix20.json.gz",
                        "mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz",
                        "mitre-attack-ics/ics-attack-17.1.json",
                        "mitre-attack-ics/ics-attack-18.1.json",
                        "mitre-attack-mobile/mobile-attack-17.1.json",
                        "mitre-attack-mobile/mobile-attack-18.1.stix20.json",
                        "mitre-attack-mobile/mobile-attack-18.1.stix21.json",
                        "mitre-capec/stix-capec-3.9.stix21.json");
    }

    private void sameObjectsFromBoth(String stix21, String stix20, int objects, int emptyRefs) {
        Path file21 = SharedData.file(stix21);
        Path file20 = SharedData.file(stix20);
        Map<String, Integer> expected = countByType(file21);
        assertThat(countByType(file20)).isEqualTo(expected);
        StoreState from21 = oneToOne(file21, expected, objects, emptyRefs, tmp.resolve("stix21"));
        StoreState from20 = oneToOne(file20, expected, objects, emptyRefs, tmp.resolve("stix20"));
        // Object for object (JSON and the relationships around it), what the 2.0 release stores after the upgrade
        // is what the 2.1 release stores.
        assertThat(from20.objects()).isEqualTo(from21.objects());
        assertThat(from20.suggestions()).isEqualTo(from21.suggestions());
    }

    /** Imports {@code file} into an empty store twice, then opens the store again; returns what it holds. */
    private static StoreState oneToOne(Path file, Map<String, Integer> expected, int objects, int emptyRefs, Path dir) {
        StoreState state;
        try (Cti cti = Cti.builder().dataDirectory(dir).build()) {
            ImportReport first = cti.importFiles(List.of(file), Caller.ADMIN);
            System.out.printf("%s: %d objects in %.1f s%n", file.getFileName(), first.objects(), first.seconds());
            assertThat(first.unreadable()).isEmpty();
            assertThat(first.rejected()).isEmpty();
            assertThat(first.objects()).isEqualTo(objects);
            assertThat(first.created()).isEqualTo(objects);
            assertThat(cti.stats()).isEqualTo(expected);
            assertThat(first.warnings())
                    .as("%d objects carry x_mitre_data_source_ref \"\", which names nothing: no warning", emptyRefs)
                    .isEmpty();

            ImportReport again = cti.importFiles(List.of(file), Caller.ADMIN);
            assertThat(again.unchanged()).isEqualTo(again.objects()).isEqualTo(objects);
            assertThat(again.created() + again.updated()).isZero();
            assertThat(again.lastEventId()).isZero();
            state = StoreState.of(cti);
            assertThat(state.lastEventId()).isEqualTo(objects);
        }
        try (Cti reopened = Cti.builder().dataDirectory(dir).build()) {
            assertThat(reopened.recoveryNote()).isNull();
            assertThat(StoreState.of(reopened)).isEqualTo(state);
        }
        return state;
    }

    private static Map<String, Integer> countByType(Path file) {
        Map<String, Integer> counts = new TreeMap<>();
        try (StixReader r = StixReader.open(file)) {
            while (r.hasNext()) {
                counts.merge(r.next().type(), 1, Integer::sum);
            }
        }
        return counts;
    }

    // ------------------------------------------------------------------ MISP-derived, OpenCTI and other bundles

    /** STIX bundles (and arrays of STIX objects) per folder; a file added to the data must be added here. */
    private static final Map<String, Integer> BUNDLE_FILES = Map.of(
            "misp-events", 10, // misp-stix-tests/*_stix20.json and *_stix21.json; the rest is MISP JSON
            "opencti", 27, // 18 bundles and the 9 stream-event arrays; not the CSV feeds, dashboards, MISP event
            "stix-bundles", 44);

    /**
     * Rejections per file; every file not listed has none. They are the data's own STIX violations, which the
     * store refuses (validation, not the store, decides); each is reported with its path and reason.
     */
    private static final Map<String, Integer> REJECTED = Map.ofEntries(
            // OpenCTI's test data set, three variants: relationships with stop_time equal to start_time (STIX:
            // later than), locations without region, country or coordinates, malware without is_family, an
            // object modified before it was created, an observed-data whose object_refs name a malware, and three
            // relationships whose target is a relationship. Client: 16 + 4 + 2 + 1 + 1 + 3.
            Map.entry("opencti/client-python-tests/DATA-TEST-STIX2_v2.json", 27),
            Map.entry("opencti/platform-tests/DATA-TEST-STIX2_v2.json", 26), // 14 + 5 + 2 + 1 + 1 + 3
            Map.entry("opencti/platform-tests/filters/DATA-TEST-FILTERS.json", 27), // 15 + 5 + 2 + 1 + 1 + 3
            // 3 locations without region/country/coordinates, 4 malware without is_family, an artifact with neither
            // payload_bin nor url, a latitude of 121, a grouping and a note without object_refs, an observed-data
            // whose object_refs name an incident.
            Map.entry("opencti/platform-tests/data-test-stix-e2e.json", 12),
            Map.entry(
                    "opencti/client-python-tests/bundle_ids_sample.json",
                    2), // created_by_ref to a marking; stop = start
            Map.entry("opencti/client-python-tests/bundle_with_internal_ids.json", 1), // created_by_ref an OpenCTI UUID
            // created_by_ref to a marking (2), malware without is_family, x-mitre-asset without spec_version, stop =
            // start
            Map.entry("opencti/client-python-tests/cyclic-bundle.json", 5),
            Map.entry("opencti/client-python-tests/missing_refs.json", 2), // created_by_ref "identity--not-available"
            Map.entry("opencti/client-python-tests/mono-bundle-entity.json", 1), // created_by_ref a bare UUID
            Map.entry("opencti/client-python-tests/mono-bundle-relationship.json", 1), // "identity--not-available"
            // The CSV mapper's expected output: no object has created (nor modified), so none is STIX 2.1.
            Map.entry("opencti/csv-parser/real-use-case/bundle.json", 734),
            Map.entry( // a location without region, country or coordinates
                    "opencti/platform-tests/organization-sharing/20241003_Report_to_test_orga_sharing_full.json", 1),
            Map.entry("opencti/platform-tests/stream-events/stream-event-stix2-groupings.json", 1), // no object_refs
            Map.entry("opencti/platform-tests/stream-events/stream-event-stix2-malwares.json", 4), // labels: []
            // Attack Flow corpus: tactic_ref "T1136.002" (an ATT&CK id, not a STIX id) and two url SCOs with defanged
            // values ("tunnel.us.ngrok[.]com"); a url with a trailing space; a malware with capabilities: []; five
            // files whose hashes is a string; a threat-actor with aliases: [].
            Map.entry("stix-bundles/attack-flow-corpus/cisa-iranian-apt.json", 3),
            Map.entry("stix-bundles/attack-flow-corpus/hancitor-dll.json", 1),
            Map.entry("stix-bundles/attack-flow-corpus/mac-malware-steals-crypto.json", 1),
            Map.entry("stix-bundles/attack-flow-corpus/shamoon.json", 5),
            Map.entry("stix-bundles/attack-flow-corpus/swift-heist.json", 1));

    /**
     * Objects a second import of the same file updates; every other file's second import changes nothing. The
     * STIX 2.0 upgrade of these two misp-stix files makes {@code domain-name} "circl.lu" twice with one id (its
     * deterministic id depends on the value only), once with and once without resolves_to_refs. An SCO has no
     * {@code modified} to order its versions, so each import replaces the stored one with the first, then with
     * the second: two updates every time (the final state is the same).
     */
    private static final Map<String, Integer> UPDATED_AGAIN = Map.of(
            "misp-events/misp-stix-tests/test_attributes_collection_stix20.json", 2,
            "misp-events/misp-stix-tests/test_events_collection_stix20.json", 2);

    private static final Pattern OBJECT_PATH = Pattern.compile("^((?:objects)?\\[\\d+\\])");

    @Test
    void bundlesReportTheirProblemsAndStoreNothingHalf() throws IOException {
        List<Path> files = bundleFiles();
        Map<String, Integer> rejected = new TreeMap<>();
        long total = 0;
        for (Path file : files) {
            String name = SharedData.root().relativize(file).toString();
            int n = importAndCheck(file, name, tmp.resolve("store-" + rejected.size()));
            total += n;
            rejected.put(name, n);
        }
        System.out.println(files.size() + " bundle files checked");
        Map<String, Integer> nonZero = new TreeMap<>();
        rejected.forEach((f, n) -> {
            if (n > 0) {
                nonZero.put(f, n);
            }
        });
        assertThat(nonZero).isEqualTo(new TreeMap<>(REJECTED));
        assertThat(total)
                .isEqualTo(
                        REJECTED.values().stream().mapToInt(Integer::intValue).sum());
    }

    /**
     * Imports one file into an empty store, checks it and imports it again; returns the number of rejections.
     * (Replay equality for these files: {@link #allBundlesInOneStoreReplayToTheSameState}.)
     */
    private static int importAndCheck(Path file, String name, Path dir) {
        List<StixObject> read = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try (StixReader r = StixReader.open(file)) {
            Iterator<StixObject> it = Stix20Upgrader.builtIn().upgrading(r);
            while (it.hasNext()) {
                read.add(it.next());
                paths.add(r.path());
            }
        }
        ImportReport report;
        try (Cti cti = Cti.builder().dataDirectory(dir).build()) {
            report = cti.importFiles(List.of(file), Caller.ADMIN);
            assertThat(report.unreadable()).as(name).isEmpty();
            assertThat(report.objects()).as(name).isEqualTo(read.size());
            assertThat(report.created()
                            + report.updated()
                            + report.unchanged()
                            + report.rejected().size())
                    .as(name)
                    .isEqualTo(read.size());
            Set<String> rejectedAt = new HashSet<>();
            for (Rejection x : report.rejected()) {
                assertThat(x.source()).as(name).isEqualTo(file.toString());
                assertThat(x.id()).as(name).isNotBlank();
                assertThat(x.reason()).as(name).isNotBlank();
                Matcher m = OBJECT_PATH.matcher(x.path());
                assertThat(m.find()).as(name + ": " + x.path()).isTrue();
                rejectedAt.add(m.group(1));
            }
            // An id is rejected when every object that has it was; objects that share an id are checked by id only.
            Map<String, Integer> occurrences = new HashMap<>();
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < read.size(); i++) {
                occurrences.merge(read.get(i).id(), 1, Integer::sum);
                if (!rejectedAt.contains(paths.get(i))) {
                    stored.add(read.get(i).id());
                }
            }
            for (StixObject o : read) {
                Optional<StixObject> got = cti.get(o.id(), Caller.ADMIN);
                if (!stored.contains(o.id())) {
                    assertThat(got).as(name + ": rejected " + o.id()).isEmpty();
                } else if (occurrences.get(o.id()) == 1) {
                    assertThat(got).as(name + ": " + o.id()).contains(o);
                } else {
                    assertThat(got).as(name + ": " + o.id()).isPresent();
                }
            }

            ImportReport again = cti.importFiles(List.of(file), Caller.ADMIN);
            assertThat(again.created()).as(name).isZero();
            assertThat(again.rejected()).as(name).hasSameSizeAs(report.rejected());
            assertThat(again.updated()).as(name).isEqualTo((long) UPDATED_AGAIN.getOrDefault(name, 0));
        }
        return report.rejected().size();
    }

    /**
     * All of them into one store in one call, again, then the store opened again: the journal now holds merges
     * and updates across files (OpenCTI's data set in three variants, Poison Ivy twice), and replays to the same
     * state.
     */
    @Test
    void allBundlesInOneStoreReplayToTheSameState() throws IOException {
        List<Path> files = bundleFiles();
        Path dir = tmp.resolve("all");
        StoreState state;
        try (Cti cti = Cti.builder().dataDirectory(dir).build()) {
            ImportReport first = cti.importFiles(files, Caller.ADMIN);
            assertThat(first.files()).isEqualTo(files.size());
            assertThat(first.unreadable()).isEmpty();
            assertThat(first.rejected())
                    .hasSize(REJECTED.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum());
            ImportReport again = cti.importFiles(files, Caller.ADMIN);
            assertThat(again.created()).isZero();
            state = StoreState.of(cti);
            System.out.printf(
                    "all bundles: %d objects, %d created, %d updated, %d unchanged, %d rejected, %d warnings; "
                            + "again %d updated; %d stored%n",
                    first.objects(),
                    first.created(),
                    first.updated(),
                    first.unchanged(),
                    first.rejected().size(),
                    first.warningCount(),
                    again.updated(),
                    state.objects().size());
        }
        try (Cti reopened = Cti.builder().dataDirectory(dir).build()) {
            assertThat(reopened.recoveryNote()).isNull();
            assertThat(StoreState.of(reopened)).isEqualTo(state);
        }
        try (Cti readOnly = Cti.builder().dataDirectory(dir).readOnly(true).build()) {
            assertThat(StoreState.of(readOnly)).isEqualTo(state);
        }
    }

    /** The STIX bundles (and arrays of STIX objects) among the MISP, OpenCTI and other bundle folders. */
    private static List<Path> bundleFiles() throws IOException {
        Path root = SharedData.root();
        List<Path> out = new ArrayList<>();
        Map<String, Integer> perFolder = new TreeMap<>();
        for (String folder : BUNDLE_FILES.keySet()) {
            List<Path> candidates;
            try (Stream<Path> s = Files.walk(root.resolve(folder))) {
                candidates = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .collect(Collectors.toList());
            }
            for (Path p : candidates) {
                if (isStix(p)) {
                    out.add(p);
                    perFolder.merge(folder, 1, Integer::sum);
                }
            }
        }
        assertThat(perFolder).isEqualTo(new TreeMap<>(BUNDLE_FILES));
        out.sort(null);
        return out;
    }

    /** A bundle, or an array whose first element has a STIX id; not MISP JSON, feeds or dashboards. */
    private static boolean isStix(Path file) {
        try (StixReader r = StixReader.open(file)) {
            if (r.shape() == StixReader.Shape.BUNDLE) {
                return true;
            }
            if (r.shape() != StixReader.Shape.ARRAY || !r.hasNext()) {
                return false;
            }
            String id = r.next().id();
            return id != null && id.contains("--");
        } catch (RuntimeException unreadable) {
            return false; // the ESET file that is not valid JSON
        }
    }
}
