package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.MergeSuggestion;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cti suggestions}: objects that look like one thing but were kept apart. */
@Command(
        name = "suggestions",
        mixinStandardHelpOptions = true,
        description = "Print the merge suggestions, one JSON object per line: {\"ids\": [id, id], \"names\": [name,"
                + " name], \"reason\"}: pairs sharing a standard id or alias that their own source keeps apart.")
final class SuggestionsCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<MergeSuggestion> suggestions;
        try (Cti cti = data.openForReading()) {
            suggestions = cti.suggestions();
        }
        PrintWriter out = spec.commandLine().getOut();
        for (MergeSuggestion s : suggestions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ids", s.ids());
            m.put("names", s.names());
            m.put("reason", s.reason());
            out.println(JsonOut.of(m));
        }
        out.flush();
        return CtiCli.OK;
    }
}
