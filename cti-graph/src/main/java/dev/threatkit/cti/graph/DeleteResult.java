package dev.threatkit.cti.graph;

import java.util.List;

/**
 * What a delete removed.
 *
 * @param deleted objects named in the call that were removed
 * @param cascaded relationships and sightings removed because an end was removed
 * @param notFound ids named in the call that match nothing visible
 * @param containersUpdated containers (reports, groupings ...) whose object_refs lost a removed object
 */
public record DeleteResult(int deleted, int cascaded, List<String> notFound, int containersUpdated) {
    public DeleteResult {
        notFound = List.copyOf(notFound);
    }
}
