package dev.threatkit.cti.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.markings.Tlp;
import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.StoreReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's life: feeding, visibility, paging, restarts, rebuilds and bad requests. */
class SearchIndexTest {
    private static final String T = "2024-01-01T00:00:00.000Z";
    private static final String RED = Tlp.Level.RED.stixId();
    private static final String GREEN = Tlp.Level.GREEN.stixId();
    private static final Caller GREEN_ONLY = Caller.of(Set.of(GREEN), 100);

    private LuceneSearchIndex index;
    private Feed feed;

    @BeforeEach
    void open() {
        index = LuceneSearchIndex.inMemory(StixRegistry.builtIn());
        feed = new Feed(index);
    }

    @AfterEach
    void close() {
        index.close();
    }

    static String uuid(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    static StixObject malware(int n, String name, String marking) {
        String markings = marking == null ? "" : ",\"object_marking_refs\":[\"" + marking + "\"]";
        return StixJson.parseObject("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--" + uuid(n)
                + "\",\"created\":\"" + T + "\",\"modified\":\"" + T + "\",\"name\":\"" + name
                + "\",\"is_family\":true" + markings + "}");
    }

    private List<String> names(SearchRequest request, Caller caller) {
        return index.search(request, caller).hits().stream()
                .map(SearchHit::name)
                .collect(Collectors.toList());
    }

    @Test
    void aCallerWithoutRedNeverSeesCountsOrPagesOverRedObjects() {
        for (int i = 0; i < 30; i++) {
            feed.create(malware(i, "Emotet variant " + i, i % 3 == 0 ? RED : GREEN));
        }
        feed.sync();
        SearchRequest all = SearchRequest.text("emotet").limit(7).build();
        assertThat(index.count(all, Caller.ADMIN)).isEqualTo(30);
        assertThat(index.count(all, GREEN_ONLY)).isEqualTo(20);
        List<String> seen = new ArrayList<>();
        SearchPage page = index.search(all, GREEN_ONLY);
        assertThat(page.total()).isEqualTo(20);
        while (true) {
            page.hits().forEach(h -> seen.add(h.name()));
            if (!page.hasNextPage()) {
                break;
            }
            page = index.search(all.after(page.endCursor()), GREEN_ONLY);
        }
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        for (int i = 0; i < 30; i += 3) {
            assertThat(seen).doesNotContain("Emotet variant " + i);
        }
        assertThat(index.lookup("Emotet variant 3", GREEN_ONLY, 10)).isEmpty();
        assertThat(index.lookup("Emotet variant 3", Caller.ADMIN, 10)).hasSize(1);
        // an unmarked object is visible to everyone, even a caller with no markings at all
        feed.create(malware(99, "Emotet plain", null));
        feed.sync();
        assertThat(names(SearchRequest.text("emotet").build(), Caller.of(Set.of(), 100)))
                .containsExactly("Emotet plain");
    }

    @Test
    void pagesStayStableWhileObjectsArriveAndGo() {
        for (int i = 0; i < 50; i++) {
            feed.create(malware(i, "Family " + i, null));
        }
        feed.sync();
        SearchRequest byName = SearchRequest.filtered(null)
                .types("malware")
                .limit(10)
                .orderBy("name", false)
                .build();
        SearchPage first = index.search(byName, Caller.ADMIN);
        assertThat(first.total()).isEqualTo(50);
        String last = first.hits().get(9).name();
        // something sorting before the cursor arrives, something after it goes
        feed.create(malware(100, "Aaa first", null));
        feed.delete(malware(49, "Family 49", null));
        feed.sync();
        SearchPage second = index.search(byName.after(first.endCursor()), Caller.ADMIN);
        assertThat(second.hits().get(0).name()).isGreaterThan(last);
        assertThat(second.hits())
                .extracting(SearchHit::name)
                .doesNotContainAnyElementsOf(
                        first.hits().stream().map(SearchHit::name).toList());
    }

    @Test
    void revokedAndDeprecatedObjectsAreLeftOutUnlessAsked() {
        feed.create(malware(1, "Active one", null));
        feed.create(StixJson.parseObject("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--" + uuid(2)
                + "\",\"created\":\"" + T + "\",\"modified\":\"" + T
                + "\",\"name\":\"Revoked one\",\"is_family\":true,\"revoked\":true}"));
        feed.create(StixJson.parseObject("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--" + uuid(3)
                + "\",\"created\":\"" + T + "\",\"modified\":\"" + T
                + "\",\"name\":\"Deprecated one\",\"is_family\":true,\"x_mitre_deprecated\":true}"));
        feed.sync();
        assertThat(names(SearchRequest.text("one").build(), Caller.ADMIN)).containsExactly("Active one");
        assertThat(names(SearchRequest.text("one").includeInactive(true).build(), Caller.ADMIN))
                .containsExactlyInAnyOrder("Active one", "Revoked one", "Deprecated one");
    }

    @Test
    void updatesReplaceDeletesRemoveAndMergesDropTheMergedObjects() {
        feed.create(malware(1, "Old name", null));
        feed.create(malware(2, "Other", null));
        feed.sync();
        feed.update(malware(1, "New name", null));
        feed.sync();
        assertThat(names(SearchRequest.text("old").build(), Caller.ADMIN)).isEmpty();
        assertThat(names(SearchRequest.text("new").build(), Caller.ADMIN)).containsExactly("New name");
        feed.merge(malware(1, "New name", null), List.of("malware--" + uuid(2)));
        feed.sync();
        assertThat(index.size()).isEqualTo(1);
        feed.delete(malware(1, "New name", null));
        feed.sync();
        assertThat(index.size()).isZero();
    }

    @Test
    void typesTakeStixTypesEntityTypesAndParents() {
        feed.create(malware(1, "Zeus", null));
        feed.create("{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--" + uuid(2)
                + "\",\"value\":\"10.1.2.3\"}");
        feed.create(
                "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--" + uuid(3) + "\",\"created\":\""
                        + T + "\",\"modified\":\"" + T + "\",\"name\":\"Energy\",\"identity_class\":\"class\"}");
        feed.sync();
        SearchRequest.Builder any = SearchRequest.builder().limit(10);
        assertThat(names(any.types("Stix-Cyber-Observable").build(), Caller.ADMIN))
                .containsExactly("10.1.2.3");
        assertThat(names(any.types("IPv4-Addr").build(), Caller.ADMIN)).containsExactly("10.1.2.3");
        assertThat(names(any.types("Sector").build(), Caller.ADMIN)).containsExactly("Energy");
        assertThat(names(any.types("Identity").build(), Caller.ADMIN)).containsExactly("Energy");
        assertThat(names(any.types("Stix-Domain-Object").build(), Caller.ADMIN))
                .containsExactlyInAnyOrder("Zeus", "Energy");
        assertThatThrownBy(() -> index.search(any.types("Malwre").build(), Caller.ADMIN))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("unknown type \"Malwre\"");
    }

    @Test
    void anIndexOnDiskResumesFromItsLastCommitAndRebuildsFromTheStore(@TempDir Path dir) {
        index.close();
        index = LuceneSearchIndex.open(dir);
        feed = new Feed(index);
        feed.create(malware(1, "Alpha", null));
        feed.create(malware(2, "Beta", null));
        feed.sync();
        index.close();

        index = LuceneSearchIndex.open(dir);
        assertThat(index.appliedThrough()).isEqualTo(2);
        assertThat(index.size()).isEqualTo(2);
        new Feed(index).create(malware(3, "Gamma", null)); // would be event 3: appliedThrough resumes the ids
        index.awaitSearchable(3);
        assertThat(index.size()).isEqualTo(3);

        try (LuceneSearchIndex reader = LuceneSearchIndex.openReadOnly(dir, StixRegistry.builtIn())) {
            assertThat(reader.appliedThrough()).isEqualTo(2); // sees the last commit, not the writer's buffer
            assertThatThrownBy(() -> reader.onEvent(null)).hasMessageContaining("read-only");
        }

        List<StixObject> current = List.of(malware(7, "Only this", null));
        index.rebuild(new StoreReader() {
            @Override
            public Optional<StixObject> get(String id, Caller caller) {
                return Optional.empty();
            }

            @Override
            public void forEachObject(Caller caller, Consumer<StixObject> action) {
                current.forEach(action);
            }

            @Override
            public long lastEventId() {
                return 40;
            }
        });
        assertThat(index.appliedThrough()).isEqualTo(40);
        assertThat(names(SearchRequest.builder().types("malware").build(), Caller.ADMIN))
                .containsExactly("Only this");
    }

    @Test
    void aClosedIndexRefusesEventsInsteadOfBlockingTheStore() {
        feed.create(malware(1, "Zeus", null));
        index.close();
        assertThatThrownBy(() -> feed.create(malware(2, "Late", null)))
                .isInstanceOf(dev.threatkit.cti.store.StoreException.class)
                .hasMessageContaining("closed");
        index = LuceneSearchIndex.inMemory(StixRegistry.builtIn()); // for close() after the test
    }

    @Test
    void hostileValuesAreIndexedWithinLuceneLimits() {
        String huge = "\u00e9".repeat(40_000); // 80 KB of UTF-8 in one word
        feed.create(StixJson.parseObject("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--"
                + uuid(1) + "\",\"created\":\"" + T + "\",\"modified\":\"" + T + "\",\"name\":\"" + huge
                + "\",\"description\":\"http://" + huge + ".com/x " + "a.".repeat(20_000)
                + "\",\"x_opencti_stix_ids\":[\"malware--" + "0".repeat(50_000) + "\"],\"is_family\":true}"));
        feed.create(malware(2, "Normal", null));
        feed.sync();
        assertThat(index.size()).isEqualTo(2);
        assertThat(names(SearchRequest.text("normal").build(), Caller.ADMIN)).containsExactly("Normal");
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        feed.create(malware(1, "Zeus", null));
        feed.sync();
        assertThatThrownBy(() -> SearchRequest.text("x").limit(0).build())
                .hasMessageContaining("limit must be 1 to 5000");
        assertThatThrownBy(() -> SearchRequest.text("x").limit(1_000_000).build())
                .hasMessageContaining("limit must be 1 to 5000");
        assertThatThrownBy(() -> SearchRequest.text("x".repeat(20_000)).build())
                .hasMessageContaining("the most is 10000");
        assertThatThrownBy(() -> index.search(
                        SearchRequest.text("zeus").after("garbage!").build(), Caller.ADMIN))
                .isInstanceOf(SearchException.class)
                .hasMessageContaining("cursor");
        String cursor =
                index.search(SearchRequest.text("zeus").build(), Caller.ADMIN).endCursor();
        assertThatThrownBy(() -> index.search(
                        SearchRequest.builder().types("malware").after(cursor).build(), Caller.ADMIN))
                .hasMessageContaining("same text, filters, types and order");
        assertThatThrownBy(() -> index.search(
                        SearchRequest.builder()
                                .types("malware")
                                .orderBy("description", false)
                                .build(),
                        Caller.ADMIN))
                .hasMessageContaining("cannot sort on \"description\"");
        assertThat(names(SearchRequest.text("\"\" *** ((( ").build(), Caller.ADMIN))
                .isEmpty();
        assertThat(index.search(SearchRequest.text("a ".repeat(32)).build(), Caller.ADMIN)
                        .hits())
                .isEmpty();
        assertThatThrownBy(
                        () -> index.search(SearchRequest.text("a ".repeat(40)).build(), Caller.ADMIN))
                .hasMessageContaining("the most is 32");
    }
}
