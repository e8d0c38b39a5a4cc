package dev.threatkit.cti.examples;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.search.Facet;
import dev.threatkit.cti.search.FacetCount;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.LuceneSearchIndex;
import dev.threatkit.cti.search.SearchHit;
import dev.threatkit.cti.search.SearchPage;
import dev.threatkit.cti.search.SearchRequest;
import dev.threatkit.cti.store.Caller;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Embedding scenario of a SOAR playbook's triage step: keep a store with its search index, import what the feeds
 * deliver, then look up the indicator an alert carries (as the analyst pasted it, defanged), and list what the
 * analyst may see about it with an OpenCTI filter, best first, with counts by type for the case summary.
 */
public final class TriageSearch {
    private TriageSearch() {}

    /**
     * Imports {@code bundles} into a store in {@code data}, then searches for {@code indicator} as
     * {@code markings} allow. Returns the hits printed.
     */
    public static List<SearchHit> run(
            Path data, List<Path> bundles, String indicator, Set<String> markings, PrintStream out) {
        Caller analyst = Caller.of(markings, 60);
        try (LuceneSearchIndex index = LuceneSearchIndex.open(data.resolve("search"));
                Cti cti = Cti.builder()
                        .dataDirectory(data)
                        .searchIndex(index)
                        .readYourWrites(true) // an import returns once what it stored is searchable
                        .build()) {
            cti.importFiles(bundles, Caller.ADMIN);

            SearchPage page =
                    index.search(SearchRequest.text(indicator).limit(10).build(), analyst);
            out.println(page.total() + " objects match " + indicator);
            for (SearchHit hit : page.hits()) {
                out.println("  " + hit.type() + " " + hit.name() + " (" + hit.id() + ")");
            }

            // what the feeds said about malware, as an OpenCTI user would filter it
            FilterGroup malware = FilterGroup.parse(
                    "{\"mode\": \"and\", \"filters\": [{\"key\": [\"entity_type\"], \"values\": [\"Malware\"]}],"
                            + " \"filterGroups\": []}");
            for (FacetCount c :
                    index.facet(Facet.LABEL, SearchRequest.filtered(malware).build(), analyst, 5)) {
                out.println("  malware labelled " + c.value() + ": " + c.count());
            }
            return page.hits();
        }
    }
}
