package dev.threatkit.cti.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cti reindex}: rebuilds the search index from the store's current objects. */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the search index (<data>/search) from the store's current objects. The index is derived data:"
                    + " this is safe at any time, and needed only if its files were lost or damaged.",
            "Prints {\"reindexed\": N objects, \"event\": the last event id it reflects, \"seconds\": S}."
        })
final class ReindexCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Map<String, Object> json = new LinkedHashMap<>();
        discardUnreadableIndex();
        try (Workspace store = data.openForWriting()) {
            store.index.rebuild(store.cti);
            json.put("reindexed", store.index.size());
            json.put("event", store.cti.lastEventId());
        }
        json.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        JsonOut.println(spec, json);
        return CtiCli.OK;
    }

    /** An index Lucene cannot open (files lost or damaged) is removed, to be built again; a locked one is kept. */
    private void discardUnreadableIndex() {
        Path dir = data.searchDirectory();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (FSDirectory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                return;
            }
            SegmentInfos.readLatestCommit(d);
            return;
        } catch (IOException | RuntimeException e) {
            spec.commandLine()
                    .getErr()
                    .println("cti reindex: the index in " + dir + " cannot be read (" + e.getMessage()
                            + "); building a new one");
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.getFileName().toString().equals("write.lock")) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the damaged index in " + dir, e);
        }
    }
}
