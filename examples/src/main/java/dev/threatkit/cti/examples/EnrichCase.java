package dev.threatkit.cti.examples;

import dev.threatkit.cti.graph.Cti;
import dev.threatkit.cti.graph.Direction;
import dev.threatkit.cti.graph.ImportReport;
import dev.threatkit.cti.graph.Neighbor;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import dev.threatkit.cti.store.ChangeFeed;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Embedding scenario of a case-management tool: keep a knowledge store beside the cases, import what the team
 * receives, and enrich an observable or an actor named in a case with what the store knows about it, as an
 * analyst without access to TLP:RED would see it.
 */
public final class EnrichCase {
    private EnrichCase() {}

    /** The TLP:CLEAR, GREEN and AMBER markings (TLP 2.0 ids): what the case tool's analysts may see. */
    static final Set<String> ANALYST_MARKINGS = Set.of(
            "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");

    /**
     * Imports {@code bundles} into the store in {@code data}, then prints what the store knows about {@code id}
     * (any id form: STIX id, ATT&amp;CK id such as G0016, an observable's hash...). Returns the neighbours shown.
     */
    public static List<Neighbor> run(Path data, List<Path> bundles, String id, PrintStream out) {
        Caller analyst = Caller.of(ANALYST_MARKINGS, 60);
        try (Cti cti = Cti.builder().dataDirectory(data).build();
                ChangeFeed.Subscription feed = cti.subscribe(
                        cti.lastEventId(),
                        e -> out.println("changed: " + e.kind().jsonName() + " " + e.objectId()))) {
            ImportReport report = cti.importFiles(bundles, Caller.ADMIN); // the feed connector writes as admin
            out.println("imported " + report.created() + " new, " + report.updated() + " updated, "
                    + report.rejected().size() + " rejected");
            Optional<StixObject> found = cti.get(id, analyst);
            if (found.isEmpty()) {
                out.println(id + ": unknown (or not visible to this analyst)");
                return List.of();
            }
            StixObject o = found.get();
            out.println(o.type() + " " + o.name());
            List<Neighbor> around =
                    cti.neighbors(id, null, Direction.BOTH, false, analyst).orElseThrow();
            for (Neighbor n : around) {
                out.println(
                        "  " + n.relationshipType() + " " + n.direction().jsonName() + " " + n.type() + " " + n.name());
            }
            return around;
        }
    }
}
