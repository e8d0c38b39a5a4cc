package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.search.FilterGroup;
import dev.threatkit.cti.search.LuceneSearchIndex;
import dev.threatkit.cti.search.SearchException;
import dev.threatkit.cti.search.SearchHit;
import dev.threatkit.cti.search.SearchPage;
import dev.threatkit.cti.search.SearchRequest;
import dev.threatkit.cti.store.Caller;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cti search TEXT}: full text and OpenCTI filters over the store's search index. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the store: names, aliases, descriptions, external ids (T1059.001, G0016, CVE ids), indicator"
                    + " patterns and observable values; indicators may be defanged (hxxp, [.], [@]). Exact name,"
                    + " alias and id matches come first, the better-connected object first among them.",
            "Prints one JSON object per hit, best first: {\"id\", \"type\", \"name\", \"score\"}. Exit 1 when"
                    + " nothing matches, 2 for a malformed filter or an unknown key or type.",
            "An empty TEXT with --filters lists what the filters select, in stored-id order."
        })
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "what to look for (may be empty)")
    String text = "";

    @Option(
            names = "--filters",
            paramLabel = "JSON|@FILE",
            description = "an OpenCTI FilterGroup, inline or @file: {\"mode\": \"and\", \"filters\": [{\"key\":"
                    + " [\"entity_type\"], \"values\": [\"Malware\"]}], \"filterGroups\": []}")
    String filters;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            split = ",",
            description = "a STIX type or an OpenCTI entity type, parents included (Stix-Cyber-Observable,"
                    + " Threat-Actor ...); repeat or separate with commas for several")
    List<String> types = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "hits to print (default 20)")
    int limit;

    @Option(names = "--all", description = "include revoked and deprecated objects")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SearchRequest request;
        try {
            request = SearchRequest.builder()
                    .text(text == null ? "" : text)
                    .filters(filters == null ? null : FilterGroup.parse(readFilters(filters)))
                    .types(types)
                    .limit(limit)
                    .includeInactive(all)
                    .build();
        } catch (SearchException e) {
            err.println("cti search: " + e.getMessage());
            return CtiCli.USAGE;
        } catch (IOException e) {
            err.println("cti search: cannot read the filters file " + filters.substring(1) + ": " + e.getMessage());
            return CtiCli.USAGE;
        }
        if (request.text().isBlank()
                && request.filters() == null
                && request.types().isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give TEXT, --filters or --type: an empty search selects nothing to list");
        }
        SearchPage page;
        try (LuceneSearchIndex index = open(err)) {
            if (index == null) {
                return CtiCli.NEGATIVE;
            }
            page = index.search(request, Caller.ADMIN);
        } catch (SearchException e) {
            err.println("cti search: " + e.getMessage());
            return CtiCli.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (SearchHit hit : page.hits()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", hit.id());
            row.put("type", hit.type());
            row.put("name", hit.name());
            row.put("score", Math.round(hit.score() * 10_000.0) / 10_000.0);
            out.println(JsonOut.of(row));
        }
        out.flush();
        return page.hits().isEmpty() ? CtiCli.NEGATIVE : CtiCli.OK;
    }

    /**
     * The store's index, read-only so searches run beside a writer. A store without an index yet (imported before
     * search existed, or restored from a backup) gets one built first, when no other process is writing.
     */
    private LuceneSearchIndex open(PrintWriter err) {
        Path dir = data.searchDirectory();
        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            if (!Files.isDirectory(data.dir)) {
                err.println("cti search: there is no store in " + data.dir + "; import something first");
                return null;
            }
            err.println("cti search: building the search index of " + data.dir + " ...");
            try (Workspace store = data.openForWriting()) {
                store.cti.awaitSearchable();
            }
        }
        return LuceneSearchIndex.openReadOnly(dir, StixRegistry.builtIn());
    }

    private static boolean isEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static String readFilters(String value) throws IOException {
        if (value.startsWith("@")) {
            return Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8);
        }
        return value;
    }
}
