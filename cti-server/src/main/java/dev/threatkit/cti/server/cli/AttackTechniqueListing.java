package dev.threatkit.cti.server.cli;

import dev.threatkit.cti.attack.AttackAnalytics;
import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.store.Caller;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code cti attack mitigations} and {@code detections} share: one technique in, one line per item out. */
abstract class AttackTechniqueListing<T> implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TECH", description = "a STIX id or ATT&CK id (T1003, T1059.001)")
    String technique;

    @Option(names = "--all", description = "include revoked and deprecated objects and relationships")
    boolean all;

    @Mixin
    DataOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The items for the technique; empty when it is not stored. */
    abstract Optional<List<T>> find(AttackAnalytics attack, String technique, boolean all);

    /** One output line. */
    abstract Map<String, Object> row(T item);

    @Override
    public Integer call() {
        String name = "cti attack " + spec.name() + ": ";
        Optional<List<T>> found;
        try (Cti cti = data.openForReading()) {
            found = find(AttackAnalytics.of(cti), technique, all);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(name + e.getMessage());
            return CtiCli.USAGE;
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println(name + technique + " is not in the store in " + data.dir);
            return CtiCli.NEGATIVE;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (T item : found.get()) {
            out.println(JsonOut.of(row(item)));
        }
        out.flush();
        return CtiCli.OK;
    }

    static Caller caller() {
        return Caller.ADMIN;
    }
}
